"""A small in-process cache of search pages, keyed on the live index behind the alias.

Search answers change only when the index does, and a reindex always builds a new
versioned index and swaps the alias (reindex.py). So a key holding the concrete index
name can never serve an answer from an older index: after a swap every key is new. The
TTL only bounds memory and the age of "today"-dependent answers.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Hashable
from typing import Any

from opensearchpy.exceptions import NotFoundError

from indexer.search.client import Engine
from indexer.search.models import SearchParams

# COURSEFINDER_SEARCH_PAGE_CACHE_SECONDS=0 switches the cache off (e.g. to measure the
# engine's own latency with `coursefinder bench`, whose query mix repeats).
TTL_SECONDS = float(os.environ.get("COURSEFINDER_SEARCH_PAGE_CACHE_SECONDS", "60"))
MAX_ENTRIES = 512


class PageCache:
    """LRU + TTL; thread-safe (the portal serves requests on threads); copies in and out.

    Holds SearchPages (PAGES) or facet buckets (COUNTS)."""

    def __init__(self, ttl: float = TTL_SECONDS, size: int = MAX_ENTRIES) -> None:
        self.ttl, self.size = ttl, size
        self._items: OrderedDict[Hashable, tuple[float, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable | None) -> Any:
        if key is None or self.ttl <= 0:
            return None
        with self._lock:
            item = self._items.get(key)
            if item is None or time.monotonic() - item[0] > self.ttl:
                self._items.pop(key, None)
                return None
            self._items.move_to_end(key)
            page = item[1]
        return copy.deepcopy(page)

    def put(self, key: Hashable | None, page: Any) -> None:
        if key is None or self.ttl <= 0:
            return
        with self._lock:
            self._items[key] = (time.monotonic(), copy.deepcopy(page))
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


PAGES = PageCache()
# A facet's counts under a query without free text, before its own selection: the same
# for every value of that facet ("browse by subject" links), so shared between requests.
COUNTS = PageCache(ttl=TTL_SECONDS or 60.0)


def live_index(engine: Engine) -> str | None:
    """The concrete index (or indices) the alias points at now; None if it is no alias."""
    try:
        found = engine.client.indices.get_alias(name=engine.alias)
    except NotFoundError:
        return None  # a concrete index or nothing: do not cache, let the search decide
    return ",".join(sorted(found)) or None


def cache_key(
    engine: Engine, params: SearchParams, today: dt.date | None
) -> tuple[Hashable, ...] | None:
    """The key of one search, or None when it must not be cached."""
    index = live_index(engine)
    if index is None:
        return None
    return (engine.url, index, today or dt.date.today(), params.cache_key())
