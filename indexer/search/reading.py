"""Reading the query: cut it to size, then take out the constraints stated in words.

Runs before text matching, which then sees only the words about the subject.
"""

from __future__ import annotations

from typing import Any

from indexer.search.constraints import read_constraints
from indexer.search.models import FACETS, MAX_QUERY_CHARS, Chip, SearchParams
from indexer.search.queries import CourseSearch

# What one satisfied constraint adds to a score. Text scores here run to about 20-40, so
# results are ordered mostly by how many constraints they meet, then by text relevance.
# With free text only courses matching it are candidates, so this cannot pull in off-topic ones.
# (Measured: 3 -> nDCG@10 0.914, 10 -> 0.936, 30 -> 0.948; docs/relevance.md.)
CONSTRAINT_BOOST = 30.0


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
    """Read constraints stated in words; they rank results and come back as chips.

    They boost rather than filter: a free Python course that is not online is still a
    useful answer to "free online python course", just after the free online ones. A chip
    lets the user make the constraint a strict filter (the facet value) in one click.
    """

    def __call__(self, search: CourseSearch, params: SearchParams) -> None:
        if not params.read_constraints:
            return
        search.free_text, constraints = read_constraints(
            search.free_text, search.places, search.today
        )
        selected = params.filters or {}
        for constraint in constraints:
            search.should.append(boosted(constraint.clause, CONSTRAINT_BOOST * constraint.weight))
            if constraint.facet in FACETS and constraint.value not in (
                selected.get(constraint.facet) or []
            ):
                search.chips.append(Chip(constraint.facet, constraint.value, constraint.phrase))


def boosted(clause: dict[str, Any], boost: float) -> dict[str, Any]:
    """A clause scoring a constant `boost` when it matches (graded bools keep their grades)."""
    if "bool" in clause:
        return {"bool": {"should": [clause], "boost": boost}}
    return {"constant_score": {"filter": clause, "boost": boost}}
