"""Facet aggregations and their buckets.

Post-filter semantics: the hits are filtered by every selection, but each facet's counts
are filtered by the *other* facets' selections only, so choosing "online" still shows
how many "blended" and "in person" courses there are.
"""

from __future__ import annotations

from typing import Any

from indexer.search.documents import facet_field
from indexer.search.filters import selected
from indexer.search.labels import subject_label
from indexer.search.models import DURATION_BANDS, FACETS, FacetBucket, SearchParams
from indexer.search.queries import CourseSearch

AGG_PREFIX = "facet_"
# Enough buckets for every value the page can show; larger facets get larger sizes.
SIZES = {"subject": 50, "provider": 200, "start": 36}
DEFAULT_SIZE = 20
# Facets shown in their natural order rather than by count.
KEY_ORDER = {"level", "start"}
LEVEL_ORDER = ["entry", *map(str, range(1, 9))]
DURATION_ORDER = [band for band, _, _ in DURATION_BANDS]


def wanted_facets(params: SearchParams) -> tuple[str, ...]:
    """The facets the page shows (params.facets), in FACETS order; unknown names dropped."""
    asked = getattr(params, "facets", FACETS)
    return tuple(f for f in FACETS if f in set(asked or ()))


class FacetAggregator:
    """One aggregation per facet on screen, filtered by the other facets' selections."""

    def __call__(self, search: CourseSearch, params: SearchParams) -> None:
        for facet in wanted_facets(params):
            terms: dict[str, Any] = {
                "field": facet_field(facet),
                "size": SIZES.get(facet, DEFAULT_SIZE),
            }
            if facet in KEY_ORDER:
                terms["order"] = {"_key": "asc"}
            others = search.facet_filter(exclude=facet)
            search.aggs[AGG_PREFIX + facet] = {
                "filter": others or {"match_all": {}},
                "aggs": {"values": {"terms": terms}},
            }


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
        agg = aggregations.get(AGG_PREFIX + facet)
        if agg is None:
            continue
        picked = chosen.get(facet, [])
        buckets = [
            FacetBucket(
                value=str(b["key"]), count=int(b["doc_count"]), selected=str(b["key"]) in picked
            )
            for b in agg["values"]["buckets"]
        ]
        seen = {b.value for b in buckets}
        buckets += [FacetBucket(value=v, count=0, selected=True) for v in picked if v not in seen]
        if facet == "subject":
            for bucket in buckets:
                bucket.label = subject_label(bucket.value)
        out[facet] = _sort_buckets(facet, buckets)
    return out
