"""Reading the query: cut it to size, then take out the constraints stated in words.

Runs before text matching, which then sees only the words about the subject.
"""

from __future__ import annotations

from typing import Any

from indexer.search.constraints import read_constraints
from indexer.search.models import MAX_QUERY_CHARS, Chip, SearchParams
from indexer.search.queries import CourseSearch
from indexer.search.text import fields, multi_match

# What one satisfied preference adds to a score (a graded constraint's preferred value, a
# credential word). Text scores here run to about 20-40. With free text only courses
# matching it are candidates, so this cannot pull in off-topic ones.
# (Measured as boosts: 3 -> nDCG@10 0.914, 10 -> 0.936, 30 -> 0.948; docs/relevance.md.)
CONSTRAINT_BOOST = 30.0
# A place read as a location still counts as a word on the short fields ("leadership
# courses cardiff": a course about Cardiff ranks before others there); one typed word
# scores about 5-15, so this orders ties without outweighing the subject.
KEPT_WORD_BOOST = 0.5
KEPT_WORD_FIELDS = ("title", "subjects_text", "keywords")


def truncate(q: str) -> tuple[str, bool]:
    """The query cut to MAX_QUERY_CHARS, whitespace-normalised, and whether it was cut."""
    text = " ".join(q.split())
    if len(text) > MAX_QUERY_CHARS:
        return text[:MAX_QUERY_CHARS].rstrip(), True
    return text, False


class QueryReader:
    """Take the query text, cut to MAX_QUERY_CHARS."""

    def __call__(self, search: CourseSearch, params: SearchParams) -> None:
        search.text, search.truncated = truncate(params.q or "")
        search.free_text = search.text


class ConstraintReader:
    """Read constraints stated in words: each becomes a filter, shown as a removable chip.

    "free online python course" lists free online Python courses only; the chips "free"
    and "online" each link to the same search without that word. Graded constraints also
    rank ("level 7" prefers a course stated at level 7 in the framework named over an
    equivalent in another framework). Credential words are only preferences.
    """

    def __call__(self, search: CourseSearch, params: SearchParams) -> None:
        if not params.read_constraints:
            return
        search.free_text, constraints = read_constraints(
            search.free_text, search.places, search.today
        )
        selected = params.filters or {}
        lang = params.lang if params.lang in ("en", "cy") else "en"
        for constraint in constraints:
            if constraint.keep:
                search.should.append(
                    multi_match(
                        constraint.keep, fields(lang, KEPT_WORD_FIELDS), boost=KEPT_WORD_BOOST
                    )
                )
            graded = "bool" in constraint.clause
            if constraint.strict:
                search.filter.append(constraint.clause)
                search.constraint_filters.append(constraint.clause)
            if graded or not constraint.strict:
                search.should.append(
                    boosted(constraint.clause, CONSTRAINT_BOOST * constraint.weight)
                )
            if not constraint.strict:
                continue
            if constraint.value not in (selected.get(constraint.facet) or []):
                search.chips.append(Chip(constraint.facet, constraint.value, constraint.phrase))


def without_phrase(q: str, phrase: str) -> str:
    """The query without one constraint's words: what removing its chip searches for."""
    return " ".join(q.replace(phrase, " ", 1).split())


def boosted(clause: dict[str, Any], boost: float) -> dict[str, Any]:
    """A clause scoring a constant `boost` when it matches (graded bools keep their grades)."""
    if "bool" in clause:
        return {"bool": {"should": [clause], "boost": boost}}
    return {"constant_score": {"filter": clause, "boost": boost}}
