"""XCRI-CAP 1.2 course feeds: one raw listing per <course>, its <presentation>s folded in.

The feed is streamed with lxml's iterparse and each course element freed once read, so a
large college feed costs one course of memory. Elements are matched by local name (the
spec's namespaces are used inconsistently in the wild); text is kept as stated.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from typing import Any

from lxml import etree

from crawler.extractors.page import Extraction, Page
from crawler.processors import clean_long_text, clean_text

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"

# presentation element (local name) -> raw field
PRESENTATION_FIELDS = {
    "start": "start_text",
    "duration": "duration_text",
    "attendanceMode": "mode_text",
    "cost": "cost_text",
    "languageOfInstruction": "language_of_delivery_text",
    "applyUntil": "deadline_text",
}
# dc:description xsi:type suffix -> raw field (untyped descriptions are the description)
DESCRIPTION_TYPES = {
    "entryProfile": "entry_requirements",
    "assessmentStrategy": "assessment",
}


def _local(el: Any) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _children(el: Any, name: str) -> list:
    return [c for c in el if _local(c) == name]


def _lang(el: Any, default: str) -> str:
    node = el
    while node is not None:
        lang = node.get(XML_LANG)
        if lang:
            return lang.lower()[:2]
        node = node.getparent()
    return default


def _text(el: Any) -> str | None:
    return clean_text("".join(el.itertext()))


def _joined(values: list[str | None]) -> str | None:
    parts = [v for v in values if v]
    return "; ".join(dict.fromkeys(parts)) or None


def course_fields(course: Any, feed_lang: str = "en") -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for el in _children(course, "title"):
        fields.setdefault(f"title_{_lang(el, feed_lang)}", _text(el))
    for el in _children(course, "abstract"):
        fields.setdefault(f"summary_{_lang(el, feed_lang)}", _text(el))
    for el in _children(course, "description"):
        kind = (el.get(XSI_TYPE) or "").rsplit(":", 1)[-1]
        target = DESCRIPTION_TYPES.get(kind) or f"description_{_lang(el, feed_lang)}"
        fields.setdefault(target, clean_long_text("".join(el.itertext())))
    for el in _children(course, "identifier"):
        text = _text(el) or ""
        if text and "://" not in text:
            fields.setdefault("course_code", text)
    for el in _children(course, "type"):
        fields.setdefault("credential_term", _text(el))
    for el in _children(course, "url"):
        # one mlo:url per page language; the untagged or English one is canonical
        fields.setdefault("url_cy" if el.get(XML_LANG, "")[:2] == "cy" else "url", _text(el))
    if "url" not in fields and "url_cy" in fields:
        fields["url"] = fields["url_cy"]
    for el in _children(course, "level"):
        fields.setdefault("level_text", _text(el))
    for credit in _children(course, "credit"):
        fields.setdefault("credits_text", _text(credit))
    for qual in _children(course, "qualification"):
        for el in _children(qual, "title"):
            fields.setdefault("credential_term", _text(el))
        for el in _children(qual, "awardedBy"):
            fields.setdefault("awarding_body", _text(el))
        for el in _children(qual, "level"):
            fields.setdefault("level_text", _text(el))
    for el in _children(course, "subject"):
        if not el.get(XSI_TYPE) and _text(el):  # typed subjects are codes, not keywords
            key = "keywords_cy" if _lang(el, feed_lang) == "cy" else "keywords"
            fields.setdefault(key, []).append(_text(el))

    presentations = _children(course, "presentation")
    for local, target in PRESENTATION_FIELDS.items():
        values = [_text(el) for p in presentations for el in _children(p, local)]
        if _joined(values) and target not in fields:
            fields[target] = _joined(values)
    venues = [
        _text(t)
        for p in presentations
        for v in _children(p, "venue")
        for pr in _children(v, "provider")
        for t in _children(pr, "title")
    ]
    if _joined(venues):
        fields["location_text"] = _joined(venues)
    return {k: v for k, v in fields.items() if v not in (None, "", [])}


def iter_courses(
    data: bytes, problems: list[str] | None = None
) -> Iterator[tuple[dict[str, Any], str]]:
    """(fields, sha256 of the course element) per course; a broken feed stops with a problem."""
    parser = etree.iterparse(
        io.BytesIO(data), events=("end",), tag="{*}course", resolve_entities=False, no_network=True
    )
    try:
        for _event, course in parser:
            if course.getparent() is not None and _local(course.getparent()) == "course":
                continue  # a nested <course> is part of its parent
            digest = hashlib.sha256(etree.tostring(course)).hexdigest()
            yield course_fields(course, _lang(course, "en")), digest
            course.clear(keep_tail=True)
            while course.getprevious() is not None:  # drop finished siblings too
                del course.getparent()[0]
    except etree.XMLSyntaxError as exc:
        if problems is None:
            raise
        problems.append(f"broken XCRI-CAP feed: {exc}")


def extract_xcri(page: Page) -> list[Extraction]:
    found = []
    for fields, digest in iter_courses(page.body, page.problems):
        fields["content_hash"] = digest
        found.append(Extraction(fields, "xcri"))
    return found
