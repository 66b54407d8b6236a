"""Apply one crawl's changes to the live index, so a weekly re-crawl re-indexes only what changed.

A full rebuild (reindex.py) stays the way to change the mapping or recover; this path
upserts the courses a crawl added or changed and removes the ones it withdrew, in the
index the alias points at. Portal processes may serve a cached page for up to the page
cache's TTL (cache.py) after such an update; that is the price of not asking the engine
for every repeated query.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from opensearchpy import helpers

from indexer.schema import Course
from indexer.search import documents
from indexer.search.client import Engine
from indexer.search.reindex import LOAD_TIMEOUT_SECONDS, ReindexError, _live_indices


def apply_changes(
    engine: Engine,
    upserts: Iterable[Course],
    deletes: Iterable[str] = (),
    *,
    today: dt.date | None = None,
) -> tuple[int, int]:
    """Index `upserts` and delete `deletes` (course ids) in the live index; return the counts.

    Raises ReindexError when there is no live index (build one with a full reindex first)
    or when any document fails, naming the first failures.
    """
    live = _live_indices(engine)
    if len(live) != 1:
        raise ReindexError(f"alias {engine.alias!r} has no single live index; run a full reindex")
    index = live[0]
    actions: list[dict] = [
        {
            "_op_type": "index",
            "_index": index,
            "_id": c.id,
            "_source": documents.to_document(c, today),
        }
        for c in upserts
    ]
    actions += [{"_op_type": "delete", "_index": index, "_id": cid} for cid in deletes]
    if not actions:
        return 0, 0
    errors = []
    for ok, info in helpers.streaming_bulk(
        engine.client,
        actions,
        raise_on_error=False,
        raise_on_exception=False,
        request_timeout=LOAD_TIMEOUT_SECONDS,
    ):
        result = next(iter(info.values()), {})
        # deleting a course the index never had is not an error
        if not ok and not (result.get("status") == 404 and "delete" in info):
            errors.append(f"{result.get('_id')}: {result.get('error', result)}")
    engine.client.indices.refresh(index=index)
    if errors:
        raise ReindexError(f"{len(errors)} change(s) failed to index ({'; '.join(errors[:5])})")
    n_deletes = sum(1 for a in actions if a["_op_type"] == "delete")
    return len(actions) - n_deletes, n_deletes
