"""Context builders and parameter parsing, without Flask or an engine."""

from __future__ import annotations

import datetime as dt

import pytest
from werkzeug.datastructures import MultiDict

from indexer.search.models import FacetBucket, SearchPage, SearchParams
from portal.contexts import formatting as fmt
from portal.contexts.content import blocks, content_language, pick
from portal.contexts.course import (
    cost_text,
    course_detail,
    credits_info,
    length_text,
    start_info,
)
from portal.contexts.search import query_string, search_context
from portal.params import BadSearchParameter, parse_search_args
from tests.portal.courses import catalogue

TODAY = dt.date(2026, 11, 22)


class TestContent:
    def test_page_language_first(self) -> None:
        assert pick({"en": "First aid", "cy": "Cymorth cyntaf"}, "cy") == {
            "text": "Cymorth cyntaf",
            "lang": "cy",
            "foreign": False,
        }

    def test_other_language_is_marked(self) -> None:
        assert pick({"en": "First aid", "cy": None}, "cy") == {
            "text": "First aid",
            "lang": "en",
            "foreign": True,
        }

    def test_blank_counts_as_missing(self) -> None:
        assert pick({"en": "  ", "cy": ""}, "en") is None

    def test_fact_language_known_only_for_one_language_listings(self) -> None:
        assert content_language({"title": {"cy": "Cwrs"}}) == "cy"
        assert content_language({"title": {"en": "A", "cy": "B"}}) is None


def test_description_blocks_turn_bullets_into_lists() -> None:
    text = "Intro line one.\nline two.\n\nWhat you'll learn:\n• one\n• two\n\nOutcomes:\n1. first\n2. second"
    assert blocks(text) == [
        {"kind": "paragraph", "text": "Intro line one. line two."},
        {"kind": "paragraph", "text": "What you'll learn:"},
        {"kind": "list", "items": ["one", "two"]},
        {"kind": "paragraph", "text": "Outcomes:"},
        {"kind": "list", "items": ["first", "second"]},
    ]


class TestFormatting:
    def test_welsh_month_names(self) -> None:
        assert fmt.start_date("2026-11-23", "cy") == "23 Tachwedd 2026"
        assert fmt.start_date("2027-02", "cy") == "Chwefror 2027"
        assert fmt.start_date("2026-11-23", "en") == "23 November 2026"

    def test_money(self) -> None:
        assert fmt.money(445, "en") == "£445"
        assert fmt.money(12.5, "cy") == "£12.50"
        assert fmt.money(1250, "en") == "£1,250"

    def test_next_start_skips_the_past(self) -> None:
        assert fmt.next_start(["2026-09-01", "2026-11", "2027-01-10"], TODAY) == "2026-11"
        assert fmt.next_start(["2020-01-01"], TODAY) is None

    @pytest.mark.parametrize(("value", "count"), [(1, 1), (2.0, 2), (2.5, 100), (6, 6)])
    def test_plural_count(self, value: float, count: int) -> None:
        assert fmt.plural_count(value) == count


class TestCourse:
    @pytest.mark.parametrize(
        ("cost", "text"),
        [
            ({"gbp": 0, "free": True, "funded": True}, "Fully funded (eligibility applies)"),
            ({"free": True, "funded": False}, "Free"),
            ({"gbp": 150, "free": False, "funded": True}, "Part-funded: £150"),
            ({"gbp": 95, "free": False, "funded": False}, "£95"),
            ({"free": False, "funded": False}, "Ask the provider for the price"),
            ({}, "Not stated"),
        ],
    )
    def test_cost(self, cost: dict, text: str) -> None:
        assert cost_text(cost, "en") == text

    def test_starts_that_have_gone_are_said_to_have_gone(self) -> None:
        info = start_info(
            {"dates": ["2027-01-10", "2026-09-01", TODAY.strftime("%Y-%m")]}, "en", TODAY
        )
        passed, this_month, later = info["dates"]
        assert passed.endswith("(already started)") and passed.startswith("1 September 2026")
        assert "already" not in this_month and "already" not in later

    def test_hours_from_credits_are_labelled_estimated(self) -> None:
        text = length_text({"hours": 150, "weeks": 10, "hours_derived": True}, "en")
        assert text == "150 hours (estimated from the credits), 10 weeks"

    def test_fractional_hours(self) -> None:
        assert length_text({"hours": 2.5}, "en") == "2.5 hours"

    def test_credits_with_uk_equivalent(self) -> None:
        info = credits_info({"credits": {"value": 5, "scheme": "ects", "uk_equivalent": 10}}, "en")
        assert info == {
            "value": "5 credits",
            "scheme": "European credits (ECTS)",
            "uk": "Equal to 10 UK credits",
        }

    def test_non_credit(self) -> None:
        assert credits_info({"credits": {"scheme": "none"}, "credit_bearing": False}, "en")[
            "value"
        ] == ("Not credit-bearing")

    def test_detail_of_a_welsh_only_course_on_an_english_page(self) -> None:
        welsh = next(c for c in catalogue() if c.course_code == "cg-010").model_dump(mode="json")
        detail = course_detail(welsh, "en", TODAY)
        assert detail["title"] == {
            "text": "Cymraeg Gwaith: Mynediad",
            "lang": "cy",
            "foreign": True,
        }
        assert detail["level_info"]["short"] == "Entry level"
        assert detail["level_stated"] == {"text": "Lefel Mynediad 3", "lang": "cy", "foreign": True}
        assert detail["start"] == "October 2030"
        assert detail["last_checked"] == "14 October 2026"


class TestParams:
    def test_unknown_facet_values_are_dropped(self) -> None:
        args = MultiDict(
            [("mode", "online"), ("mode", "teleport"), ("level", "99"), ("start", "2030-13")]
        )
        params, _ = parse_search_args(args, "en")
        assert params.filters == {"mode": ["online"]}

    @pytest.mark.parametrize("page", ["abc", "-1", "0", "1.5"])
    def test_nonsense_page_is_a_bad_request(self, page: str) -> None:
        with pytest.raises(BadSearchParameter):
            parse_search_args(MultiDict([("page", page)]), "en")

    def test_far_page_is_clamped_to_the_result_window(self) -> None:
        params, _ = parse_search_args(MultiDict([("page", "99999")]), "en")
        assert params.page == 500

    def test_long_query_is_cut(self) -> None:
        params, truncated = parse_search_args(MultiDict([("q", "a" * 5000)]), "en")
        assert truncated and len(params.q) == 500

    def test_unknown_sort_means_relevance(self) -> None:
        params, _ = parse_search_args(MultiDict([("sort", "price; DROP")]), "en")
        assert params.sort == "relevance"


class TestSearchContext:
    def page(self) -> tuple[SearchPage, SearchParams]:
        params = SearchParams(q="data", page=1, filters={"mode": ["online"], "subject": ["CAH11"]})
        page = SearchPage(
            total=45,
            page=1,
            per_page=20,
            results=[],
            facets={
                "mode": [FacetBucket("online", 3, True), FacetBucket("blended", 2)],
                "subject": [
                    FacetBucket("CAH11", 5, True, {"en": "Computing", "cy": "Cyfrifiadura"})
                ],
                "provider": [FacetBucket("coleg-glannau", 4)],
            },
        )
        return page, params

    def test_chips_remove_one_filter_each(self) -> None:
        page, params = self.page()
        chips = search_context(page, params, "en", TODAY)["chips"]
        assert [c["remove"] for c in chips] == ["?q=data&mode=online", "?q=data&subject=CAH11"]

    def test_facet_labels_in_the_page_language(self) -> None:
        page, params = self.page()
        names = {"coleg-glannau": {"en": "Glannau College", "cy": "Coleg y Glannau"}}
        facets = {
            g["name"]: g
            for g in search_context(page, params, "cy", TODAY, provider_names=names)["facets"]
        }
        assert facets["subject"]["options"][0]["label"]["text"] == "Cyfrifiadura"
        assert facets["provider"]["options"][0]["label"]["text"] == "Coleg y Glannau"
        assert [o["selected"] for o in facets["mode"]["options"]] == [True, False]

    def test_pager(self) -> None:
        page, params = self.page()
        pager = search_context(page, params, "en", TODAY)["pager"]
        assert pager["last"] == 3
        assert pager["next"] == query_string("data", "relevance", params.filters, 2)
        assert pager["previous"] is None
