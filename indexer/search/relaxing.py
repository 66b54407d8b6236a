"""Zero results is never a dead end: find the one filter whose removal helps most.

Candidates are each facet with a selection (the whole facet: removing one value of an OR
would narrow it further) and each constraint read from the words ("free", "weekend").
All candidates are counted in one msearch of size-0 requests, only on zero results.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from indexer.search.associations import EMPTY, Associations
from indexer.search.client import Engine
from indexer.search.filters import selected
from indexer.search.models import Relaxation, SearchParams
from indexer.search.queries import build_search
from indexer.search.reading import without_phrase
from indexer.search.results import total_hits

MAX_CANDIDATES = 8


def _count_body(
    params: SearchParams,
    places: frozenset[str],
    today: dt.date | None,
    associations: Associations = EMPTY,
) -> dict:
    built = build_search(
        dataclasses.replace(params, facets=(), page=1, explain=False),
        places=places,
        today=today,
        associations=associations,
    )
    body = built.to_dict()
    body.pop("sort", None)
    return body | {"size": 0, "from": 0}


def candidates(
    params: SearchParams, places: frozenset[str], today: dt.date | None
) -> list[tuple[Relaxation, SearchParams]]:
    out: list[tuple[Relaxation, SearchParams]] = []
    chosen = selected(params)
    for facet, values in chosen.items():
        rest = {k: list(v) for k, v in chosen.items() if k != facet}
        out.append(
            (Relaxation("facet", facet, values, "", 0), dataclasses.replace(params, filters=rest))
        )
    built = build_search(dataclasses.replace(params, facets=()), places=places, today=today)
    for chip in built.chips:
        q = without_phrase(params.q, chip.phrase)
        out.append(
            (
                Relaxation("chip", chip.facet, [chip.value], chip.phrase, 0),
                dataclasses.replace(params, q=q),
            )
        )
    return out[:MAX_CANDIDATES]


def best_relaxation(
    engine: Engine,
    params: SearchParams,
    places: frozenset[str],
    today: dt.date | None,
    associations: Associations = EMPTY,
) -> Relaxation | None:
    """The candidate giving most courses back, or None (nothing to relax, or no help).

    Counted with the same vocabulary as the search (`places`, `associations`), so a
    count is what that search would show."""
    found = candidates(params, places, today)
    if not found:
        return None
    lines: list[dict[str, Any]] = []
    for _, variant in found:
        lines += [{"index": engine.alias}, _count_body(variant, places, today, associations)]
    responses = engine.client.msearch(body=lines)["responses"]
    best: Relaxation | None = None
    for (relax, _), response in zip(found, responses, strict=True):
        relax.total = total_hits(response) if "error" not in response else 0
        if relax.total and (best is None or relax.total > best.total):
            best = relax
    return best
