"""Build the engine request for a `SearchParams` as a pipeline of small modifiers.

Each modifier is a callable `(search, params) -> None` that adds its own clauses to a
`CourseSearch` (h's query modifiers; warehouse's `to_dict()` tests). Order matters only
where a modifier reads what an earlier one decided (the sorter needs to know whether
there is free text; the paginator runs last).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from indexer.search.associations import EMPTY, Associations
from indexer.search.models import PER_PAGE, Chip, SearchParams


@dataclass
class CourseSearch:
    """The parts of one search request, assembled by modifiers and rendered by to_dict()."""

    text: str = ""  # the query as searched (after truncation), shown back to the user
    free_text: str = ""  # what is left for text matching once constraints are read
    truncated: bool = False
    chips: list[Chip] = field(default_factory=list)
    # context the builder may use: town names the index knows, and "today" for dates
    places: frozenset[str] = frozenset()
    today: dt.date | None = None
    associations: Associations = EMPTY  # keywords that go together (associations.py)
    # the free text with misspelt words corrected, once "did you mean" has been asked
    corrected_text: str | None = None
    must: list[dict[str, Any]] = field(default_factory=list)
    should: list[dict[str, Any]] = field(default_factory=list)
    filter: list[dict[str, Any]] = field(default_factory=list)
    # the filters read from the query's words (also in `filter`), for related.py to relax
    constraint_filters: list[dict[str, Any]] = field(default_factory=list)
    must_not: list[dict[str, Any]] = field(default_factory=list)
    # facet name -> its clause; applied as post_filter so facets keep sibling buckets
    facet_filters: dict[str, dict[str, Any]] = field(default_factory=dict)
    # functions of a function_score wrapper (e.g. demote past-only courses)
    score_functions: list[dict[str, Any]] = field(default_factory=list)
    aggs: dict[str, Any] = field(default_factory=dict)
    suggest: dict[str, Any] = field(default_factory=dict)
    sort: list[Any] = field(default_factory=list)
    page: int = 1
    from_: int = 0
    size: int = PER_PAGE
    per_page: int = PER_PAGE
    explain: bool = False
    # drop identical-looking listings (same provider, title and facts) from the page
    dedupe: bool = True

    @property
    def ranked(self) -> bool:
        """Whether scores mean anything (free text or constraints read from it)."""
        return bool(self.must or self.should)

    def query(self) -> dict[str, Any]:
        """The scoring query with its filter context (facet selections excluded)."""
        clauses: dict[str, Any] = {}
        for name in ("must", "should", "filter", "must_not"):
            if getattr(self, name):
                clauses[name] = getattr(self, name)
        if not self.must:
            clauses.setdefault("must", [{"match_all": {}}])
        query: dict[str, Any] = {"bool": clauses}
        if self.score_functions:
            query = {
                "function_score": {
                    "query": query,
                    "functions": self.score_functions,
                    "score_mode": "multiply",
                    "boost_mode": "multiply",
                }
            }
        return query

    def facet_filter(self, exclude: str | None = None) -> dict[str, Any] | None:
        """All facet selections ANDed, optionally leaving one facet out; None when empty."""
        clauses = [c for name, c in self.facet_filters.items() if name != exclude]
        if not clauses:
            return None
        return {"bool": {"filter": clauses}}

    def to_dict(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "query": self.query(),
            "from": self.from_,
            "size": self.size,
            "track_total_hits": True,
        }
        post_filter = self.facet_filter()
        if post_filter:
            body["post_filter"] = post_filter
        if self.aggs:
            body["aggs"] = self.aggs
        if self.sort:
            body["sort"] = self.sort
        if self.suggest:
            body["suggest"] = self.suggest
        if self.explain:
            body["explain"] = True

        return body


Modifier = Callable[[CourseSearch, SearchParams], None]


def default_modifiers() -> tuple[Modifier, ...]:
    # Imported here: the modifier modules import CourseSearch from this module.
    from indexer.search.facets import FacetAggregator
    from indexer.search.filters import FacetFilter, ProviderViewFilter, StatusFilter
    from indexer.search.ranking import PastOnlyFilter, Preferences
    from indexer.search.reading import ConstraintReader, QueryReader
    from indexer.search.sorting import Paginator, Sorter
    from indexer.search.text import TextMatcher

    return (
        QueryReader(),
        ConstraintReader(),
        TextMatcher(),
        Preferences(),  # after the text and constraints: only ranked searches
        StatusFilter(),
        ProviderViewFilter(),
        FacetFilter(),
        PastOnlyFilter(),
        FacetAggregator(),
        Sorter(),
        Paginator(),  # last: reads nothing but params, but keeps paging in one place
    )


def build_search(
    params: SearchParams,
    modifiers: Sequence[Modifier] | None = None,
    *,
    places: frozenset[str] = frozenset(),
    today: dt.date | None = None,
    associations: Associations = EMPTY,
) -> CourseSearch:
    """Run every modifier over a fresh CourseSearch."""
    search = CourseSearch(
        explain=params.explain, places=places, today=today, associations=associations
    )
    for modifier in default_modifiers() if modifiers is None else modifiers:
        modifier(search, params)
    return search
