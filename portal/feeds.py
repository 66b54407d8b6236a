"""Atom feeds for saved searches: courses matching the search first seen after it was saved.

DESIGN (engine compatibility): alerts re-run the saved query with a first_seen filter
rather than percolating. The search API has no first_seen parameter yet, so the portal
re-runs the saved search and keeps the results whose `source.first_seen` is later than
the moment the search was saved, reading at most FEED_SCAN courses.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qsl
from xml.etree import ElementTree as ET

from flask import url_for
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from indexer.search.service import search
from portal.contexts.content import pick
from portal.extensions import get_engine
from portal.params import parse_search_args

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
FEED_PAGE = 100
FEED_SCAN = 500  # results read per feed request, newest matches beyond this are missed
FEED_ENTRIES = 50


def _when(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        when = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


def first_seen_after(query: str, after: dt.datetime, lang: str) -> list[dict]:
    """Courses matching the saved query whose first_seen is after `after`, newest first."""
    params, _truncated = parse_search_args(MultiDict(parse_qsl(query)), lang)
    params.per_page = FEED_PAGE
    params.facets = ()
    if after.tzinfo is None:
        after = after.replace(tzinfo=dt.UTC)
    found: list[tuple[dt.datetime, dict]] = []
    for number in range(1, FEED_SCAN // FEED_PAGE + 1):
        params.page = number
        page = search(get_engine(), params)
        for doc in page.results:
            seen = _when((doc.get("source") or {}).get("first_seen"))
            if seen is not None and seen > after:
                found.append((seen, doc))
        if number >= page.pages:
            break
    found.sort(key=lambda pair: pair[0], reverse=True)
    return [doc for _seen, doc in found[:FEED_ENTRIES]]


def new_courses_feed(
    query: str, saved_at: dt.datetime, lang: str, shortlist_name: str, feed_id: str
) -> bytes:
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: lang})
    docs = first_seen_after(query, saved_at, lang)
    ET.SubElement(feed, f"{{{ATOM}}}title").text = _(
        "New courses for the saved search in “%(name)s”", name=shortlist_name
    )
    ET.SubElement(feed, f"{{{ATOM}}}id").text = f"urn:coursefinder:feed:{feed_id}"
    newest = max(
        (_when((d.get("source") or {}).get("first_seen")) for d in docs),
        default=None,
    ) or (saved_at if saved_at.tzinfo else saved_at.replace(tzinfo=dt.UTC))
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = newest.isoformat()
    search_url = url_for("public.search_page", _external=True) + ("?" + query if query else "")
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "href": search_url})
    ET.SubElement(feed, f"{{{ATOM}}}author").append(_name(_("Course finder")))
    for doc in docs:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        title = pick(doc.get("title"), lang) or {"text": doc["id"], "lang": lang}
        ET.SubElement(entry, f"{{{ATOM}}}title", {XML_LANG: title["lang"]}).text = title["text"]
        link = url_for("public.course_page", course_id=doc["id"], _external=True)
        ET.SubElement(entry, f"{{{ATOM}}}link", {"rel": "alternate", "href": link})
        ET.SubElement(entry, f"{{{ATOM}}}id").text = f"urn:coursefinder:course:{doc['id']}"
        seen = _when((doc.get("source") or {}).get("first_seen"))
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = (seen or newest).isoformat()
        summary = pick(doc.get("summary"), lang)
        if summary:
            ET.SubElement(entry, f"{{{ATOM}}}summary", {XML_LANG: summary["lang"]}).text = summary[
                "text"
            ]
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def _name(text: str) -> ET.Element:
    element = ET.Element(f"{{{ATOM}}}name")
    element.text = text
    return element
