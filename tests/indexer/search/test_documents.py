"""The indexed document: derived facet, sort and text fields (no engine)."""

from __future__ import annotations

import datetime as dt

import pytest

from indexer.schema import Bilingual, Course, Subject
from indexer.search.analysis import welsh_stopwords
from indexer.search.documents import cost_band, duration_band, to_document
from indexer.search.mapping import mappings

TODAY = dt.date(2026, 6, 1)


def course(**kwargs) -> Course:
    return Course.model_validate({"id": "x-1", "provider_id": "prov", **kwargs})


@pytest.mark.parametrize(
    ("hours", "band"),
    [(None, None), (0, "under-10"), (9.5, "under-10"), (10, "10-30"), (99, "30-100"),
     (150, "100-200"), (200, "200-plus"), (1200, "200-plus")],
)  # fmt: skip
def test_duration_band(hours, band):
    assert duration_band(hours) == band


@pytest.mark.parametrize(
    ("cost", "band"),
    [
        ({"gbp": 0, "free": True, "funded": False}, "free"),
        ({"gbp": 0, "free": True, "funded": True}, "funded"),
        ({"gbp": 150, "free": False, "funded": True}, "funded"),  # part-funded
        ({"gbp": 450, "free": False, "funded": False}, "paid"),
        ({"gbp": None, "free": False, "funded": False}, None),  # price on application
        ({}, None),
    ],
)
def test_cost_band(cost, band):
    assert cost_band(course(cost=cost)) == band


def test_facet_fields():
    doc = to_document(
        course(
            level={"framework": "scqf", "value": 7, "rqf_equivalent": 4},
            mode="online",
            language="cy",
            duration={"hours": 150},
            subjects=[
                Subject(hecos="100366", label=Bilingual(en="Computer science"), cah1="CAH11"),
            ],
        ),
        TODAY,
    )
    assert doc["facets"] == {
        "subject": ["CAH11"],
        "level": "4",
        "duration": "100-200",
        "mode": "online",
        "cost": None,
        "provider": "prov",
        "language": "cy",
        "start": [],
    }
    # the common-schema course is kept whole beside the derived fields
    assert doc["level"] == {
        "framework": "scqf",
        "value": 7,
        "rqf_equivalent": 4,
        "eqf": None,
        "stated": None,
    }


def test_entry_level_is_a_string():
    assert (
        to_document(course(level={"rqf_equivalent": "entry"}), TODAY)["facets"]["level"] == "entry"
    )


class TestStartFields:
    def test_future_dates_and_months(self):
        doc = to_document(course(start={"dates": ["2026-09-14", "2027-01", "2026-05-01"]}), TODAY)
        assert doc["facets"]["start"] == ["2026-09", "2027-01"]
        assert doc["next_start"] == "2026-09-14"
        assert doc["past_only"] is False

    def test_current_month_without_day_counts_as_today(self):
        doc = to_document(course(start={"dates": ["2026-06"]}), dt.date(2026, 6, 20))
        assert doc["next_start"] == "2026-06-20"
        assert doc["facets"]["start"] == ["2026-06"]

    def test_past_only(self):
        doc = to_document(course(start={"dates": ["2026-01-10", "2025-09"]}), TODAY)
        assert (doc["next_start"], doc["past_only"], doc["facets"]["start"]) == (None, True, [])

    def test_anytime_starts_today(self):
        doc = to_document(course(start={"anytime": True}), TODAY)
        assert (doc["next_start"], doc["past_only"]) == ("2026-06-01", False)
        assert doc["facets"]["start"] == ["anytime"]

    def test_no_dates_is_not_past_only(self):
        doc = to_document(course(), TODAY)
        assert (doc["next_start"], doc["past_only"]) == (None, False)

    def test_unparseable_date_ignored(self):
        assert to_document(course(start={"dates": ["soon"]}), TODAY)["next_start"] is None


def test_subject_labels_in_both_languages_for_cross_language_search():
    doc = to_document(
        course(
            title={"en": "Computing for Beginners"},
            subjects=[
                Subject(
                    hecos="100366",
                    label=Bilingual(en="Computer science", cy="Cyfrifiadureg"),
                    cah3="CAH11-01-01",
                    cah1="CAH11",
                    cah1_label=Bilingual(en="computing", cy="Cyfrifiadura"),
                )
            ],
        ),
        TODAY,
    )
    assert "Cyfrifiadureg" in doc["subjects_text"]["cy"]
    assert "Cyfrifiadura" in doc["subjects_text"]["cy"]
    assert "Computer science" in doc["subjects_text"]["en"]
    assert doc["autocomplete"]["en"][0] == "Computing for Beginners"


def test_mapping_is_not_dynamic_and_uses_welsh_analyzer():
    m = mappings()
    assert m["dynamic"] is False
    assert m["properties"]["title"]["properties"]["cy"]["analyzer"] == "welsh_course"
    assert m["properties"]["title"]["properties"]["en"]["analyzer"] == "english_folded"


def test_welsh_stop_list_keeps_content_words():
    words = welsh_stopwords()
    assert {"yn", "y", "yr", "a'r"} <= set(words)
    assert "amser" not in words  # rhan-amser = part-time


def test_facet_values_and_dedupe_key():
    course = Course(
        id="a-1",
        provider_id="p1",
        title={"en": "  Pottery for BEGINNERS "},
        mode="online",
        start={"dates": ["2026-09-01"], "anytime": True},
    )
    doc = to_document(course, dt.date(2026, 6, 1))
    assert {"mode:online", "start:2026-09", "start:anytime", "provider:p1"} <= set(
        doc["facet_values"]
    )
    twin = course.model_copy(update={"id": "a-2", "title": Bilingual(en="Pottery for beginners")})
    other = course.model_copy(update={"id": "a-3", "provider_id": "p2"})
    assert doc["dedupe_key"] == to_document(twin, dt.date(2026, 6, 1))["dedupe_key"]
    assert doc["dedupe_key"] != to_document(other, dt.date(2026, 6, 1))["dedupe_key"]
    assert to_document(Course(id="x", title={"cy": ""}))["dedupe_key"] == "id:x"
