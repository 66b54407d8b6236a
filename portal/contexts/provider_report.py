"""A provider's view of its own listings: as shown, as read, what was unclear, crawl history.

Input is plain data read from the catalogue (course documents, raw listings, crawl runs);
output is template-ready dicts. Warning messages are data in both languages (the
normaliser wrote them); field names get UI labels here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from portal.contexts import formatting as fmt
from portal.contexts.content import pick
from portal.contexts.course import course_detail

FIELD_LABELS = {
    "title": _l("Title"),
    "summary": _l("Summary"),
    "description": _l("Description"),
    "level": _l("Level"),
    "credits": _l("Credits"),
    "duration": _l("Length"),
    "cost": _l("Cost and funding"),
    "mode": _l("Mode of study"),
    "start": _l("Start dates"),
    "location": _l("Location"),
    "language": _l("Language of delivery"),
    "credential_type": _l("Type of course"),
    "subjects": _l("Subject"),
}

RUN_STATUS = {
    "ok": _l("Completed"),
    "partial": _l("Completed with errors"),
    "failed": _l("Failed"),
}

# Raw listing fields in the order a provider reads its page, each with what it became.
RAW_FIELDS: tuple[tuple[str, Any], ...] = (
    ("title_en", _l("Title (English)")),
    ("title_cy", _l("Title (Welsh)")),
    ("summary_en", _l("Summary (English)")),
    ("summary_cy", _l("Summary (Welsh)")),
    ("description_en", _l("Description (English)")),
    ("description_cy", _l("Description (Welsh)")),
    ("level_text", _l("Level")),
    ("credits_text", _l("Credits")),
    ("duration_text", _l("Length")),
    ("cost_text", _l("Cost and funding")),
    ("mode_text", _l("Mode of study")),
    ("start_text", _l("Start dates")),
    ("deadline_text", _l("Application deadline")),
    ("location_text", _l("Location")),
    ("language_of_delivery_text", _l("Language of delivery")),
    ("credential_term", _l("Type of course")),
    ("entry_requirements", _l("Entry requirements")),
    ("assessment", _l("Assessment")),
    ("awarding_body", _l("Awarding body")),
    ("keywords", _l("Keywords")),
    ("course_code", _l("Course code")),
)


def field_label(name: str | None) -> str:
    return str(FIELD_LABELS[name]) if name in FIELD_LABELS else (name or "")


def percent(value: float | None, lang: str) -> str:
    from babel.numbers import format_percent

    return format_percent(float(value or 0), locale=fmt.locale_for(lang))


def warnings_context(course: Mapping[str, Any], lang: str) -> list[dict[str, Any]]:
    out = []
    for w in (course.get("quality") or {}).get("warnings") or []:
        message = pick(w.get("message"), lang) or {
            "text": w.get("code") or "",
            "lang": lang,
            "foreign": False,
        }
        phrase = w.get("phrase")
        out.append(
            {
                "field": field_label(w.get("field")),
                "code": w.get("code"),
                "message": message,
                # some messages quote the provider's words already: don't say them twice
                "phrase": None if phrase and phrase in message["text"] else phrase,
            }
        )
    return out


def listing_rows(
    courses: Iterable[Mapping[str, Any]],
    raw_urls: Mapping[str, str | None],
    lang: str,
    today: dt.date,
) -> list[dict[str, Any]]:
    rows = []
    for course in courses:
        detail = course_detail(course, lang, today)
        quality = course.get("quality") or {}
        rows.append(
            {
                "id": course["id"],
                "course": detail,
                "withdrawn": detail["withdrawn"],
                "completeness": percent(quality.get("completeness"), lang),
                "completeness_value": float(quality.get("completeness") or 0),
                "warnings": warnings_context(course, lang),
                "source_url": raw_urls.get(course["id"]) or course.get("url"),
            }
        )
    # Listings needing attention first: lowest completeness, then title.
    rows.sort(key=lambda r: (r["withdrawn"], r["completeness_value"], r["course"]["title"]["text"]))
    return rows


def _when(value: dt.datetime | str | None, lang: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        parsed = fmt.parse_when(value)
        return fmt.day(parsed, lang) if parsed else value
    from babel.dates import format_datetime

    return format_datetime(value, format="d MMMM y, HH:mm", locale=fmt.locale_for(lang))


def run_rows(runs: Iterable[Any], lang: str) -> list[dict[str, Any]]:
    rows = []
    for run in runs:
        errors = list(run.errors or [])
        rows.append(
            {
                "id": run.id,
                "started": _when(run.started_at, lang),
                "status": str(RUN_STATUS.get(run.status, run.status)),
                "status_code": run.status,
                "pages": fmt.number(run.pages_fetched or 0, lang),
                "not_modified": fmt.number(run.not_modified or 0, lang),
                "found": fmt.number(run.listings_found or 0, lang),
                "new": fmt.number(run.new or 0, lang),
                "changed": fmt.number(run.changed or 0, lang),
                "withdrawn": fmt.number(run.withdrawn or 0, lang),
                "errors": [
                    {"url": e.get("url"), "reason": e.get("reason")}
                    for e in errors
                    if isinstance(e, dict)
                ],
                "errors_text": ngettext(
                    "%(n)s error", "%(n)s errors", len(errors), n=fmt.number(len(errors), lang)
                ),
            }
        )
    return rows


def _show(value: Any) -> str:
    if value is None or value == "" or value == []:
        return ""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def understood(course: Mapping[str, Any], detail: Mapping[str, Any], field: str) -> str:
    """What the portal understood from one raw field, as the course page shows it."""
    title, summary, description = (
        course.get("title") or {},
        course.get("summary") or {},
        course.get("description") or {},
    )
    start = detail["start_info"]
    values: dict[str, Any] = {
        "title_en": title.get("en"),
        "title_cy": title.get("cy"),
        "summary_en": summary.get("en"),
        "summary_cy": summary.get("cy"),
        "description_en": _("Shown on the course page") if description.get("en") else None,
        "description_cy": _("Shown on the course page") if description.get("cy") else None,
        "level_text": " – ".join(
            v for v in (detail["level_info"]["short"], detail["level_info"]["framework"]) if v
        ),
        "credits_text": " – ".join(
            v for v in (detail["credits"]["value"], detail["credits"]["scheme"]) if v
        ),
        "duration_text": ", ".join(
            v
            for v in (
                detail["hours"],
                detail["weeks"],
                _("self-paced") if detail["self_paced"] else None,
            )
            if v
        )
        or _("Not stated"),
        "cost_text": detail["cost"],
        "mode_text": ", ".join(v for v in (detail["mode"], detail["pattern"]) if v)
        or _("Not stated"),
        "start_text": start["summary"]
        if start["anytime"]
        else "; ".join(start["dates"]) or _("Not stated"),
        "location_text": "; ".join(detail["places"]) or _("Not stated"),
        "language_of_delivery_text": detail["language"],
        "credential_term": detail["credential"],
        "entry_requirements": (course.get("more") or {}).get("entry_requirements"),
        "assessment": (course.get("more") or {}).get("assessment"),
        "awarding_body": (course.get("more") or {}).get("awarding_body"),
        "keywords": course.get("keywords"),
        "course_code": course.get("course_code"),
        "deadline_text": (course.get("start") or {}).get("deadline"),
    }
    return _show(values.get(field))


def raw_rows(
    raw: Mapping[str, Any], course: Mapping[str, Any], lang: str, today: dt.date
) -> list[dict[str, Any]]:
    detail = course_detail(course, lang, today)
    rows = []
    for name, label in RAW_FIELDS:
        harvested = _show(raw.get(name))
        now = understood(course, detail, name)
        if not harvested and not now:
            continue
        rows.append({"field": name, "label": str(label), "raw": harvested, "understood": now})
    return rows


def when(value: dt.datetime | str | None, lang: str) -> str | None:
    return _when(value, lang)
