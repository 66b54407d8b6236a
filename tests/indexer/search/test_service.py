"""search / get_course / suggest against a real osmem-server holding the 480 devset courses."""

from __future__ import annotations

import pytest

from indexer.schema import Course
from indexer.search.associations import EMPTY
from indexer.search.client import Engine
from indexer.search.documents import to_document
from indexer.search.models import EngineUnavailable, SearchParams
from indexer.search.reindex import index_body, reindex
from indexer.search.service import get_course, search, suggest
from indexer.search.vocabulary import known_associations

from .conftest import TODAY

pytestmark = pytest.mark.engine


def ids(page) -> list[str]:
    return [r["id"] for r in page.results]


class TestText:
    def test_finds_english_title(self, devset_engine):
        page = search(devset_engine, SearchParams(q="managing projects successfully"))
        # three providers list a course of exactly this title (tvu-006, cte-005, cfc-006)
        assert {r["title"]["en"] for r in page.results[:3]} == {"Managing Projects Successfully"}
        assert "tvu-006" in ids(page)[:3]

    def test_finds_welsh_title_in_welsh(self, devset_engine):
        page = search(devset_engine, SearchParams(q="Rheoli Prosiectau'n Llwyddiannus", lang="cy"))
        assert set(ids(page)[:2]) == {"tvu-006", "cte-005"}  # the two with this Welsh title

    def test_welsh_only_listing(self, devset_engine):
        page = search(devset_engine, SearchParams(q="dulliau addysgu dwyieithog", lang="cy"))
        assert "tvu-018" in ids(page)[:3]

    def test_welsh_query_finds_english_only_listing_on_the_subject(self, devset_engine):
        # "cyfrifiadura" (computing) is the Welsh CAH label; tvu-001 is English-only
        page = search(devset_engine, SearchParams(q="cyfrifiadura", lang="cy", per_page=50))
        assert "tvu-001" in ids(page)

    def test_typo_still_finds_python(self, devset_engine):
        page = search(devset_engine, SearchParams(q="pythn"))
        assert page.total >= 5
        assert all("python" in str(r).lower() for r in page.results[:5])

    def test_operator_characters_are_harmless(self, devset_engine):
        page = search(devset_engine, SearchParams(q='python AND (data) -excel "unclosed'))
        assert page.total >= 0  # no engine error

    def test_results_carry_the_course_and_a_score(self, devset_engine):
        result = search(devset_engine, SearchParams(q="python")).results[0]
        assert {"id", "provider_id", "course_code", "title", "url", "level", "_score"} <= set(
            result
        )
        assert "autocomplete" not in result

    def test_truncated_query_flagged(self, devset_engine):
        page = search(devset_engine, SearchParams(q="python " * 200))
        assert page.truncated and len(page.query) <= 500


class TestUnderstanding:
    def test_constraints_filter_and_come_back_as_chips(self, devset_engine):
        page = search(devset_engine, SearchParams(q="free online python course"))
        assert [(c.facet, c.value) for c in page.chips] == [("cost", "free"), ("mode", "online")]
        assert page.results
        assert all(r["cost"]["free"] and r["mode"] == "online" for r in page.results)
        assert "python" in page.results[0]["title"]["en"].lower()

    def test_place_and_schedule_from_words(self, devset_engine):
        page = search(devset_engine, SearchParams(q="evening classes wrexham"))
        assert page.results
        assert all("Wrexham" in r["towns"] for r in page.results)
        assert {(c.facet, c.value) for c in page.chips} == {
            ("schedule", "evening"),
            ("place", "wrexham"),
        }

    @pytest.mark.parametrize(
        ("query", "title_word"),
        [("cwrs ar farchnata digidol", "marchnata"), ("sut i reoli prosiect", "rheoli")],
    )
    def test_welsh_mutated_query_finds_radical_titles(self, devset_engine, query, title_word):
        page = search(devset_engine, SearchParams(q=query, lang="cy"))
        titles = [(r["title"]["cy"] or "").lower() for r in page.results[:5]]
        assert any(title_word in t or title_word[1:] in t for t in titles)

    def test_welsh_synonym_finds_english_only_listings(self, devset_engine):
        page = search(devset_engine, SearchParams(q="seiberddiogelwch", lang="cy"))
        assert any(
            r["title"]["cy"] is None and "cyber" in r["title"]["en"].lower()
            for r in page.results[:10]
        )

    def test_did_you_mean(self, devset_engine):
        assert (
            search(devset_engine, SearchParams(q="free photgraphy")).suggestion
            == "free photography"
        )
        assert search(devset_engine, SearchParams(q="photography")).suggestion is None


class TestFacets:
    def test_empty_query_lists_everything_by_start_date(self, devset_engine):
        page = search(devset_engine, SearchParams(per_page=100))
        assert page.total == 480
        starts = [r["next_start"] for r in page.results if r["next_start"]]
        assert starts == sorted(starts)

    def test_counts(self, devset_engine):
        modes = {b.value: b.count for b in search(devset_engine, SearchParams()).facets["mode"]}
        assert modes == {"in_person": 232, "online": 174, "blended": 74}

    def test_selection_filters_results_but_keeps_sibling_buckets(self, devset_engine):
        page = search(devset_engine, SearchParams(filters={"mode": ["online"]}))
        assert page.total == 174
        assert {r["mode"] for r in page.results} == {"online"}
        modes = {b.value: (b.count, b.selected) for b in page.facets["mode"]}
        assert modes == {"in_person": (232, False), "online": (174, True), "blended": (74, False)}
        # other facets count only the online courses
        assert sum(b.count for b in page.facets["language"]) == 174

    def test_two_facets_and_across(self, devset_engine):
        page = search(devset_engine, SearchParams(filters={"mode": ["online"], "cost": ["free"]}))
        assert all(r["mode"] == "online" and r["cost"]["free"] for r in page.results)
        modes = {b.value: b.count for b in page.facets["mode"]}
        costs = {b.value: b.count for b in page.facets["cost"]}
        assert modes["online"] == page.total == costs["free"]

    def test_unknown_facet_values_ignored(self, devset_engine):
        page = search(devset_engine, SearchParams(filters={"mode": ["teleport"], "colour": ["x"]}))
        assert page.total == 480

    def test_subject_buckets_have_bilingual_labels(self, devset_engine):
        subjects = search(devset_engine, SearchParams()).facets["subject"]
        computing = next(b for b in subjects if b.value == "CAH11")
        assert computing.label == {"en": "Computing", "cy": "Cyfrifiadura"}

    def test_only_requested_facets(self, devset_engine):
        assert set(search(devset_engine, SearchParams(facets=("mode",))).facets) == {"mode"}


class TestSort:
    @pytest.mark.parametrize(
        ("sort", "key"),
        [
            ("duration", lambda r: r["duration"]["hours"]),
            ("cost", lambda r: r["cost"]["gbp"]),
            ("start", lambda r: r["next_start"]),
        ],
    )
    def test_ascending_with_missing_last(self, devset_engine, sort, key):
        page = search(devset_engine, SearchParams(sort=sort, per_page=100, page=5))
        values = [key(r) for r in page.results]
        known = [v for v in values if v is not None]
        assert known == sorted(known)
        assert values == known + [None] * (len(values) - len(known))

    def test_paging_beyond_the_window_is_clamped(self, devset_engine):
        page = search(devset_engine, SearchParams(page=10**6))
        assert page.page == 500 and page.results == []
        assert search(devset_engine, SearchParams(page=-3)).page == 1


class TestCourse:
    def test_get_course(self, devset_engine):
        course = get_course(devset_engine, "tvu-006")
        assert course["title"] == {
            "en": "Managing Projects Successfully",
            "cy": "Rheoli Prosiectau'n Llwyddiannus",
        }

    def test_missing_course(self, devset_engine):
        assert get_course(devset_engine, "nope-999") is None

    def test_suggest(self, devset_engine):
        assert "Python for Beginners" in suggest(devset_engine, "pyth", "en")
        assert all("pyth" in s.lower() for s in suggest(devset_engine, "Pyth", "en"))
        assert "Rheoli Prosiectau'n Llwyddiannus" in suggest(devset_engine, "rheoli pros", "cy")
        assert suggest(devset_engine, "  ", "en") == []


class TestEngineDown:
    @pytest.mark.parametrize(
        "call",
        [
            lambda e: search(e, SearchParams(q="python")),
            lambda e: get_course(e, "tvu-001"),
            lambda e: suggest(e, "py", "en"),
        ],
    )
    def test_closed_port_raises_engine_unavailable(self, closed_port_url, call):
        with Engine.connect(closed_port_url) as engine, pytest.raises(EngineUnavailable):
            call(engine)

    def test_no_live_index_is_unavailable(self, engine):
        with pytest.raises(EngineUnavailable):
            search(engine, SearchParams())


class TestVisibility:
    @pytest.fixture
    def indexed(self, engine):
        courses = [
            Course(
                id="now-1",
                provider_id="p1",
                title={"en": "Pottery for everyone"},
                start={"dates": ["2026-09-01"]},
            ),
            Course(
                id="past-1",
                provider_id="p1",
                title={"en": "Pottery"},
                start={"dates": ["2026-01-10"]},
            ),
            Course(
                id="gone-1",
                provider_id="p2",
                title={"en": "Pottery gone"},
                source={"status": "withdrawn"},
            ),
        ]
        reindex(engine, courses, 3, today=TODAY)
        return engine

    def test_withdrawn_and_past_only_hidden_unless_asked(self, indexed):
        assert ids(search(indexed, SearchParams(q="pottery"))) == ["now-1"]
        with_gone = search(indexed, SearchParams(q="pottery", include_withdrawn=True))
        assert set(ids(with_gone)) == {"now-1", "gone-1"}
        with_past = search(indexed, SearchParams(q="pottery", include_past=True))
        assert set(ids(with_past)) == {"now-1", "past-1"}
        assert get_course(indexed, "gone-1")["source"]["status"] == "withdrawn"

    def test_provider_view(self, indexed):
        page = search(indexed, SearchParams(provider_view="p2", include_withdrawn=True))
        assert ids(page) == ["gone-1"]


class TestKeywordAssociations:
    """The reindex learns which keywords go together; the search widens to them."""

    @pytest.fixture
    def indexed(self, engine):
        def course(ident: str, title: str, keywords: list[str]) -> Course:
            return Course(id=ident, provider_id="p1", title={"en": title}, keywords=keywords)

        courses = [
            course("da-1", "Introduction to Data Analytics", ["data analysis", "excel"]),
            course("da-2", "Python for Data Analysis", ["data analysis", "excel", "python"]),
            course("da-3", "Data analysis with Power BI", ["data analysis", "power bi"]),
            course("xl-1", "Microsoft Excel: Intermediate", ["excel", "spreadsheets"]),
            course("pt-1", "Pottery", ["ceramics"]),
        ]
        reindex(engine, courses, len(courses), today=TODAY)
        return engine

    def test_reindex_stores_the_table_with_the_index(self, indexed):
        table = known_associations(indexed).table
        assert dict(table["data analysis"])["excel"] == pytest.approx(2 / 3, abs=1e-3)
        assert "ceramics" not in table  # on one course, with nothing beside it

    def test_associated_courses_follow_the_ones_that_say_it(self, indexed):
        page = search(indexed, SearchParams(q="data analysis", related=False))
        found = ids(page)
        assert set(found[:3]) == {"da-1", "da-2", "da-3"}
        assert found[3:] == ["xl-1"]  # tagged "excel", which the data courses carry
        assert "pt-1" not in found

    def test_an_index_built_without_them_still_searches(self, engine):
        index = f"{engine.alias}-plain"
        engine.client.indices.create(index=index, body=index_body())
        engine.client.index(
            index=index,
            id="xl-1",
            body=to_document(Course(id="xl-1", title={"en": "Data analysis"}), TODAY),
            refresh=True,
        )
        engine.client.indices.put_alias(index=index, name=engine.alias)
        try:
            assert known_associations(engine, index) is EMPTY
            assert ids(search(engine, SearchParams(q="data analysis"))) == ["xl-1"]
        finally:
            engine.client.indices.delete(index=index)


class TestEnglishAnalysis:
    """English text is stemmed and folded: accents typed or not, the words meet."""

    @pytest.fixture
    def indexed(self, engine):
        courses = [
            Course(id="cafe-1", provider_id="p1", title={"en": "Café Management"}),
            Course(id="naive-1", provider_id="p1", title={"en": "Naive Bayes for Learners"}),
        ]
        reindex(engine, courses, len(courses), today=TODAY)
        return engine

    @pytest.mark.parametrize(
        ("q", "found"),
        [("cafe management", "cafe-1"), ("café", "cafe-1"), ("naïve bayes", "naive-1")],
    )
    def test_accents_fold(self, indexed, q, found):
        assert ids(search(indexed, SearchParams(q=q))) == [found]

    def test_the_english_chain_is_kept(self, indexed):
        tokens = indexed.client.indices.analyze(
            index=indexed.alias,
            body={"analyzer": "english_folded", "text": "The learner's Managing Cafés"},
        )["tokens"]
        assert [t["token"] for t in tokens] == ["learner", "manag", "cafe"]

    def test_a_word_no_course_has_finds_nothing(self, indexed):
        # guards the analyzer chain: with osmem's `possessive_english` stemmer in it,
        # every query matched every document
        page = search(indexed, SearchParams(q="zzzzqx", related=False))
        assert page.total == 0
