"""Extra questions the results page asks the engine, beyond the search itself.

Zero results offers "Include courses that have already started" only when that would find
something. The search page does not know (its `relax` counts keep `include_past` as asked),
so on zero results, and only then, one size-0 request counts the same search with started
courses included. The answer is cached with the other small counts (indexer.search.cache).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from indexer.search.associations import EMPTY, Associations
from indexer.search.cache import COUNTS, cache_key
from indexer.search.models import SearchPage, SearchParams
from indexer.search.queries import build_search
from indexer.search.results import total_hits
from indexer.search.service import engine_errors
from indexer.search.vocabulary import query_vocabulary

PAST_COUNT = "include_past count"  # marks this count's keys in COUNTS


def past_count_body(
    params: SearchParams,
    places: frozenset[str],
    today: dt.date | None = None,
    associations: Associations = EMPTY,
) -> dict[str, Any]:
    """The search as asked, started courses included: size 0, no aggs, counting stops at 1."""
    variant = dataclasses.replace(
        params, include_past=True, facets=(), page=1, explain=False, related=False
    )
    body = build_search(variant, places=places, today=today, associations=associations).to_dict()
    for key in ("sort", "aggs", "suggest", "explain", "highlight"):
        body.pop(key, None)
    return body | {"size": 0, "from": 0, "track_total_hits": 1}  # "any?" is all we ask


def started_courses_would_help(
    engine: Any, params: SearchParams, page: SearchPage, today: dt.date | None = None
) -> bool:
    """Would ticking "include courses that have already started" find any course?

    No request unless the page found nothing and started courses were left out.
    """
    if page.total or params.include_past:
        return False
    with engine_errors(engine):
        key = cache_key(engine, dataclasses.replace(params, include_past=True), today)
        if key is not None:
            key = (PAST_COUNT, *key)
            hit = COUNTS.get(key)
            if hit is not None:
                return bool(hit)
        index = str(key[2]) if key else None
        places, associations = query_vocabulary(engine, index, params)
        body = past_count_body(params, places, today, associations)
        total = total_hits(engine.client.search(index=engine.alias, body=body))
    if key is not None:
        COUNTS.put(key, total)
    return total > 0
