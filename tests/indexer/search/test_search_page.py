"""What a search page holds beyond ranked hits: collapsing, cache, relaxing, did-you-mean,
explanations, autocomplete, against a real osmem-server with a small catalogue."""

from __future__ import annotations

import pytest

from indexer.schema import Course
from indexer.search.cache import PageCache
from indexer.search.models import Explanation, SearchParams
from indexer.search.reindex import reindex
from indexer.search.service import search, suggest

from .conftest import TODAY

pytestmark = pytest.mark.engine


def course(id_: str, title: str, provider: str = "p1", **fields) -> Course:
    return Course(
        id=id_,
        provider_id=provider,
        title={"en": title},
        start={"dates": ["2026-09-01"]},
        **fields,
    )


CATALOGUE = [
    course("pot-1", "Pottery for Beginners", mode="in_person", duration={"hours": 12}),
    # same provider, same title and facts: looks identical in a result list
    course("pot-2", "Pottery  for beginners", mode="in_person", duration={"hours": 12}),
    course("pot-3", "Pottery for Beginners", provider="p2", mode="in_person"),
    course("web-1", "Web Design Basics", mode="online", cost={"free": True, "gbp": 0}),
]


@pytest.fixture
def indexed(engine):
    reindex(engine, CATALOGUE, len(CATALOGUE), today=TODAY)
    return engine


def ids(page) -> list[str]:
    return [r["id"] for r in page.results]


def test_identical_looking_listings_collapse(indexed):
    found = ids(search(indexed, SearchParams(q="pottery"), today=TODAY))
    assert len(found) == 2
    assert "pot-3" in found  # another provider's course of the same title stays
    assert len({"pot-1", "pot-2"} & set(found)) == 1


def test_cached_until_the_index_changes(indexed):
    first = search(indexed, SearchParams(q="web design"), today=TODAY)
    again = search(indexed, SearchParams(q="web design"), today=TODAY)
    assert (first.cached, again.cached) == (False, True)
    assert ids(again) == ids(first)
    again.results.clear()  # callers get copies: nothing they do reaches the cache
    assert ids(search(indexed, SearchParams(q="web design"), today=TODAY)) == ["web-1"]
    reindex(indexed, CATALOGUE[:3], 3, today=TODAY)  # web-1 gone: a new live index
    fresh = search(indexed, SearchParams(q="web design"), today=TODAY)
    assert (fresh.cached, fresh.total) == (False, 0)


def test_zero_results_offer_the_filter_to_relax(indexed):
    page = search(indexed, SearchParams(q="pottery", filters={"mode": ["online"]}), today=TODAY)
    assert page.total == 0
    assert (page.relax.kind, page.relax.facet, page.relax.values) == ("facet", "mode", ["online"])
    assert page.relax.total == 3  # totals count listings before collapsing


def test_zero_results_offer_to_drop_a_constraint_read_from_words(indexed):
    page = search(indexed, SearchParams(q="free pottery"), today=TODAY)
    assert page.total == 0
    assert [(c.facet, c.value) for c in page.chips] == [("cost", "free")]
    assert (page.relax.kind, page.relax.phrase, page.relax.total) == ("chip", "free", 3)


def test_no_relaxation_when_nothing_helps(indexed):
    page = search(indexed, SearchParams(q="astrophysics"), today=TODAY)
    assert (page.total, page.relax) == (0, None)


def test_did_you_mean_only_when_results_are_zero_or_weak(indexed):
    assert search(indexed, SearchParams(q="potery"), today=TODAY).suggestion == "pottery"
    assert search(indexed, SearchParams(q="pottery"), today=TODAY).suggestion is None


def test_explanations_name_the_matching_field(indexed):
    page = search(indexed, SearchParams(q="pottery", explain=True), today=TODAY)
    explanation = page.results[0]["_explain"]
    assert isinstance(explanation, Explanation)
    assert explanation.score > 0
    assert any("pottery" in what and "title" in what for what, _ in explanation.reasons)


def test_explained_search_with_a_clause_the_engine_cannot_explain(indexed):
    # osmem-server 0.1.6 fails to explain a `range` ("under 20 hours"): the debug view
    # still gets its results, unexplained, not an outage
    page = search(indexed, SearchParams(q="pottery under 20 hours", explain=True), today=TODAY)
    assert "pot-1" in [r["id"] for r in page.results]


def test_autocomplete_by_word_prefixes(indexed):
    assert suggest(indexed, "pott beg", "en") == ["Pottery for Beginners", "Pottery  for beginners"]
    assert suggest(indexed, "web", "en") == ["Web Design Basics"]
    assert suggest(indexed, "zzz", "en") == []


class TestPageCache:
    def test_expires(self, monkeypatch):
        from indexer.search import cache
        from indexer.search.models import SearchPage

        clock = iter([0.0, 0.0, 100.0])
        monkeypatch.setattr(cache.time, "monotonic", lambda: next(clock))
        pages = PageCache(ttl=60)
        pages.put("k", SearchPage(total=1, page=1, per_page=20, results=[], facets={}))
        assert pages.get("k").total == 1
        assert pages.get("k") is None

    def test_bounded(self):
        from indexer.search.models import SearchPage

        pages = PageCache(size=2)
        for key in "abc":
            pages.put(key, SearchPage(total=1, page=1, per_page=20, results=[], facets={}))
        assert pages.get("a") is None and pages.get("c") is not None


class TestExplanationSummary:
    def test_field_level_weights(self):
        from indexer.search.explaining import summarise

        tree = {
            "value": 3.0,
            "description": "sum of:",
            "details": [
                {"value": 2.0, "description": "weight(title.en:python in 3) [BM25]", "details": []},
                {"value": 1.0, "description": "weight(summary.en:python in 3)", "details": []},
                {"value": 0.0, "description": "match on required clause", "details": []},
            ],
        }
        assert summarise(tree).reasons == [("title.en:python", 2.0), ("summary.en:python", 1.0)]

    def test_disjunction_without_field_detail(self):
        from indexer.search.explaining import summarise

        leaf = "((title.en:python)^6.0 | (summary.cy:python)^1.0)^0.5"
        tree = {
            "value": 4.5,
            "description": "sum of:",
            "details": [{"value": 4.5, "description": leaf}],
        }
        assert summarise(tree).reasons == [("python in title, summary (x0.5)", 4.5)]


class TestRelated:
    SUBJECT = {
        "hecos": "100108",
        "label": {"en": "Ceramics"},
        "cah3": "CAH25-01-02",
        "cah2": "CAH25-01",
        "cah1": "CAH25",
    }

    @pytest.fixture
    def related_engine(self, engine):
        catalogue = [
            course("pot-1", "Pottery for Beginners", subjects=[self.SUBJECT]),
            course("clay-1", "Working with Clay", subjects=[self.SUBJECT]),
            course("web-1", "Web Design Basics"),
            course("pot-online", "Pottery Theory", mode="online"),
        ]
        reindex(engine, catalogue, len(catalogue), today=TODAY)
        return engine

    def test_short_page_filled_with_same_subject_courses(self, related_engine):
        page = search(related_engine, SearchParams(q="pottery for beginners"), today=TODAY)
        assert ids(page) == ["pot-1"]
        # the same subject first, then a course sharing only some of the words typed
        assert [r["id"] for r in page.related] == ["clay-1", "pot-online"]
        assert "web-1" not in [r["id"] for r in page.related]

    def test_constraints_only_query_relaxed_in_related(self, related_engine):
        page = search(related_engine, SearchParams(q="online free courses"), today=TODAY)
        # no course is both; the online one meets one of the two and follows as related
        assert ids(page) == []
        assert [r["id"] for r in page.related] == ["pot-online"]

    def test_constraints_from_words_relaxed_in_related(self, related_engine):
        page = search(related_engine, SearchParams(q="pottery online"), today=TODAY)
        assert ids(page) == ["pot-online"]
        assert "pot-1" in [r["id"] for r in page.related]
        assert "web-1" not in [r["id"] for r in page.related]

    def test_misspelt_query_looks_for_neighbours_with_the_words_corrected(self, engine):
        catalogue = [
            course("pot-1", "Pottery for Beginners", subjects=[self.SUBJECT]),
            course("pot-2", "Advanced Pottery"),  # no subject: found only by the word
            course("web-1", "Web Design Basics"),
        ]
        reindex(engine, catalogue, len(catalogue), today=TODAY)
        page = search(engine, SearchParams(q="pottery begginers"), today=TODAY)
        assert ids(page) == ["pot-1"]  # the fuzzy alternative finds it
        assert page.suggestion == "pottery beginners"
        assert [r["id"] for r in page.related] == ["pot-2"]

    def test_can_be_switched_off(self, related_engine):
        page = search(related_engine, SearchParams(q="pottery", related=False), today=TODAY)
        assert page.related == []


def test_browsing_shares_the_chosen_facets_counts(indexed):
    from indexer.search.cache import COUNTS

    COUNTS.clear()
    online = search(indexed, SearchParams(filters={"mode": ["online"]}), today=TODAY)
    in_person = search(indexed, SearchParams(filters={"mode": ["in_person"]}), today=TODAY)
    assert ids(online) == ["web-1"]
    assert len(ids(in_person)) == 2 and "pot-3" in ids(in_person)  # pot-1/pot-2 look alike
    counts = {b.value: b.count for b in online.facets["mode"]}
    assert (
        counts
        == {b.value: b.count for b in in_person.facets["mode"]}
        == {
            "in_person": 3,
            "online": 1,
        }
    )
    assert len(COUNTS._items) == 1  # one count request served both pages
    assert sum(b.count for b in online.facets["cost"]) == 1  # others count the chosen only


class TestPreferences:
    """Among courses the words find about as well: a start to come, and complete, first."""

    @pytest.fixture
    def prefs_engine(self, engine):
        catalogue = [
            # the word once more (in the description), but no start known
            Course(
                id="a-nostart",
                provider_id="p1",
                title={"en": "Weaving"},
                description={"en": "Weaving."},
            ),
            Course(
                id="b-upcoming", provider_id="p2", title={"en": "Weaving"}, start={"anytime": True}
            ),
            # same text and start; only completeness differs (ids sort the other way)
            Course(
                id="c-partial",
                provider_id="p3",
                title={"en": "Knitting"},
                start={"dates": ["2026-09-01"]},
                quality={"completeness": 0.5},
            ),
            Course(
                id="d-complete",
                provider_id="p4",
                title={"en": "Knitting"},
                start={"dates": ["2026-09-01"]},
                quality={"completeness": 0.9},
            ),
        ]
        reindex(engine, catalogue, len(catalogue), today=TODAY)
        return engine

    def _order(self, engine, q):
        from indexer.search.cache import PAGES

        PAGES.clear()
        return [r["id"] for r in search(engine, SearchParams(q=q), today=TODAY).results]

    def test_a_start_to_come_first(self, prefs_engine, monkeypatch):
        assert self._order(prefs_engine, "weaving") == ["b-upcoming", "a-nostart"]
        monkeypatch.setattr("indexer.search.ranking.UPCOMING_BOOST", 0.0)
        assert self._order(prefs_engine, "weaving") == ["a-nostart", "b-upcoming"]

    def test_complete_listings_first(self, prefs_engine, monkeypatch):
        assert self._order(prefs_engine, "knitting") == ["d-complete", "c-partial"]
        monkeypatch.setattr("indexer.search.ranking.COMPLETE_BOOST", 0.0)
        assert self._order(prefs_engine, "knitting") == ["c-partial", "d-complete"]

    def test_browsing_is_not_scored(self):
        from indexer.search.queries import build_search

        assert "should" not in build_search(SearchParams(q="")).to_dict()["query"]["bool"]
