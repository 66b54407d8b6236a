"""Words the index itself defines, read back from it: towns, and keywords that go together.

Queries naming a town ("evening classes wrexham") are read as a place constraint only for
towns some course is held in, so no gazetteer is needed and a new campus town works as
soon as it is indexed. The keyword associations (associations.py) were stored in the
index's mapping when it was built. Cached briefly per engine, alias and live index: they
change only on reindex.
"""

from __future__ import annotations

import time
from typing import Any

from opensearchpy.exceptions import NotFoundError

from indexer.search.associations import EMPTY, Associations
from indexer.search.client import Engine

TTL_SECONDS = 300
MAX_PLACES = 2000
META_KEY = "associations"  # as written by reindex._store_associations
_cache: dict[tuple[str, str, str], tuple[float, frozenset[str]]] = {}
_associations: dict[tuple[str, str, str], tuple[float, Associations]] = {}


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


def known_associations(engine: Engine, index: str | None = None) -> Associations:
    """The live index's keyword associations (cached like known_places); none if the index
    was built before they were stored."""
    key = (engine.url, engine.alias, index or "")
    hit = _associations.get(key)
    if hit and time.monotonic() - hit[0] < TTL_SECONDS:
        return hit[1]
    try:
        mappings: dict[str, Any] = engine.client.indices.get_mapping(index=index or engine.alias)
    except NotFoundError:
        return EMPTY
    found = EMPTY
    for body in mappings.values():
        meta = (body.get("mappings") or {}).get("_meta") or {}
        found = Associations.from_meta(meta.get(META_KEY))
        break
    _associations[key] = (time.monotonic(), found)
    return found


def forget(engine: Engine) -> None:
    """Drop the cached vocabulary (after a reindex)."""
    for cache in (_cache, _associations):
        for key in [k for k in cache if k[:2] == (engine.url, engine.alias)]:
            cache.pop(key, None)
