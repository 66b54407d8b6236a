"""Courses as CSV rows in the common schema (shortlist export, a provider's listings).

Column names are the schema's field paths in English (data, not UI). Cells that a
spreadsheet would run as a formula are prefixed with an apostrophe (CSV injection).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from typing import Any

COLUMNS = (
    "id",
    "provider_id",
    "provider_name_en",
    "provider_name_cy",
    "course_code",
    "title_en",
    "title_cy",
    "summary_en",
    "summary_cy",
    "url",
    "url_cy",
    "credential_type",
    "credential_term",
    "subjects",
    "level_framework",
    "level_value",
    "level_stated",
    "level_rqf_equivalent",
    "level_eqf",
    "credits_value",
    "credits_scheme",
    "credits_uk_equivalent",
    "credit_bearing",
    "duration_hours",
    "duration_weeks",
    "duration_self_paced",
    "duration_stated",
    "mode",
    "pattern",
    "start_dates",
    "start_anytime",
    "application_deadline",
    "cost_gbp",
    "cost_free",
    "cost_funded",
    "cost_stated",
    "language",
    "towns",
    "locations",
    "awarding_body",
    "entry_requirements",
    "status",
    "first_seen",
    "last_seen",
    "completeness",
)

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value if v not in (None, ""))
    text = str(value)
    if text.startswith(_FORMULA_START):
        text = "'" + text
    return text


def course_row(course: Mapping[str, Any]) -> dict[str, str]:
    def part(name: str) -> Mapping[str, Any]:
        return course.get(name) or {}

    provider = part("provider")
    level, credits, duration = part("level"), part("credits"), part("duration")
    cost, start, source, quality = part("cost"), part("start"), part("source"), part("quality")
    values: dict[str, Any] = {
        "id": course.get("id"),
        "provider_id": course.get("provider_id"),
        "provider_name_en": (provider.get("name") or {}).get("en"),
        "provider_name_cy": (provider.get("name") or {}).get("cy"),
        "course_code": course.get("course_code"),
        "title_en": part("title").get("en"),
        "title_cy": part("title").get("cy"),
        "summary_en": part("summary").get("en"),
        "summary_cy": part("summary").get("cy"),
        "url": course.get("url"),
        "url_cy": course.get("url_cy"),
        "credential_type": course.get("credential_type"),
        "credential_term": course.get("credential_term"),
        "subjects": [s.get("hecos") for s in course.get("subjects") or []],
        "level_framework": level.get("framework"),
        "level_value": level.get("value"),
        "level_stated": level.get("stated"),
        "level_rqf_equivalent": level.get("rqf_equivalent"),
        "level_eqf": level.get("eqf"),
        "credits_value": credits.get("value"),
        "credits_scheme": credits.get("scheme"),
        "credits_uk_equivalent": credits.get("uk_equivalent"),
        "credit_bearing": course.get("credit_bearing"),
        "duration_hours": duration.get("hours"),
        "duration_weeks": duration.get("weeks"),
        "duration_self_paced": duration.get("self_paced"),
        "duration_stated": duration.get("stated"),
        "mode": course.get("mode"),
        "pattern": course.get("pattern"),
        "start_dates": start.get("dates") or [],
        "start_anytime": start.get("anytime"),
        "application_deadline": start.get("deadline") or start.get("application_deadline"),
        "cost_gbp": cost.get("gbp"),
        "cost_free": cost.get("free"),
        "cost_funded": cost.get("funded"),
        "cost_stated": cost.get("stated"),
        "language": course.get("language"),
        "towns": course.get("towns") or [],
        "locations": [
            ", ".join(p for p in (loc.get("name"), loc.get("town"), loc.get("postcode")) if p)
            for loc in course.get("locations") or []
        ],
        "awarding_body": part("more").get("awarding_body"),
        "entry_requirements": part("more").get("entry_requirements"),
        "status": source.get("status"),
        "first_seen": source.get("first_seen"),
        "last_seen": source.get("last_seen"),
        "completeness": quality.get("completeness"),
    }
    return {key: _cell(values.get(key)) for key in COLUMNS}


def to_csv(rows: Iterable[Mapping[str, Any]], extra: tuple[str, ...] = ()) -> str:
    """CSV text with a header; `extra` columns (e.g. "note") come after the schema's."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=[*COLUMNS, *extra], lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {key: _cell(row.get(key)) if key in extra else row[key] for key in writer.fieldnames}
        )
    return out.getvalue()
