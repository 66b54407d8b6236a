"""Shortlists -> what the adviser's page, the client's shared page, compare and print show.

Course details are the catalogue's current ones, so a shortlist made in spring tells the
adviser in autumn that a course was withdrawn or that every start date has passed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from flask_babel import gettext as _
from flask_babel import ngettext

from indexer.usermodels import Shortlist
from portal.contexts import formatting as fmt
from portal.contexts.course import (
    course_detail,
    credits_info,
    hours_text,
    weeks_text,
)
from portal.contexts.labels import LANGUAGE_LABELS, MODE_LABELS

MAX_COMPARE = 4


def dates_passed(course: Mapping[str, Any], today: dt.date) -> bool:
    """Every stated start date is behind us (and the course is not 'start any time')."""
    start = course.get("start") or {}
    dates = [d for d in start.get("dates") or [] if isinstance(d, str)]
    return bool(dates) and not start.get("anytime") and fmt.next_start(dates, today) is None


def item_status(course: Mapping[str, Any] | None, today: dt.date) -> dict[str, Any]:
    if course is None:
        return {"code": "gone", "text": _("This course is no longer in the catalogue.")}
    if (course.get("source") or {}).get("status") == "withdrawn":
        return {"code": "withdrawn", "text": _("This course is no longer listed by the provider.")}
    if dates_passed(course, today):
        return {"code": "past", "text": _("All the start dates for this course have passed.")}
    return {"code": "ok", "text": None}


def item_rows(
    shortlist: Shortlist,
    courses: Mapping[str, Mapping[str, Any]],
    lang: str,
    today: dt.date,
    *,
    shared_only: bool = False,
) -> list[dict[str, Any]]:
    """One row per course in the adviser's order; `shared_only` hides notes not marked shared."""
    items = sorted(shortlist.items, key=lambda i: i.position)
    rows = []
    for n, item in enumerate(items):
        course = courses.get(item.course_id)
        detail = course_detail(course, lang, today) if course else None
        note = item.note if (item.note and (item.note_shared or not shared_only)) else None
        rows.append(
            {
                "item_id": item.id,
                "course_id": item.course_id,
                "course": detail,
                "status": item_status(course, today),
                "note": note,
                "note_shared": item.note_shared,
                "first": n == 0,
                "last": n == len(items) - 1,
            }
        )
    return rows


def shortlist_summary(shortlist: Shortlist, lang: str) -> dict[str, Any]:
    count = len(shortlist.items)
    return {
        "name": shortlist.name,
        "client_ref": shortlist.client_ref,
        "token": shortlist.token,
        "share_token": shortlist.share_token,
        "count": count,
        "count_text": ngettext("%(n)s course", "%(n)s courses", count, n=fmt.number(count, lang)),
        "updated": fmt.day(shortlist.updated_at.date(), lang),
    }


def hours_per_week(course: Mapping[str, Any], lang: str) -> str | None:
    duration = course.get("duration") or {}
    hours, weeks = duration.get("hours"), duration.get("weeks")
    if not hours or not weeks:
        return None
    per_week = round(float(hours) / float(weeks), 1)
    return ngettext(
        "%(n)s hour a week",
        "%(n)s hours a week",
        fmt.plural_count(per_week),
        n=fmt.number(per_week, lang),
    )


def where_list(course: Mapping[str, Any], places: list[str]) -> list[str]:
    """The compare table's "Where": online courses say so; blended ones add "and online"."""
    mode = course.get("mode")
    if mode == "online":
        return [str(MODE_LABELS["online"])]
    if mode == "blended":
        if not places:
            return [_("Online (the place for the in-person part is not stated)")]
        return [*places, _("and online")]
    return list(places)


def compare_columns(
    rows: list[dict[str, Any]], courses: Mapping[str, Mapping[str, Any]], lang: str
) -> list[dict[str, Any]]:
    """Up to MAX_COMPARE courses, each with the values the compare table lines up."""
    columns = []
    for row in rows[:MAX_COMPARE]:
        course = courses.get(row["course_id"])
        detail = row["course"]
        if course is None or detail is None:
            continue
        duration = course.get("duration") or {}
        credits = credits_info(course, lang)
        level = detail["level_info"]
        cost_note = detail["cost_note"]["text"] if detail["cost_note"] else None
        paced = _("self-paced") if duration.get("self_paced") else None
        columns.append(
            {
                "course_id": row["course_id"],
                "title": detail["title"],
                "provider": detail["provider"],
                "status": row["status"],
                "level": level["short"],
                "level_stated": detail["level_stated"],
                "level_framework": level["framework"],
                "hours": hours_text(duration, lang) or _("Not stated"),
                "weeks": ", ".join(p for p in (weeks_text(duration, lang), paced) if p)
                or _("Not stated"),
                "per_week": hours_per_week(course, lang) or paced or _("Not stated"),
                "cost": detail["cost"],
                "cost_note": cost_note,
                "start": detail["start_info"],
                "mode": detail["mode"] or _("Not stated"),
                "places": detail["places"],
                "where": where_list(course, detail["places"]),
                "language": str(LANGUAGE_LABELS.get(course.get("language") or "en", "")),
                "credits": credits,
                "url": detail["url"],
            }
        )
    return columns
