"""Words the index itself defines, read back from it: the towns that have courses.

Queries naming a town ("evening classes wrexham") are read as a place constraint only for
towns some course is held in, so no gazetteer is needed and a new campus town works as
soon as it is indexed. Cached briefly per engine and alias: it changes only on reindex.
"""

from __future__ import annotations

import time

from indexer.search.client import Engine

TTL_SECONDS = 300
MAX_PLACES = 2000
_cache: dict[tuple[str, str, str], tuple[float, frozenset[str]]] = {}


def known_places(engine: Engine, index: str | None = None) -> frozenset[str]:
    """Lower-case town names present in the live index (cached for TTL_SECONDS).

    `index`, the concrete index behind the alias when known, makes a reindex by another
    process (a new index name) take effect at once rather than after the TTL.
    """
    key = (engine.url, engine.alias, index or "")
    hit = _cache.get(key)
    if hit and time.monotonic() - hit[0] < TTL_SECONDS:
        return hit[1]
    response = engine.client.search(
        index=engine.alias,
        body={"size": 0, "aggs": {"places": {"terms": {"field": "places", "size": MAX_PLACES}}}},
    )
    places = frozenset(b["key"] for b in response["aggregations"]["places"]["buckets"])
    _cache[key] = (time.monotonic(), places)
    return places


def forget(engine: Engine) -> None:
    """Drop the cached vocabulary (after a reindex)."""
    for key in [k for k in _cache if k[:2] == (engine.url, engine.alias)]:
        _cache.pop(key, None)
