"""Facet aggregations and their buckets.

Post-filter semantics: the hits are filtered by every selection, but each facet's counts
are filtered by the *other* facets' selections only, so choosing "online" still shows
how many "blended" and "in person" courses there are.
"""

from __future__ import annotations

from typing import Any

from indexer.search.documents import SEPARATOR, facet_field
from indexer.search.filters import selected
from indexer.search.labels import subject_label
from indexer.search.models import DURATION_BANDS, FACETS, FacetBucket, SearchParams
from indexer.search.queries import CourseSearch

AGG_PREFIX = "facet_"
# Every unselected facet counted in ONE terms aggregation over `facet_values`
# ("mode:online", "level:3", ...): osmem's cost is per aggregation per document, so one
# aggregation over 8 facets costs about what one facet did (measured 7 separate terms
# aggregations 79-96 ms, one combined 9-14 ms; docs/performance.md).
COMBINED_AGG = "facet_values"
# The unselected facets' counts sit under one filter of every selection.
SHARED_AGG = "facets_selected"
# Enough buckets for every value the page can show. Closed vocabularies have at most 9
# values; CAH level 1 has 23 groups; months run two years ahead.
SIZES = {"subject": 30, "provider": 100, "start": 24}
DEFAULT_SIZE = 10
# Facets shown in their natural order rather than by count.
KEY_ORDER = {"level", "start"}
LEVEL_ORDER = ["entry", *map(str, range(1, 9))]
DURATION_ORDER = [band for band, _, _ in DURATION_BANDS]


def wanted_facets(params: SearchParams) -> tuple[str, ...]:
    """The facets the page shows (params.facets), in FACETS order; unknown names dropped."""
    asked = getattr(params, "facets", FACETS)
    return tuple(f for f in FACETS if f in set(asked or ()))


def terms(facet: str) -> dict[str, Any]:
    """One facet's own terms aggregation (for a facet with a selection)."""
    body: dict[str, Any] = {"field": facet_field(facet), "size": SIZES.get(facet, DEFAULT_SIZE)}
    if facet in KEY_ORDER:
        body["order"] = {"_key": "asc"}
    return {"terms": body}


def combined_terms(facets: tuple[str, ...]) -> dict[str, Any]:
    """Several facets' counts in one aggregation over `facet_values`."""
    # Buckets come back by count across all facets, so leave room: a facet with many
    # small values (providers) must not lose them to another's. Size costs little here;
    # documents seen cost a lot.
    size = 2 * sum(SIZES.get(f, DEFAULT_SIZE) for f in facets)
    return {"terms": {"field": COMBINED_AGG, "size": size}}


class FacetAggregator:
    """Facet counts with post_filter semantics, at the least cost for a scanning engine.

    Every aggregation is a pass over the documents it sees (DESIGN 1), so:
    - the facets without a selection share one combined terms aggregation: over the main
      query's hits when nothing is selected, else under one filter of every selection;
    - a facet with a selection gets its own aggregation under the *other* selections
      (plain, when it is the only one selected), so its sibling values keep their counts.
    """

    def __init__(self, skip: frozenset[str] = frozenset()) -> None:
        self.skip = skip  # facets whose counts the caller already has (service.shared_counts)

    def __call__(self, search: CourseSearch, params: SearchParams) -> None:
        wanted = tuple(f for f in wanted_facets(params) if f not in self.skip)
        plain = tuple(f for f in wanted if f not in search.facet_filters)
        every = search.facet_filter()
        if plain and every is None:
            search.aggs[COMBINED_AGG] = combined_terms(plain)
        elif plain:
            search.aggs[SHARED_AGG] = {
                "filter": every,
                "aggs": {COMBINED_AGG: combined_terms(plain)},
            }
        for facet in (f for f in wanted if f in search.facet_filters):
            others = search.facet_filter(exclude=facet)
            name = AGG_PREFIX + facet
            search.aggs[name] = (
                terms(facet) if others is None else {"filter": others, "aggs": {name: terms(facet)}}
            )


def _buckets_of(aggregations: dict[str, Any], facet: str) -> list[dict[str, Any]] | None:
    """A facet's raw buckets wherever FacetAggregator put them; None when not asked."""
    name = AGG_PREFIX + facet
    agg = aggregations.get(name)
    if agg is not None:
        return list((agg if "buckets" in agg else agg.get(name, {})).get("buckets", []))
    combined = aggregations.get(COMBINED_AGG) or aggregations.get(SHARED_AGG, {}).get(COMBINED_AGG)
    if combined is None:
        return None
    prefix = facet + SEPARATOR
    return [
        {"key": str(b["key"])[len(prefix) :], "doc_count": b["doc_count"]}
        for b in combined.get("buckets", [])
        if str(b["key"]).startswith(prefix)
    ]


def _sort_buckets(facet: str, buckets: list[FacetBucket]) -> list[FacetBucket]:
    if facet == "level":
        return sorted(
            buckets, key=lambda b: LEVEL_ORDER.index(b.value) if b.value in LEVEL_ORDER else 99
        )
    if facet == "duration":
        return sorted(
            buckets,
            key=lambda b: DURATION_ORDER.index(b.value) if b.value in DURATION_ORDER else 99,
        )
    if facet == "start":  # months in order, "anytime" first: it is the soonest start
        return sorted(buckets, key=lambda b: "" if b.value == "anytime" else b.value)
    return sorted(buckets, key=lambda b: (-b.count, b.value))


def parse_facets(
    aggregations: dict[str, Any], params: SearchParams
) -> dict[str, list[FacetBucket]]:
    """Buckets per facet; a selected value with no courses left still appears (count 0)."""
    chosen = selected(params)
    out: dict[str, list[FacetBucket]] = {}
    for facet in wanted_facets(params):
        raw = _buckets_of(aggregations, facet)
        if raw is None:
            continue
        picked = chosen.get(facet, [])
        buckets = [
            FacetBucket(
                value=str(b["key"]), count=int(b["doc_count"]), selected=str(b["key"]) in picked
            )
            for b in raw
        ]
        seen = {b.value for b in buckets}
        buckets += [FacetBucket(value=v, count=0, selected=True) for v in picked if v not in seen]
        if facet == "subject":
            for bucket in buckets:
                bucket.label = subject_label(bucket.value)
        out[facet] = _sort_buckets(facet, buckets)
    return out
