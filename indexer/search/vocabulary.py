"""Words the index itself defines, read back from it: towns, and keywords that go together.

Queries naming a town ("evening classes wrexham") are read as a place constraint only for
towns some course is held in, so no gazetteer is needed and a new campus town works as
soon as it is indexed. The keyword associations (associations.py) were stored in the
index's mapping when it was built. Cached briefly per engine, alias and live index: they
change only on reindex.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from opensearchpy.exceptions import NotFoundError

from indexer.search.associations import EMPTY, Associations
from indexer.search.client import Engine
from indexer.search.models import SearchParams

T = TypeVar("T")

TTL_SECONDS = 300
MAX_PLACES = 2000
META_KEY = "associations"  # as written by reindex._store_associations
_cache: dict[tuple[str, str, str], tuple[float, frozenset[str]]] = {}  # towns
_associations: dict[tuple[str, str, str], tuple[float, Associations]] = {}


def _cached(
    cache: dict[tuple[str, str, str], tuple[float, T]],
    key: tuple[str, str, str],
    load: Callable[[], T],
) -> T:
    """`load()` once per TTL_SECONDS for this engine, alias and live index. Storing a newer
    index's entry drops the older ones' for that alias, so a long-running portal keeps one
    per alias however often the catalogue is reindexed by another process."""
    hit = cache.get(key)
    if hit and time.monotonic() - hit[0] < TTL_SECONDS:
        return hit[1]
    value = load()
    for old in [k for k in cache if k[:2] == key[:2] and k != key]:
        del cache[old]
    cache[key] = (time.monotonic(), value)
    return value


def known_places(engine: Engine, index: str | None = None) -> frozenset[str]:
    """Lower-case town names present in the live index (cached for TTL_SECONDS).

    `index`, the concrete index behind the alias when known, makes a reindex by another
    process (a new index name) take effect at once rather than after the TTL.
    """

    def load() -> frozenset[str]:
        aggs = {"places": {"terms": {"field": "places", "size": MAX_PLACES}}}
        response = engine.client.search(index=engine.alias, body={"size": 0, "aggs": aggs})
        return frozenset(b["key"] for b in response["aggregations"]["places"]["buckets"])

    return _cached(_cache, (engine.url, engine.alias, index or ""), load)


def known_associations(engine: Engine, index: str | None = None) -> Associations:
    """The live index's keyword associations (cached like known_places); none if the index
    was built before they were stored."""

    def load() -> Associations:
        try:
            found = engine.client.indices.get_mapping(index=index or engine.alias)
        except NotFoundError:
            return EMPTY
        for body in found.values():
            meta = (body.get("mappings") or {}).get("_meta") or {}
            return Associations.from_meta(meta.get(META_KEY))
        return EMPTY

    return _cached(_associations, (engine.url, engine.alias, index or ""), load)


def query_vocabulary(
    engine: Engine, index: str | None, params: SearchParams
) -> tuple[frozenset[str], Associations]:
    """What the query builder needs from the live index for `params`: the towns (only
    when constraints are read from words) and the keyword associations (only for words)."""
    worded = bool(params.q.strip())
    places = known_places(engine, index) if worded and params.read_constraints else frozenset()
    return places, known_associations(engine, index) if worded else EMPTY


def forget(engine: Engine) -> None:
    """Drop the cached vocabulary (after a reindex)."""
    for cache in (_cache, _associations):
        for key in [k for k in cache if k[:2] == (engine.url, engine.alias)]:
            cache.pop(key, None)
