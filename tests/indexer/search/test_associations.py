"""Keyword associations: counting, segmenting a query, the stored form, the query clause."""

from __future__ import annotations

import math

import pytest

from indexer.search.associations import EMPTY, Associations, Concept, build, fold_phrase
from indexer.search.models import SearchParams
from indexer.search.queries import build_search
from indexer.search.text import EXPANSION_BOOST, EXPANSION_FIELDS, expansion_clause

# Three data courses, two Excel courses, one Welsh computing course.
CATALOGUE = [
    ["Data analysis", "Excel", "Power BI"],
    ["data analysis", "excel", "dashboards"],
    ["Data  Analysis", "Python", "pandas"],
    ["Excel", "spreadsheets"],
    ["excel", "spreadsheets", "microsoft office"],
    ["cyfrifiadureg", "rhaglennu", "computing"],
]


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Data  Analysis", "data analysis"),
        ("Iechyd a Diogelwch", "iechyd a diogelwch"),
        ("Môn", "mon"),
        ("ŵyr", "wyr"),
        ("e-learning", "e learning"),
        ("  ", ""),
        ("C++", "c"),
    ],
)
def test_fold_phrase(text, folded):
    assert fold_phrase(text) == folded


class TestBuild:
    def test_strength_is_the_cosine_of_the_two_keywords_courses(self):
        table = build(CATALOGUE, min_strength=0.0).table
        # "data analysis" is on 3 courses, "excel" on 4, both on 2: 2 / sqrt(3 x 4)
        assert dict(table["data analysis"])["excel"] == pytest.approx(2 / math.sqrt(12))
        assert dict(table["excel"])["data analysis"] == pytest.approx(2 / math.sqrt(12))
        assert dict(table["excel"])["spreadsheets"] == pytest.approx(2 / math.sqrt(8))

    def test_a_keyword_found_beside_everything_counts_little(self):
        hub = [["sustainability", "net zero", "carbon literacy"]] * 2
        hub += [["sustainability", f"topic {i}"] for i in range(8)]
        pairs = dict(build(hub, min_strength=0.0).table["net zero"])
        assert pairs["carbon literacy"] == pytest.approx(1.0)
        assert pairs["sustainability"] == pytest.approx(2 / math.sqrt(2 * 10))
        assert "sustainability" not in dict(build(hub, min_strength=0.5).table["net zero"])

    def test_case_spacing_and_accents_are_one_phrase(self):
        table = build([["Môn", "Data  Analysis"], ["mon", "data analysis"]]).table
        assert table["mon"] == (("data analysis", 1.0),)

    def test_weak_associations_are_dropped(self):
        assert "data analysis" in build(CATALOGUE, min_strength=0.55).table
        assert "data analysis" not in build(CATALOGUE, min_strength=0.6).table

    def test_strongest_first_ties_alphabetical_and_capped(self):
        pairs = build(CATALOGUE, min_strength=0.0, max_expansions=3).table["excel"]
        assert [p for p, _ in pairs] == ["spreadsheets", "data analysis", "dashboards"]

    def test_the_most_used_phrases_are_kept_when_capped(self):
        table = build(CATALOGUE, min_strength=0.0, max_phrases=2).table
        assert set(table) == {"excel", "data analysis"}

    def test_a_phrase_never_associates_with_itself_and_lone_keywords_have_none(self):
        table = build([["python", "Python"], ["solo"]]).table
        assert table == {}

    def test_keyword_sentences_are_not_phrases(self):
        table = build([["a very long keyword that is a sentence", "python"]] * 2).table
        assert set(table) == set()


class TestConcepts:
    @pytest.fixture
    def assoc(self) -> Associations:
        return build(CATALOGUE, min_strength=0.3)

    def test_longest_known_phrase_first(self, assoc):
        concepts = assoc.concepts(["Data", "Analysis", "for", "beginners"])
        assert [c.text for c in concepts] == ["Data Analysis", "for", "beginners"]
        assert concepts[0].phrase == "data analysis"
        assert concepts[1].phrase is None and concepts[1].associated == ()

    def test_associates_already_typed_are_not_added(self, assoc):
        (data, excel) = assoc.concepts(["data", "analysis", "excel"])
        assert "excel" not in dict(data.associated)
        assert "data analysis" not in dict(excel.associated)

    def test_a_broader_part_of_a_phrase_typed_is_a_widening(self):
        assoc = build([["digital marketing", "marketing", "seo"]] * 2)
        (concept,) = assoc.concepts(["digital", "marketing"])
        assert dict(concept.associated) == {"marketing": 1.0, "seo": 1.0}

    def test_welsh_mutated_word_read_as_its_radical(self, assoc):
        (concept,) = assoc.concepts(["gyfrifiadureg"], welsh=True)
        assert concept.phrase == "cyfrifiadureg"
        assert dict(concept.associated) == {"rhaglennu": 1.0, "computing": 1.0}
        # an English query is not demutated
        assert assoc.concepts(["gyfrifiadureg"])[0].phrase is None

    def test_empty_table_knows_nothing(self):
        assert EMPTY.concepts(["data", "analysis"]) == [
            Concept("data", None),
            Concept("analysis", None),
        ]
        assert not EMPTY.table


class TestStoredForm:
    def test_round_trip(self):
        table = build(CATALOGUE, min_strength=0.0)
        again = Associations.from_meta(table.to_meta())
        assert set(again.table) == set(table.table)
        assert again.table["excel"][0] == ("spreadsheets", pytest.approx(0.707, abs=1e-3))

    @pytest.mark.parametrize(
        "meta",
        [None, {}, {"version": 99, "phrases": {}}, {"version": 1, "phrases": "nope"}, "x"],
    )
    def test_anything_else_is_empty(self, meta):
        assert Associations.from_meta(meta) is EMPTY

    def test_malformed_rows_are_skipped(self):
        meta = {"version": 1, "phrases": {"a": [["b", "not a number"]], "c": [["d", 0.5]]}}
        assert Associations.from_meta(meta).table == {"c": (("d", 0.5),)}


class TestClause:
    def test_none_without_associates(self):
        assert expansion_clause(EMPTY.concepts(["python"]), "en") is None

    def test_one_phrase_widens_to_its_associates_weighted_by_share(self):
        assoc = build(CATALOGUE, min_strength=0.3)
        clause = expansion_clause(assoc.concepts(["data", "analysis"]), "en")
        assert clause["bool"]["boost"] == EXPANSION_BOOST
        phrases = {
            c["multi_match"]["query"]: c["multi_match"]["boost"] for c in clause["bool"]["should"]
        }
        assert all(c["multi_match"]["type"] == "phrase" for c in clause["bool"]["should"])
        # looked for among the keywords and in titles (listings without keywords)
        assert clause["bool"]["should"][0]["multi_match"]["fields"] == list(EXPANSION_FIELDS)
        assert phrases["excel"] == pytest.approx(2 / math.sqrt(12))
        assert "python" in phrases

    def test_every_other_phrase_must_still_be_met(self):
        assoc = build(CATALOGUE, min_strength=0.3)
        clause = expansion_clause(assoc.concepts(["data", "analysis", "education"]), "en")
        data, education = clause["bool"]["should"]
        assert len(data["bool"]["should"]) > 1  # its own words or an associate
        assert data["bool"]["should"][0]["multi_match"]["query"] == "data analysis"
        assert education["multi_match"]["query"] == "education"
        assert education["multi_match"]["minimum_should_match"] == "100%"
        assert clause["bool"]["minimum_should_match"] == "2<75%"

    def test_search_uses_the_associations_it_is_given(self):
        assoc = build(CATALOGUE, min_strength=0.3)
        plain = build_search(SearchParams(q="data analysis")).to_dict()
        widened = build_search(SearchParams(q="data analysis"), associations=assoc).to_dict()
        assert "keywords.folded" not in str(plain["query"])
        assert "'excel'" in str(widened["query"])


def test_vocabulary_cache_keeps_one_live_index_per_alias():
    from indexer.search.vocabulary import _cached

    cache: dict = {}
    loads: list[str] = []

    def load(name: str):
        return lambda: loads.append(name) or name

    assert _cached(cache, ("url", "courses", "courses-1"), load("v1")) == "v1"
    assert _cached(cache, ("url", "courses", "courses-1"), load("again")) == "v1"  # cached
    assert _cached(cache, ("url", "other", "other-1"), load("o1")) == "o1"
    assert _cached(cache, ("url", "courses", "courses-2"), load("v2")) == "v2"  # reindexed
    assert set(cache) == {("url", "other", "other-1"), ("url", "courses", "courses-2")}
    assert loads == ["v1", "o1", "v2"]
