"""An XCRI-CAP 1.2 catalogue feed for the providers that publish one.

Facts stay as stated strings (mlo:start "Next intake: September 2026", not a date), each
tagged with the xml:lang it is written in. Element order follows the XCRI-CAP 1.2 schema
so a validating reader accepts it. Mapping: samplesites/README.md.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from samplesites.devset import Course
from samplesites.text import plain_text

XCRI_NS = "http://xcri.org/profiles/1.2/catalog"
DC_NS = "http://purl.org/dc/elements/1.1/"
TERMS_NS = "http://xcri.org/profiles/1.2/catalog/terms"
MLO_NS = "http://purl.org/net/mlo"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NSMAP = {None: XCRI_NS, "dc": DC_NS, "xcriTerms": TERMS_NS, "mlo": MLO_NS, "xsi": XSI_NS}
FEED_PATH = "/feeds/xcri.xml"
GENERATED = "2026-06-01T06:00:00Z"


def _el(
    parent: etree._Element,
    ns: str,
    tag: str,
    text: str | None = None,
    lang: str | None = None,
    **attrs: str,
) -> etree._Element:
    el = etree.SubElement(parent, f"{{{ns}}}{tag}", attrs)
    if text is not None:
        el.text = text
    if lang:
        el.set(XML_LANG, lang)
    return el


def xcri_feed(provider: dict[str, Any], courses: list[Course]) -> bytes:
    """The whole provider catalogue as one XCRI-CAP 1.2 document."""
    root = etree.Element(f"{{{XCRI_NS}}}catalog", nsmap=NSMAP, generated=GENERATED)
    site = provider["website"]
    prov = _el(root, XCRI_NS, "provider")
    _el(prov, DC_NS, "identifier", site + "/")
    for lang in ("en", "cy"):
        if provider.get(f"name_{lang}"):
            _el(prov, DC_NS, "title", provider[f"name_{lang}"], lang)
    _el(prov, MLO_NS, "url", site + "/")
    for course in courses:
        _course(prov, course, site)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _course(parent: etree._Element, course: Course, site: str) -> None:
    facts, flang = course.published, course.facts_lang
    langs = course.listing_languages
    url = site + course.url_path
    el = _el(parent, XCRI_NS, "course")
    for lang in langs:
        _el(el, DC_NS, "description", plain_text(course.text("description", lang)), lang)
    _el(el, DC_NS, "identifier", url)
    _el(el, DC_NS, "identifier", course.id, **{f"{{{XSI_NS}}}type": "xcriTerms:courseCode"})
    for lang in langs:
        for keyword in course.keywords(lang):
            _el(el, DC_NS, "subject", keyword, lang)
    if course.hecos_hint:
        _el(
            el,
            DC_NS,
            "subject",
            course.hecos_hint,
            "en",
            **{f"{{{XSI_NS}}}type": "xcriTerms:hecos"},
        )
    for lang in langs:
        _el(el, DC_NS, "title", course.text("title", lang), lang)
    if facts.get("credential_term"):
        _el(el, DC_NS, "type", facts["credential_term"], flang)
    for lang in langs:  # canonical page first
        _el(el, MLO_NS, "url", site + course.url_paths[lang], lang)
    for lang in langs:
        if course.text("summary", lang):
            _el(el, XCRI_NS, "abstract", course.text("summary", lang), lang)
    if facts.get("credits_text"):
        _el(el, MLO_NS, "credit", facts["credits_text"], flang)
    if facts.get("level_text"):
        _el(el, MLO_NS, "level", facts["level_text"], flang)
    pres = _el(el, XCRI_NS, "presentation")
    _el(pres, DC_NS, "identifier", url + "#presentation-1")
    for tag, field, ns in (
        ("start", "start_text", MLO_NS),
        ("duration", "duration_text", MLO_NS),
        ("attendanceMode", "mode_text", XCRI_NS),
        ("languageOfInstruction", "language_of_delivery_text", MLO_NS),
        ("cost", "cost_text", MLO_NS),
    ):
        if facts.get(field):
            _el(pres, ns, tag, facts[field], flang)
    if facts.get("location_text"):
        venue = _el(_el(pres, XCRI_NS, "venue"), XCRI_NS, "provider")
        _el(venue, DC_NS, "title", facts["location_text"], flang)
