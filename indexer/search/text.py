"""Free-text matching: which fields, how boosted, where fuzziness is allowed."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from indexer.search.analysis import ENGLISH_STOPWORDS, welsh_stopwords
from indexer.search.associations import EMPTY, Associations, Concept
from indexer.search.models import SearchParams
from indexer.search.queries import CourseSearch
from indexer.search.results import TYPED
from indexer.search.synonyms import alternatives
from indexer.search.welsh import forms, radical_candidates

# field -> boost in the searcher's language; title > subjects > keywords > summary > description
BOOSTS: dict[str, float] = {
    "title": 6.0,
    "subjects_text": 4.0,
    "keywords": 3.0,
    "summary": 2.0,
    "description": 1.0,
}
# The other language's version of a field still counts (a Welsh query should find an
# English-only listing on the same subject), but below the searcher's own language.
OTHER_LANGUAGE_FACTOR = 0.5
# Fuzzy matching only on the short, distinctive fields: fuzzy expansion over long
# descriptions is costly on a scanning engine (DESIGN 1) and mostly adds noise.
FUZZY_FIELDS = ("title", "subjects_text", "keywords")
FUZZY_MIN_LENGTH = 5
# Edits allowed per word: none below FUZZY_MIN_LENGTH characters, one at that length, two
# from one more (the engine's AUTO:low,high). The fuzzy alternative carries every word
# typed, so it needs as many of them as the words as typed do. (Until step 10 it carried
# only the long words, so "heat pump installation" was answered by any course with
# "installation" in its title.)
FUZZY_EDITS = f"AUTO:{FUZZY_MIN_LENGTH},{FUZZY_MIN_LENGTH + 1}"
# Synonym rewrites are matched on every field the words as typed are (until step 8 the
# short fields only): a Welsh query's English rewrite ("pympiau gwres" -> "heat pumps")
# must reach an English-only listing that names it in its description.
SYNONYM_FIELDS = ("title", "subjects_text", "keywords", "summary", "description")
SYNONYM_BOOST = 0.8
# Any one of the words typed, for related courses (related.py): the short fields only.
PARTIAL_FIELDS = ("title", "subjects_text", "keywords", "summary")
# Words found across fields ("CPD nursing infection control": "infection control" in the
# title, "nursing" in the description) admit a course that no single field answers. The
# clause only admits: scoring it (0.1-0.5) re-ranked every hit by it and cost nDCG@10
# ("IOSH managing safely" 0.986 -> 0.955 / 0.928), so the other clauses rank.
SPREAD_BOOST = 0.0
# Keywords associated with the ones typed (associations.py), each weighted by its
# strength: below the words themselves, above a passing mention in a description. With
# cosine strengths (0.25-1) 1.5 / 3 -> equal recall@20 on the crawled sample sites, 3
# better on the devset index (docs/relevance.md, step 11e).
EXPANSION_BOOST = 3.0
# Where an associated keyword is looked for: among a course's keywords, or in its title
# (many listings carry no keywords; their title still names the topic). Keywords only:
# recall@20 on the crawled sample sites 0.921, with titles 0.936 (devset 0.952 both).
EXPANSION_FIELDS = ("keywords.folded", "title.en", "title.cy")
# The spread and association alternatives widen queries of up to this many words. A
# longer one is a pasted sentence: its words find plenty, and each widening multiplies
# the clauses the engine evaluates (OpenSearch caps a query's clauses; osmem scans).
MAX_WIDENED_WORDS = 8
RADICAL_BOOST = 2.0  # one match on cy_radicals (no field boosts) against ~6x boosted fields
# Short queries need every word; longer ones most of them ("free online python course"
# may state "free" only in the cost field, which is not text-searched).
MINIMUM_SHOULD_MATCH = "2<75%"


PHRASE = re.compile(r'"([^"]+)"')
WORD = re.compile(r"\w+", re.UNICODE)


def _field(name: str, lang: str) -> str:
    if name == "keywords":
        return "keywords" if lang == "en" else "keywords.folded"
    return f"{name}.{lang}"


def fields(lang: str, names: tuple[str, ...] | None = None) -> list[str]:
    """`field^boost` strings: the searcher's language first, the other one lower."""
    other = "cy" if lang == "en" else "en"
    out: list[str] = []
    for name, boost in BOOSTS.items():
        if names is not None and name not in names:
            continue
        out.append(f"{_field(name, lang)}^{boost:g}")
        if name != "keywords":  # keywords are one mixed-language field
            out.append(f"{_field(name, other)}^{boost * OTHER_LANGUAGE_FACTOR:g}")
    return out


def text_clause(text: str, lang: str, associations: Associations = EMPTY) -> dict[str, Any] | None:
    """The scoring clause for free text; None when nothing searchable remains.

    Quoted parts must match as phrases. Everything is passed to match-type queries, never
    query_string, so characters such as `+ - : ( ) *` are just text.
    """
    phrases = [p.strip() for p in PHRASE.findall(text) if WORD.search(p)]
    rest = PHRASE.sub(" ", text).replace('"', " ")
    words = WORD.findall(rest)
    clauses: list[dict[str, Any]] = [
        {"multi_match": {"query": p, "type": "phrase", "fields": fields(lang), "_name": TYPED}}
        for p in phrases
    ]
    if words:
        clauses.append(_words_clause(" ".join(words), lang, associations))
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"bool": {"must": clauses}}


def _words_clause(words: str, lang: str, associations: Associations = EMPTY) -> dict[str, Any]:
    """The original words, plus alternatives that may match where they do not.

    Alternatives: a fuzzy version (typos), the words spread over several fields, synonym
    rewrites, keywords associated with the ones typed, and for Welsh the radical forms of
    mutated words. Each scores below the words as typed. Stop words of either language
    are left out: a field whose analyzer keeps them ("sut i reoli prosiect" on the
    mixed-language keywords) would otherwise need them to match.
    """
    content = content_words(words)
    text = " ".join(content) or words
    typed = multi_match(text, fields(lang))
    typed["multi_match"]["_name"] = TYPED  # results.is_weak: did any hit match these?
    options: list[dict[str, Any]] = [typed]
    if any(len(w) >= FUZZY_MIN_LENGTH for w in content):
        fuzzy = multi_match(text, fields(lang, FUZZY_FIELDS), boost=0.5)
        fuzzy["multi_match"].update(fuzziness=FUZZY_EDITS, prefix_length=1, max_expansions=20)
        del fuzzy["multi_match"]["type"], fuzzy["multi_match"]["tie_breaker"]
        options.append(fuzzy)
    welsh = lang == "cy"
    if len(content) <= MAX_WIDENED_WORDS:
        for extra in (
            spread_clause(content, lang),
            expansion_clause(associations.concepts(content, welsh=welsh), lang),
        ):
            if extra is not None:
                options.append(extra)
    options += [
        multi_match(alt, fields(lang, SYNONYM_FIELDS), boost=SYNONYM_BOOST)
        for alt in alternatives(words, welsh=welsh)
    ]
    if welsh:
        radicals = radicals_clause(words)
        if radicals:
            options.append(radicals)
    if len(options) == 1:
        return options[0]
    return {"bool": {"should": options, "minimum_should_match": 1}}


def multi_match(query: str, field_list: list[str], boost: float | None = None) -> dict[str, Any]:
    clause: dict[str, Any] = {
        "query": query,
        "type": "best_fields",
        "fields": field_list,
        "tie_breaker": 0.3,
        "minimum_should_match": MINIMUM_SHOULD_MATCH,
    }
    if boost is not None:
        clause["boost"] = boost
    return {"multi_match": clause}


@cache
def _stop_words() -> frozenset[str]:
    return ENGLISH_STOPWORDS | frozenset(welsh_stopwords())


def content_words(words: str) -> list[str]:
    """The words that carry meaning: stop words of either language left out.

    An all-capitals word is kept whatever it spells ("IT skills"); a query of stop words
    only keeps them all, so it still finds what mentions them.
    """
    stop = _stop_words()
    found = WORD.findall(words)
    kept = [w for w in found if w.lower() not in stop or (w.isupper() and len(w) > 1)]
    return kept or found


def _any_field(word: str, lang: str) -> dict[str, Any]:
    """One word in whichever field has it (Welsh: or one of its radical forms)."""
    clause = multi_match(word, fields(lang))
    del clause["multi_match"]["minimum_should_match"]
    if lang == "cy" and radical_candidates(word):
        radicals = {"match": {"cy_radicals": {"query": " ".join(sorted(forms(word)))}}}
        return {"bool": {"should": [clause, radicals]}}
    return clause


def spread_clause(content: list[str], lang: str) -> dict[str, Any] | None:
    """Most of the words typed, each in whichever field has it (see SPREAD_BOOST)."""
    if len(content) < 2:
        return None
    return {
        "bool": {
            "should": [_any_field(w, lang) for w in content],
            "minimum_should_match": MINIMUM_SHOULD_MATCH,
            "boost": SPREAD_BOOST,
        }
    }


def _associated(concept: Concept) -> list[dict[str, Any]]:
    return [
        {
            "multi_match": {
                "query": phrase,
                "type": "phrase",
                "fields": list(EXPANSION_FIELDS),
                "boost": share,
            }
        }
        for phrase, share in concept.associated
    ]


def expansion_clause(concepts: list[Concept], lang: str) -> dict[str, Any] | None:
    """Courses tagged with keywords associated with the query's (associations.py).

    Each keyword phrase typed may be met by its own words or by an associated keyword,
    each weighted by how often the two go together; as many phrases must be met as words
    must be for the words typed. So "sustainable leadership in education" may widen
    "sustainable leadership" to "school leadership" but still needs "education", and
    "data analysis" alone widens to "excel", "power bi", "dadansoddi data".
    """
    if not any(c.associated for c in concepts):
        return None
    if len(concepts) == 1:
        should = _associated(concepts[0])
        return {"bool": {"should": should, "boost": EXPANSION_BOOST}}
    per_concept: list[dict[str, Any]] = []
    for concept in concepts:
        own = multi_match(concept.text, fields(lang))
        own["multi_match"]["minimum_should_match"] = "100%"
        per_concept.append(
            {"bool": {"should": [own, *_associated(concept)]}} if concept.associated else own
        )
    return {
        "bool": {
            "should": per_concept,
            "minimum_should_match": MINIMUM_SHOULD_MATCH,
            "boost": EXPANSION_BOOST,
        }
    }


def partial_clause(text: str, lang: str, boost: float = 1.0) -> dict[str, Any] | None:
    """Any one of the words on the short fields: what `related` may follow further."""
    words = WORD.findall(PHRASE.sub(" ", text).replace('"', " "))
    if not words:
        return None
    clause = multi_match(" ".join(words), fields(lang, PARTIAL_FIELDS), boost=boost)
    clause["multi_match"]["minimum_should_match"] = 1
    return clause


def radicals_clause(words: str) -> dict[str, Any] | None:
    """Welsh words matched through their radical forms ("reoli" finds "Rheoli").

    One clause per content word, any of its forms matching (a word that cannot be mutated
    is its own only form); as many words must match as for the words as typed. Every word
    counts, not just the mutable ones: otherwise "rheoli prosiectau" would accept any
    course mentioning "rheoli", a far looser match than the words as typed (and on a
    scanning engine, many more documents for the aggregations to count).
    """
    stop = set(welsh_stopwords())
    content = [w for w in WORD.findall(words.lower()) if w not in stop]
    if not any(radical_candidates(w) for w in content):
        return None
    per_word = [{"match": {"cy_radicals": {"query": " ".join(sorted(forms(w)))}}} for w in content]
    return {
        "bool": {
            "should": per_word,
            "minimum_should_match": MINIMUM_SHOULD_MATCH,
            "boost": RADICAL_BOOST,
        }
    }


class TextMatcher:
    """Match the free text; boost listings whose title contains it as a phrase."""

    def __call__(self, search: CourseSearch, params: SearchParams) -> None:
        lang = params.lang if params.lang in ("en", "cy") else "en"
        clause = text_clause(search.free_text, lang, search.associations)
        if clause is None:
            return
        search.must.append(clause)
        plain = " ".join(WORD.findall(search.free_text))
        if len(plain.split()) > 1:
            search.should.append(
                {"match_phrase": {f"title.{lang}": {"query": plain, "boost": 2.0}}}
            )
