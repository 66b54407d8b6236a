"""schema.org Course / CourseInstance / EducationalOccupationalProgram from JSON-LD, microdata
and RDFa (DESIGN.md decision 3: structured data first).

JSON-LD blocks are parsed one by one so a single broken block is reported as a problem
without hiding the others; microdata goes through extruct's uniform output. Values
are copied as stated: a `timeRequired` of "PT30H" stays "PT30H" for the indexer to read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import extruct

from crawler.extractors.page import Extraction, Page

COURSE_TYPES = {"Course", "EducationalOccupationalProgram"}
_LINE_COMMENT = re.compile(r"^\s*//")
_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_COMMENTS = re.compile(r"^\s*(<!--|//\s*<!\[CDATA\[|<!\[CDATA\[)|(-->|//\s*\]\]>|\]\]>)\s*$")


def _types(node: dict) -> set[str]:
    raw = node.get("@type") or []
    raw = raw if isinstance(raw, list) else [raw]
    return {str(t).rsplit("/", 1)[-1].rsplit("#", 1)[-1] for t in raw}


def _walk(data: Any) -> Iterator[dict]:
    """Every dict node, depth first (handles @graph, arrays and nesting)."""
    if isinstance(data, list):
        for item in data:
            yield from _walk(item)
    elif isinstance(data, dict):
        yield data
        for value in data.values():
            if isinstance(value, dict | list):
                yield from _walk(value)


def _as_list(value: Any) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _text(value: Any) -> str | None:
    """A schema.org value as a string: plain text, a number, or a thing's name/value."""
    if value is None:
        return None
    if isinstance(value, list):
        parts = [t for t in (_text(v) for v in value) if t]
        return "; ".join(dict.fromkeys(parts)) or None
    if isinstance(value, dict):
        for key in ("@value", "name", "value", "description", "text"):
            if value.get(key) not in (None, ""):
                return _text(value[key])
        return None
    if isinstance(value, bool):
        return None
    text = str(value).strip()
    return text or None


def _by_language(value: Any, page_lang: str) -> dict[str, str]:
    """A text value per language: language-tagged JSON-LD values, else the page language."""
    out: dict[str, str] = {}
    for item in _as_list(value):
        if isinstance(item, dict) and "@language" in item:
            lang = str(item["@language"]).lower()[:2]
            if lang in {"en", "cy"} and _text(item):
                out.setdefault(lang, _text(item))
        elif _text(item):
            out.setdefault(page_lang, _text(item))
    return out


def _offer_text(offer: Any) -> str | None:
    if not isinstance(offer, dict):
        return _text(offer)
    for key in ("description", "name"):
        if _text(offer.get(key)):
            return _text(offer[key])
    price = _text(offer.get("price"))
    if price is None:
        spec = offer.get("priceSpecification")
        return _offer_text(spec) if isinstance(spec, dict) and spec.get("price") else None
    currency = _text(offer.get("priceCurrency"))
    return f"{currency} {price}" if currency else price


def _place_text(place: Any) -> str | None:
    if not isinstance(place, dict):
        return _text(place)
    name = _text(place.get("name"))
    if name:
        return name
    return _text(place.get("address"))


def _joined(values: list[str | None]) -> str | None:
    parts = [v for v in values if v]
    return "; ".join(dict.fromkeys(parts)) or None


def course_fields(node: dict, page_lang: str) -> dict[str, Any]:
    """Map one schema.org course node to raw-listing fields, strings as stated."""
    fields: dict[str, Any] = {}
    declared = (_text(node.get("inLanguage")) or "").lower()[:2]
    page_lang = declared if declared in {"en", "cy"} else page_lang
    for prop, base in (("name", "title"), ("description", "description")):
        for lang, text in _by_language(node.get(prop), page_lang).items():
            fields[f"{base}_{lang}"] = text
    for prop in ("abstract", "disambiguatingDescription"):
        for lang, text in _by_language(node.get(prop), page_lang).items():
            fields.setdefault(f"summary_{lang}", text)

    instances = [i for i in _as_list(node.get("hasCourseInstance")) if isinstance(i, dict)]
    offers = _as_list(node.get("offers")) + [
        o for i in instances for o in _as_list(i.get("offers"))
    ]
    credential = node.get("educationalCredentialAwarded")
    fields.update(
        {
            "course_code": _text(node.get("courseCode")) or _text(node.get("identifier")),
            "level_text": _text(node.get("educationalLevel")),
            "credits_text": _text(node.get("numberOfCredits")),
            "duration_text": _text(node.get("timeRequired"))
            or _joined(
                [_text(i.get("courseWorkload")) or _text(i.get("duration")) for i in instances]
            ),
            "cost_text": _joined([_offer_text(o) for o in offers]),
            "mode_text": _joined([_text(i.get("courseMode")) for i in instances])
            or _text(node.get("courseMode")),
            "start_text": _joined([_text(i.get("startDate")) for i in instances])
            or _text(node.get("startDate")),
            "location_text": _joined([_place_text(i.get("location")) for i in instances]),
            # The instance's inLanguage is the language of delivery; the Course's own
            # inLanguage is the language its text is written in (the page's).
            "language_of_delivery_text": _joined([_text(i.get("inLanguage")) for i in instances]),
            "credential_term": _text(node.get("courseType"))
            or (
                _text(credential.get("credentialCategory"))
                if isinstance(credential, dict)
                else _text(credential)
            ),
            "entry_requirements": _text(node.get("coursePrerequisites")),
            "awarding_body": _text(credential.get("recognizedBy"))
            if isinstance(credential, dict)
            else None,
            "deadline_text": _text(node.get("applicationDeadline")),
        }
    )
    keywords = node.get("keywords")
    if isinstance(keywords, str):
        keywords = [k for k in (s.strip() for s in keywords.split(",")) if k]
    keywords = [k for k in (_text(k) for k in _as_list(keywords)) if k]
    if keywords:
        fields["keywords" if page_lang == "en" else "keywords_cy"] = keywords
    return {k: v for k, v in fields.items() if v not in (None, "", [])}


def _lenient(text: str) -> Any:
    """Undo the two slips CMS templates make most: // comment lines and trailing commas."""
    text = "\n".join(line for line in text.splitlines() if not _LINE_COMMENT.match(line))
    return json.loads(_TRAILING_COMMA.sub(r"\1", text), strict=False)


def _jsonld_blocks(page: Page) -> Iterator[Any]:
    for raw in page.selector.xpath("//script[@type='application/ld+json']/text()").getall():
        cleaned = "\n".join(line for line in raw.splitlines() if not _COMMENTS.match(line))
        try:
            yield json.loads(cleaned, strict=False)
        except ValueError as exc:
            try:
                # Repaired without loss: the data is what the provider meant to publish.
                yield _lenient(cleaned)
            except ValueError:
                page.problems.append(f"invalid JSON-LD: {exc}")


def _courses(data: Any) -> list[dict]:
    nodes = [n for n in _walk(data) if _types(n) & COURSE_TYPES]
    # A programme listing its courses would otherwise also yield each nested course.
    nested = {id(c) for n in nodes for c in list(_walk(n))[1:]}
    return [n for n in nodes if id(n) not in nested]


def extract_jsonld(page: Page) -> list[Extraction]:
    found: list[Extraction] = []
    for block in _jsonld_blocks(page):
        found += [Extraction(course_fields(n, page.lang), "jsonld") for n in _courses(block)]
    return found


def extract_microdata(page: Page) -> list[Extraction]:
    if b"itemscope" not in page.body.lower():
        return []  # no microdata at all: spare extruct a second parse of the page
    try:
        data = extruct.extract(page.text, base_url=page.url, syntaxes=["microdata"], uniform=True)
    except Exception as exc:  # extruct raises whatever its parsers raise
        page.problems.append(f"invalid microdata: {exc}")
        return []
    return [
        Extraction(course_fields(n, page.lang), "microdata")
        for n in _courses(data.get("microdata") or [])
    ]


_SCHEMA = ("http://schema.org/", "https://schema.org/")


def _compact_rdfa(nodes: list[dict]) -> list[dict]:
    """extruct's RDFa (flattened, expanded JSON-LD: full IRIs, nodes linked by @id) in the
    compact shape `course_fields` reads: short property names, linked nodes embedded."""
    by_id = {n["@id"]: n for n in nodes if isinstance(n, dict) and "@id" in n}

    def short(key: str) -> str:
        return key.split("/")[-1] if key.startswith(_SCHEMA) else key

    def convert(value: Any, depth: int) -> Any:
        if isinstance(value, list):
            items = [convert(v, depth) for v in value]
            return items[0] if len(items) == 1 else items
        if isinstance(value, dict):
            if set(value) == {"@id"} and value["@id"] in by_id and depth < 6:
                return node(by_id[value["@id"]], depth + 1)
            return {short(k): v if k == "@type" else convert(v, depth) for k, v in value.items()}
        return value

    def node(data: dict, depth: int) -> dict:
        return {
            short(k): v if k in ("@id", "@type") else convert(v, depth) for k, v in data.items()
        }

    return [node(n, 0) for n in nodes if isinstance(n, dict)]


def extract_rdfa(page: Page) -> list[Extraction]:
    body = page.body.lower()
    if b"typeof=" not in body or b"property=" not in body:
        return []  # no RDFa: spare extruct a second parse of the page
    try:
        data = extruct.extract(page.text, base_url=page.url, syntaxes=["rdfa"], uniform=True)
    except Exception as exc:  # extruct raises whatever its parsers raise
        page.problems.append(f"invalid RDFa: {exc}")
        return []
    nodes = _compact_rdfa(data.get("rdfa") or [])
    return [Extraction(course_fields(n, page.lang), "rdfa") for n in _courses(nodes)]
