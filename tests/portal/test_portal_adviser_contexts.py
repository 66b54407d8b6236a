"""Shortlist, compare, export and provider-report builders, without Flask or an engine."""

from __future__ import annotations

import csv
import datetime as dt
import io
from types import SimpleNamespace

from flask import Flask

from portal.contexts.export import COLUMNS, course_row, to_csv
from portal.contexts.provider_report import raw_rows, run_rows, warnings_context
from portal.contexts.shortlist import (
    MAX_COMPARE,
    compare_columns,
    dates_passed,
    hours_per_week,
    item_rows,
    item_status,
)
from tests.portal.courses import catalogue

TODAY = dt.date(2026, 11, 22)
COURSES = {c.id: c.model_dump(mode="json") for c in catalogue()}


def shortlist_of(*ids: str) -> SimpleNamespace:
    items = [
        SimpleNamespace(id=n, course_id=cid, position=n, note=f"note {n}", note_shared=n % 2 == 0)
        for n, cid in enumerate(ids, start=1)
    ]
    return SimpleNamespace(items=list(reversed(items)))  # position decides, not list order


def test_status_says_withdrawn_past_or_gone() -> None:
    course = COURSES["northern-skills:ns-200"]
    assert dates_passed(course, TODAY)
    assert item_status(course, TODAY)["code"] == "past"
    withdrawn = {**course, "source": {**course["source"], "status": "withdrawn"}}
    assert item_status(withdrawn, TODAY)["code"] == "withdrawn"
    assert item_status(None, TODAY)["code"] == "gone"
    assert item_status(COURSES["coleg-glannau:cg-020"], TODAY)["code"] == "ok"  # any time


def test_rows_keep_the_advisers_order_and_hide_private_notes_when_shared() -> None:
    shortlist = shortlist_of("coleg-glannau:cg-020", "no-such:course", "northern-skills:ns-100")
    rows = item_rows(shortlist, COURSES, "en", TODAY)
    assert [r["course_id"] for r in rows] == [
        "coleg-glannau:cg-020",
        "no-such:course",
        "northern-skills:ns-100",
    ]
    assert rows[0]["first"] and rows[2]["last"]
    assert rows[1]["course"] is None and rows[1]["status"]["code"] == "gone"
    shared = item_rows(shortlist, COURSES, "en", TODAY, shared_only=True)
    assert [r["note"] for r in shared] == [None, "note 2", None]


def test_compare_lines_up_at_most_four_courses() -> None:
    ids = list(COURSES)[:6]
    rows = item_rows(shortlist_of(*ids), COURSES, "en", TODAY)
    columns = compare_columns(rows, COURSES, "en")
    assert len(columns) == MAX_COMPARE
    first = columns[0]
    assert first["course_id"] == "tywi-valley-university:tvu-001"
    assert first["per_week"] == "15 hours a week"  # 150 hours over 10 weeks
    assert first["level"] == "Level 4"
    assert hours_per_week(COURSES["coleg-glannau:cg-020"], "en") is None  # no weeks stated


def test_csv_row_has_every_schema_column_and_defuses_formulas() -> None:
    row = course_row(COURSES["tywi-valley-university:tvu-001"])
    assert list(row) == list(COLUMNS)
    assert row["level_rqf_equivalent"] == "4" and row["cost_free"] == "true"
    text = to_csv([{**row, "note": "=1+1"}], extra=("note",))
    parsed = next(csv.DictReader(io.StringIO(text)))
    assert parsed["note"] == "'=1+1" and parsed["title_en"] == "Computing for Beginners"


def test_provider_report_builders() -> None:
    course = COURSES["northern-skills:ns-200"]
    warnings = warnings_context(course, "cy")
    assert warnings[0]["field"] == "Length"  # a UI label, not the schema's field name
    assert warnings[0]["message"]["text"] == "Ni chafwyd hyd y cwrs."  # data, in Welsh
    assert warnings[1]["phrase"] == "Intermediate"
    rows = raw_rows(
        {"cost_text": "Price on application", "level_text": "Intermediate"}, course, "en", TODAY
    )
    by_field = {r["field"]: r for r in rows}
    assert by_field["cost_text"]["understood"] == "Ask the provider for the price"
    assert by_field["level_text"]["raw"] == "Intermediate"
    run = SimpleNamespace(
        id=1,
        started_at=dt.datetime(2026, 10, 14, 9, 0, tzinfo=dt.UTC),
        status="partial",
        pages_fetched=12,
        not_modified=3,
        listings_found=2,
        new=2,
        changed=0,
        withdrawn=0,
        errors=[{"url": "http://x.example/a", "reason": "HTTP 500"}],
    )
    (shown,) = run_rows([run], "en")
    assert shown["status"] == "Completed with errors" and shown["errors_text"] == "1 error"


def test_warning_quoting_the_providers_words_does_not_repeat_them() -> None:
    stated = "Start dates: Monday 7 September 2026"
    course = {
        "quality": {
            "warnings": [
                {
                    "field": "start",
                    "code": "past",
                    "message": {"en": f'A start date has already passed: "{stated}".'},
                    "phrase": stated,
                }
            ]
        }
    }
    assert warnings_context(course, "en")[0]["phrase"] is None


def test_compare_says_self_paced_and_where_in_both_languages(app: Flask) -> None:
    paced = {
        **COURSES["coleg-glannau:cg-010"],
        "duration": {"hours": 30, "self_paced": True},
        "mode": "online",
    }
    blended = {**COURSES["tywi-valley-university:tvu-001"], "locations": [], "towns": []}
    courses = {"a:paced": paced, "b:blended": blended}
    expected = {
        "en": ("self-paced", "Online", "Online (the place for the in-person part"),
        "cy": ("ar eich cyflymder eich hun", "Ar-lein", "Ar-lein (ni nodwyd ble"),
    }
    for lang, (self_paced, online, no_place) in expected.items():
        with app.test_request_context(f"/{lang}/"):
            rows = item_rows(shortlist_of(*courses), courses, lang, TODAY)
            first, second = compare_columns(rows, courses, lang)
        assert first["weeks"] == self_paced  # no weeks stated, but the pace is
        assert first["per_week"] == self_paced
        assert first["where"] == [online]
        assert second["where"][0].startswith(no_place)
        assert self_paced not in second["weeks"]
