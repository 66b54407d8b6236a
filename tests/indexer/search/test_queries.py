"""Query-builder tables: the request body built for given parameters (no engine)."""

from __future__ import annotations

import json

import pytest

from indexer.search.models import MAX_QUERY_CHARS, MAX_RESULT_WINDOW, SearchParams
from indexer.search.queries import build_search
from indexer.search.sorting import SORT_KEYS
from indexer.search.spelling import suggest_body
from indexer.search.text import fields, spread_clause


def body(**kwargs) -> dict:
    return build_search(SearchParams(**kwargs)).to_dict()


def bool_of(b: dict) -> dict:
    query = b["query"]
    if "function_score" in query:
        query = query["function_score"]["query"]
    return query["bool"]


def words_clause(b: dict) -> dict:
    return bool_of(b)["must"][0]


class TestText:
    def test_empty_query_matches_all_sorted_by_start(self):
        b = body(q="   ")
        assert bool_of(b)["must"] == [{"match_all": {}}]
        assert b["sort"] == SORT_KEYS["start"]

    @pytest.mark.parametrize(
        ("lang", "first", "other"),
        [("en", "title.en^6", "title.cy^3"), ("cy", "title.cy^6", "title.en^3")],
    )
    def test_current_language_fields_boosted_above_other(self, lang, first, other):
        got = fields(lang)
        assert got[0] == first
        assert other in got
        order = [f.split(".")[0].split("^")[0] for f in got]
        assert order.index("title") < order.index("subjects_text") < order.index("summary")
        assert order.index("summary") < order.index("description")

    def test_short_words_are_not_fuzzy(self):
        clause = words_clause(body(q="art"))
        assert "multi_match" in clause
        assert "fuzziness" not in clause["multi_match"]

    def test_long_words_get_a_fuzzy_alternative_on_short_fields_only(self):
        options = words_clause(body(q="pythn for art"))["bool"]["should"]
        exact, fuzzy = options[0], options[1]
        assert "fuzziness" not in exact["multi_match"]
        assert exact["multi_match"]["query"] == "pythn art"  # "for": a stop word
        # every word typed, fuzzy from 5 letters: "art" must still match as typed
        assert fuzzy["multi_match"]["query"] == "pythn art"
        assert fuzzy["multi_match"]["fuzziness"] == "AUTO:5,6"
        assert (
            fuzzy["multi_match"]["minimum_should_match"]
            == exact["multi_match"]["minimum_should_match"]
        )
        assert not any(f.startswith("description") for f in fuzzy["multi_match"]["fields"])

    @pytest.mark.parametrize(
        ("q", "lang", "typed"),
        [
            ("history of art", "en", "history art"),
            ("sut i reoli prosiect", "cy", "reoli prosiect"),
            ("cymraeg yn y gweithle", "cy", "cymraeg gweithle"),
            ("IT skills", "en", "IT skills"),  # capitals: an abbreviation, not "it"
            ("to be or not to be", "en", "to be or not to be"),  # only stop words: kept
        ],
    )
    def test_stop_words_of_either_language_are_left_out(self, q, lang, typed):
        clause = words_clause(body(q=q, lang=lang))
        first = clause["bool"]["should"][0] if "bool" in clause else clause
        assert first["multi_match"]["query"] == typed

    def test_words_spread_over_fields_admit_but_do_not_score(self):
        options = words_clause(body(q="CPD nursing infection control"))["bool"]["should"]
        spread = [o for o in options if "bool" in o and len(o["bool"]["should"]) == 4]
        assert len(spread) == 1
        per_word = spread[0]["bool"]["should"]
        assert [c["multi_match"]["query"] for c in per_word] == [
            "CPD",
            "nursing",
            "infection",
            "control",
        ]
        assert all("description.en^1" in c["multi_match"]["fields"] for c in per_word)
        assert spread[0]["bool"]["minimum_should_match"] == "2<75%"
        assert spread[0]["bool"]["boost"] == 0.0

    def test_long_queries_are_not_widened(self):
        from indexer.search.text import MAX_WIDENED_WORDS

        words = " ".join(f"word{i}" for i in range(MAX_WIDENED_WORDS + 1))
        options = words_clause(body(q=words))["bool"]["should"]
        assert all("multi_match" in o for o in options)  # typed and fuzzy only
        shorter = " ".join(words.split()[:MAX_WIDENED_WORDS])
        assert any("bool" in o for o in words_clause(body(q=shorter))["bool"]["should"])

    def test_one_word_has_no_spread_clause(self):
        assert spread_clause(["python"], "en") is None
        assert spread_clause(["python", "data"], "en") is not None

    def test_welsh_spread_words_also_match_their_radical_forms(self):
        clause = spread_clause(["reoli", "prosiect"], "cy")
        reoli = clause["bool"]["should"][0]["bool"]["should"]
        assert reoli[1] == {"match": {"cy_radicals": {"query": "greoli reoli rheoli"}}}

    def test_operator_characters_are_text_never_query_string(self):
        b = body(q='C++ AND (title:python) OR -foo* "unclosed')
        dumped = json.dumps(b)
        assert "query_string" not in dumped
        assert words_clause(b)["bool"]["should"][0]["multi_match"]["query"] == (
            "C AND title python OR foo unclosed"
        )

    def test_query_of_only_punctuation_lists_everything(self):
        assert bool_of(body(q="+++ ***"))["must"] == [{"match_all": {}}]

    def test_quoted_phrase_must_match_as_phrase(self):
        must = words_clause(body(q='"data analysis" python'))["bool"]["must"]
        assert must[0]["multi_match"] == {
            "query": "data analysis",
            "type": "phrase",
            "fields": fields("en"),
            "_name": "typed",
        }
        assert must[1]["bool"]["should"][0]["multi_match"]["query"] == "python"

    def test_multi_word_query_boosts_title_phrase(self):
        should = bool_of(body(q="data analysis", lang="cy"))["should"]
        assert {"match_phrase": {"title.cy": {"query": "data analysis", "boost": 2.0}}} in should

    def test_long_query_truncated_and_flagged(self):
        search = build_search(SearchParams(q="a" * (MAX_QUERY_CHARS + 50)))
        assert search.truncated
        assert len(search.text) == MAX_QUERY_CHARS
        assert not build_search(SearchParams(q="python")).truncated


class TestFilters:
    def test_withdrawn_and_past_only_excluded_by_default(self):
        assert bool_of(body())["must_not"] == [
            {"term": {"source.status": "withdrawn"}},
            {"term": {"past_only": True}},
        ]
        assert bool_of(body(include_withdrawn=True))["must_not"] == [{"term": {"past_only": True}}]
        assert "must_not" not in bool_of(body(include_withdrawn=True, include_past=True))

    def test_provider_view_in_filter_context(self):
        assert bool_of(body(provider_view="tywi-valley-university"))["filter"] == [
            {"term": {"provider_id": "tywi-valley-university"}}
        ]

    def test_facet_selections_are_a_post_filter_not_the_query(self):
        b = body(q="python", filters={"mode": ["online", "blended"], "cost": ["free"]})
        assert "filter" not in bool_of(b)
        assert b["post_filter"] == {
            "bool": {
                "filter": [
                    {"terms": {"facets.mode": ["online", "blended"]}},
                    {"terms": {"facets.cost": ["free"]}},
                ]
            }
        }

    @pytest.mark.parametrize(
        "filters",
        [
            {"colour": ["red"]},
            {"mode": ["by-pigeon"]},
            {"level": ["9", "Level 3"]},
            {"start": ["2026-13", "soon"]},
            {"subject": ["computing"]},
            {"provider": ["<script>"]},
            {"mode": []},
        ],
    )
    def test_unknown_facets_and_values_are_ignored(self, filters):
        b = body(filters=filters)
        assert "post_filter" not in b
        assert all("terms" in agg for agg in b["aggs"].values())

    def test_values_normalised_and_deduplicated(self):
        b = body(filters={"subject": ["cah11", "CAH11"], "start": ["anytime", "2026-09"]})
        assert b["post_filter"]["bool"]["filter"] == [
            {"terms": {"facets.subject": ["CAH11"]}},
            {"terms": {"facets.start": ["anytime", "2026-09"]}},
        ]


class TestFacets:
    def test_one_combined_aggregation_without_selections(self):
        assert body()["aggs"] == {"facet_values": {"terms": {"field": "facet_values", "size": 408}}}

    def test_only_the_facets_on_screen(self):
        assert body(facets=("mode", "nonsense"))["aggs"] == {
            "facet_values": {"terms": {"field": "facet_values", "size": 20}}
        }
        assert "aggs" not in body(facets=())

    def test_each_facet_counts_under_the_other_facets_selections_only(self):
        aggs = body(filters={"mode": ["online"], "level": ["3"]})["aggs"]
        assert aggs["facet_mode"]["filter"] == {
            "bool": {"filter": [{"terms": {"facets.level": ["3"]}}]}
        }
        assert aggs["facet_level"]["filter"] == {
            "bool": {"filter": [{"terms": {"facets.mode": ["online"]}}]}
        }
        assert aggs["facet_mode"]["aggs"]["facet_mode"]["terms"]["field"] == "facets.mode"
        # the unselected facets share one aggregation under one filter of every selection
        shared = aggs["facets_selected"]
        assert shared["filter"]["bool"]["filter"] == [
            {"terms": {"facets.level": ["3"]}},
            {"terms": {"facets.mode": ["online"]}},
        ]
        assert list(shared["aggs"]) == ["facet_values"]
        assert len(aggs) == 3

    def test_a_lone_selection_needs_no_filter_for_its_own_counts(self):
        aggs = body(filters={"mode": ["online"]})["aggs"]
        assert aggs["facet_mode"] == {"terms": {"field": "facets.mode", "size": 10}}

    def test_combined_buckets_split_by_facet(self):
        from indexer.search.facets import parse_facets

        aggregations = {
            "facet_values": {
                "buckets": [
                    {"key": "mode:online", "doc_count": 5},
                    {"key": "level:3", "doc_count": 2},
                    {"key": "mode:blended", "doc_count": 1},
                ]
            }
        }
        facets = parse_facets(aggregations, SearchParams(facets=("mode", "level")))
        assert [(b.value, b.count) for b in facets["mode"]] == [("online", 5), ("blended", 1)]
        assert [(b.value, b.count) for b in facets["level"]] == [("3", 2)]


class TestSortAndPaging:
    @pytest.mark.parametrize(
        ("sort", "first"),
        [
            ("relevance", "_score"),
            ("start", {"next_start": {"order": "asc", "missing": "_last"}}),
            ("duration", {"duration.hours": {"order": "asc", "missing": "_last"}}),
            ("cost", {"cost.gbp": {"order": "asc", "missing": "_last"}}),
            ("bogus", "_score"),
        ],
    )
    def test_sorts(self, sort, first):
        assert body(q="python", sort=sort)["sort"][0] == first

    def test_every_sort_ends_with_a_deterministic_tiebreak(self):
        assert all(keys[-1] == {"id": {"order": "asc"}} for keys in SORT_KEYS.values())

    @pytest.mark.parametrize(
        ("page", "per_page", "from_", "size"),
        [
            (1, 20, 0, 20),
            (3, 20, 40, 20),
            (0, 20, 0, 20),
            (-5, 20, 0, 20),
            ("x", 20, 0, 20),
            (10**9, 20, MAX_RESULT_WINDOW - 20, 20),
            (1, 1000, 0, 100),
            (1, 0, 0, 1),
            (10**9, 30, 9990, 10),
        ],
    )
    def test_paging_clamped_to_result_window(self, page, per_page, from_, size):
        b = body(page=page, per_page=per_page)
        assert (b["from"], b["size"]) == (from_, size)
        assert b["from"] + b["size"] <= MAX_RESULT_WINDOW


class TestRanking:
    @pytest.mark.parametrize("kwargs", [{"q": ""}, {"q": "python"}, {"q": "free python"}])
    def test_no_function_score_pass(self, kwargs):
        assert "function_score" not in body(**kwargs)["query"]

    def test_no_field_collapsing(self):
        assert "collapse" not in body(q="python")  # costly on osmem: results.dedupe instead

    def test_explain_passed_through(self):
        assert body(q="python", explain=True)["explain"] is True
        assert "explain" not in body(q="python")


class TestConstraintsAndAlternatives:
    def test_constraint_words_leave_the_text_and_filter(self):
        search = build_search(SearchParams(q="free online python course"))
        assert search.free_text == "python"
        assert search.text == "free online python course"
        assert {"term": {"cost.free": True}} in search.filter
        assert {"terms": {"facets.mode": ["online"]}} in search.filter
        assert [(c.facet, c.value, c.phrase) for c in search.chips] == [
            ("cost", "free", "free"),
            ("mode", "online", "online"),
        ]
        # in the query's filter context, not the post_filter: facets count within them
        assert "post_filter" not in search.to_dict()

    def test_constraints_without_a_facet_filter_and_have_chips(self):
        search = build_search(SearchParams(q="weekend pottery under 20 hours"))
        assert {"term": {"schedule": "weekend"}} in search.filter
        assert {"range": {"duration.hours": {"lt": 20.0}}} in search.filter
        assert {(c.facet, c.value) for c in search.chips} == {
            ("schedule", "weekend"),
            ("hours", "lt20h"),
        }

    def test_graded_constraint_filters_and_prefers(self):
        search = build_search(SearchParams(q="scqf level 7 computing"))
        level = json.dumps(next(c for c in search.filter if "bool" in c))
        assert '{"terms": {"facets.level": ["4"]}}' in level  # SCQF 7 = RQF 4
        assert any("scqf:7" in json.dumps(c) for c in search.should)

    def test_credential_words_only_prefer(self):
        search = build_search(SearchParams(q="short course marketing"))
        assert not any("credential_type" in json.dumps(c) for c in search.filter)
        assert any("credential_type" in json.dumps(c) for c in search.should)
        assert search.chips == []

    def test_no_chip_for_a_facet_value_already_selected(self):
        search = build_search(SearchParams(q="python online", filters={"mode": ["online"]}))
        assert search.chips == []

    def test_constraints_can_be_switched_off(self):
        search = build_search(SearchParams(q="free python", read_constraints=False))
        assert (search.free_text, search.chips) == ("free python", [])

    def test_constraint_only_query_lists_by_start_date(self):
        b = body(q="online")
        assert bool_of(b)["must"] == [{"match_all": {}}]
        assert bool_of(b)["filter"] == [{"terms": {"facets.mode": ["online"]}}]
        assert b["sort"][0] == {"next_start": {"order": "asc", "missing": "_last"}}

    def test_place_constraint_uses_known_places(self):
        search = build_search(
            SearchParams(q="evening classes wrexham"), places=frozenset({"wrexham"})
        )
        assert {"term": {"places": "wrexham"}} in search.filter
        assert {"term": {"schedule": "evening"}} in search.filter
        assert search.free_text == ""

    def test_synonym_alternatives_score_below_the_words_typed(self):
        options = words_clause(body(q="cybersecurity"))["bool"]["should"]
        queries = [o["multi_match"]["query"] for o in options if "multi_match" in o]
        assert queries[0] == "cybersecurity"
        assert "cyber security" in queries
        alt = next(o for o in options if o.get("multi_match", {}).get("query") == "cyber security")
        assert alt["multi_match"]["boost"] < 1
        # the same fields as the words typed: an English rewrite of a Welsh query must
        # reach an English-only description (docs/relevance.md, step 8)
        assert any(f.startswith("description") for f in alt["multi_match"]["fields"])

    def test_welsh_query_matches_radical_forms(self):
        options = words_clause(body(q="reoli", lang="cy"))["bool"]["should"]
        radicals = next(o for o in options if "bool" in o)
        assert radicals["bool"]["should"] == [
            {"match": {"cy_radicals": {"query": "greoli reoli rheoli"}}}
        ]

    def test_english_query_has_no_radicals_clause(self):
        options = words_clause(body(q="reoli", lang="en"))
        assert "cy_radicals" not in json.dumps(options)

    def test_spelling_is_a_separate_small_request(self):
        assert "suggest" not in body(q="pyhton")
        suggest = suggest_body(build_search(SearchParams(q="pyhton")))
        assert suggest["size"] == 0
        assert suggest["suggest"]["spelling"]["term"]["field"] == "spell"
        assert suggest_body(build_search(SearchParams(q="ai"))) is None


class TestRelatedBody:
    """The related request (related.py): what it accepts and how it ranks, as a body."""

    HIT = {
        "id": "a-1",
        "_score": 10.0,
        "subjects": [{"cah3": "CAH06-01-01", "cah2": "CAH06-01", "cah1": "CAH06"}],
    }

    def test_partial_words_and_same_subject_first(self):
        from indexer.search.related import SUBJECT_BOOST, related_body

        built = build_search(SearchParams(q="sheep farming"))
        body = related_body(built, "en", [self.HIT], 19)
        candidates = body["query"]["bool"]["must"][0]["bool"]["should"]
        partial = [
            c for c in candidates if c.get("multi_match", {}).get("minimum_should_match") == 1
        ]
        assert partial and partial[0]["multi_match"]["query"] == "sheep farming"
        assert not any(f.startswith("description") for f in partial[0]["multi_match"]["fields"])
        same = {"terms": {"subject_codes": ["CAH06-01-01"]}}
        assert same in candidates
        boost = {"constant_score": {"filter": same, "boost": SUBJECT_BOOST}}
        assert boost in body["query"]["bool"]["should"]
        assert {"terms": {"id": ["a-1"]}} in body["query"]["bool"]["must_not"]

    def test_constraints_only_query_follows_constraints(self):
        from indexer.search.related import related_body

        built = build_search(SearchParams(q="free online courses"))
        assert built.free_text == ""
        body = related_body(built, "en", [self.HIT], 19)
        candidates = body["query"]["bool"]["must"][0]["bool"]["should"]
        assert candidates == built.constraint_filters
        assert "filter" not in body["query"]["bool"] or not any(
            c in built.constraint_filters for c in body["query"]["bool"]["filter"]
        )

    def test_corrected_words_are_followed_when_known(self):
        from indexer.search.related import related_body

        built = build_search(SearchParams(q="bookeeping"))
        built.corrected_text = "bookkeeping"
        body = related_body(built, "en", [{"id": "a-1", "_score": 1.0}], 19)
        dumped = json.dumps(body)
        assert "bookeeping" not in dumped
        assert "cadw cyfrifon" in dumped  # the corrected word's synonyms count too

    def test_subject_outranks_a_met_constraint(self):
        from indexer.search.related import CONSTRAINT_SHARE_BOOST, SUBJECT_BOOST, related_body

        built = build_search(SearchParams(q="free online python course"))
        body = related_body(built, "en", [self.HIT], 19)
        constraint_boosts = [
            c["constant_score"]["boost"]
            for c in body["query"]["bool"]["should"]
            if "constant_score" in c and c["constant_score"]["filter"] in built.constraint_filters
        ]
        assert constraint_boosts == [CONSTRAINT_SHARE_BOOST] * 2
        assert CONSTRAINT_SHARE_BOOST < SUBJECT_BOOST

    def test_single_constraint_without_words_sends_nothing(self):
        from indexer.search.related import related_body

        built = build_search(SearchParams(q="online"))
        assert related_body(built, "en", [self.HIT], 19) is None


class TestLocations:
    def test_place_read_as_location_still_scores_as_a_word(self):
        search = build_search(
            SearchParams(q="leadership courses cardiff"), places=frozenset({"cardiff"})
        )
        assert {"term": {"places": "cardiff"}} in search.filter
        assert search.free_text == "leadership"
        kept = [c for c in search.should if c.get("multi_match", {}).get("query") == "cardiff"]
        assert len(kept) == 1 and kept[0]["multi_match"]["boost"] < 1

    def test_subject_place_word_gets_no_chip(self):
        search = build_search(SearchParams(q="hanes cymru am ddim", lang="cy"))
        assert search.free_text == "hanes cymru"
        assert [(c.facet, c.value) for c in search.chips] == [("cost", "free")]
        assert {"term": {"nation": "wales"}} not in search.filter
