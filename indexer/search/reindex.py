"""Rebuild the index from the catalogue and swap it in atomically (DESIGN.md, decision 2).

A half-built index is never live: documents go into a new versioned index
`<alias>-<UTC timestamp>-<random>`, which is verified before one `update_aliases` call
moves the alias. Any failure deletes the new index and leaves the alias where it was
(warehouse `reindex`, h `init`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import secrets
from collections.abc import Iterable, Iterator
from typing import Any

from opensearchpy import helpers
from opensearchpy.exceptions import NotFoundError, OpenSearchException
from pydantic import ValidationError

from indexer.schema import Course
from indexer.search import documents
from indexer.search.analysis import analysis_settings
from indexer.search.associations import AssociationCounter
from indexer.search.client import Engine
from indexer.search.mapping import mappings
from indexer.search.vocabulary import META_KEY, forget

MAX_REPORTED_ERRORS = 5
# Loading is not a user request: allow slow bulk chunks (osmem takes ~5 ms a document and
# pauses now and then; measured up to 30 s for one 500-document chunk at 5,000 documents).
LOAD_TIMEOUT_SECONDS = 300
CHUNK_SIZE = 500


class ReindexError(RuntimeError):
    """The new index could not be built or verified; the live alias was left untouched."""


def new_index_name(alias: str, now: dt.datetime | None = None) -> str:
    """`<alias>-<UTC timestamp to the microsecond>-<random>`: names sort by build time."""
    now = now or dt.datetime.now(dt.UTC)
    return f"{alias}-{now:%Y%m%d%H%M%S%f}-{secrets.token_hex(3)}"


def _version_pattern(alias: str) -> re.Pattern[str]:
    # Exact shape, so alias "courses" never claims the indices of an alias "courses-test".
    return re.compile(rf"^{re.escape(alias)}-\d{{20}}-[0-9a-f]{{6}}$")


def index_body() -> dict[str, Any]:
    """Settings for loading: no replicas and no refresh until the bulk load is done."""
    return {
        "settings": {
            "number_of_shards": 1,
            "number_of_replicas": 0,
            "refresh_interval": "-1",
            "analysis": analysis_settings(),
        },
        "mappings": mappings(),
    }


def _actions(
    index: str,
    courses: Iterable[Course | dict],
    today: dt.date | None,
    errors: list[str],
    keywords: AssociationCounter,
) -> Iterator[dict[str, Any]]:
    for item in courses:
        try:
            course = item if isinstance(item, Course) else Course.model_validate(item)
        except ValidationError as exc:
            ident = item.get("id") if isinstance(item, dict) else None
            errors.append(f"{ident}: not a valid course: {exc.error_count()} error(s)")
            continue
        keywords.add(course.keywords)
        yield {"_index": index, "_id": course.id, "_source": documents.to_document(course, today)}


def _load(
    engine: Engine, index: str, courses: Iterable[Course | dict], today: dt.date | None
) -> AssociationCounter:
    """Bulk-load the courses, counting their keywords on the way (associations.py)."""
    errors: list[str] = []
    keywords = AssociationCounter()
    for ok, info in helpers.streaming_bulk(
        engine.client,
        _actions(index, courses, today, errors, keywords),
        chunk_size=CHUNK_SIZE,
        raise_on_error=False,
        raise_on_exception=False,
        request_timeout=LOAD_TIMEOUT_SECONDS,
    ):
        if not ok:
            result = next(iter(info.values()), {})
            reason = result.get("error", result)
            if isinstance(reason, dict):
                reason = reason.get("reason", reason)
            errors.append(f"{result.get('_id')}: {reason}")
    if errors:
        shown = "; ".join(errors[:MAX_REPORTED_ERRORS])
        raise ReindexError(f"{len(errors)} course(s) failed to index ({shown})")
    return keywords


def _store_associations(engine: Engine, index: str, keywords: AssociationCounter) -> None:
    """Keep the keyword associations in the new index's mapping `_meta`: they go live with
    its documents in the same alias swap, and an index never mixes two catalogues'."""
    meta = {META_KEY: keywords.associations().to_meta()}
    engine.client.indices.put_mapping(index=index, body={"_meta": meta})


def _verify(engine: Engine, index: str, expected: int) -> None:
    engine.client.indices.put_settings(index=index, body={"index": {"refresh_interval": None}})
    engine.client.indices.refresh(index=index, request_timeout=LOAD_TIMEOUT_SECONDS)
    count = engine.client.count(index=index)["count"]
    if count != expected:
        raise ReindexError(f"index {index} holds {count} course(s), expected {expected}")


def _live_indices(engine: Engine) -> list[str]:
    try:
        return sorted(engine.client.indices.get_alias(name=engine.alias))
    except NotFoundError:
        return []


def swap_alias(engine: Engine, index: str) -> None:
    """Point the alias at `index` alone, in one atomic request."""
    if engine.client.indices.exists(index=engine.alias) and not _live_indices(engine):
        raise ReindexError(f"{engine.alias!r} is a concrete index, not an alias; delete it first")
    actions: list[dict[str, Any]] = [
        {"remove": {"index": old, "alias": engine.alias}} for old in _live_indices(engine)
    ]
    actions.append({"add": {"index": index, "alias": engine.alias}})
    engine.client.indices.update_aliases(body={"actions": actions})


def reindex(
    engine: Engine,
    courses: Iterable[Course | dict],
    expected: int,
    *,
    today: dt.date | None = None,
    keep: int = 1,
) -> str:
    """Build a new index from `courses`, check it holds `expected` documents, make it live.

    `today` decides which start dates count as past (default: today, UTC). Older versioned
    indices beyond `keep` (kept for rollback) are deleted. Returns the new index name.
    """
    index = new_index_name(engine.alias)
    try:
        engine.client.indices.create(index=index, body=index_body())
        _store_associations(engine, index, _load(engine, index, courses, today))
        _verify(engine, index, expected)
        swap_alias(engine, index)
    except BaseException as exc:
        _delete_quietly(engine, index)
        if isinstance(exc, OpenSearchException):
            raise ReindexError(f"building {index} failed: {exc}") from exc
        raise
    forget(engine)
    prune(engine, keep=keep)
    return index


def _delete_quietly(engine: Engine, index: str) -> None:
    # If the engine is gone the delete fails too; nothing points at the half-built index.
    with contextlib.suppress(OpenSearchException):
        engine.client.indices.delete(index=index, ignore_unavailable=True)


def list_indices(engine: Engine) -> list[dict[str, Any]]:
    """The alias's versioned indices, newest first: name, docs, is_live."""
    pattern = _version_pattern(engine.alias)
    live = set(_live_indices(engine))
    rows = engine.client.cat.indices(index=f"{engine.alias}-*", format="json")
    found = [
        {
            "name": row["index"],
            "docs": int(row.get("docs.count") or 0),
            "is_live": row["index"] in live,
        }
        for row in rows
        if pattern.match(row["index"])
    ]
    return sorted(found, key=lambda row: row["name"], reverse=True)


def prune(engine: Engine, keep: int = 1) -> list[str]:
    """Delete versioned indices that are not live, keeping the newest `keep` for rollback."""
    old = [row["name"] for row in list_indices(engine) if not row["is_live"]]
    doomed = old[keep:]
    for name in doomed:
        engine.client.indices.delete(index=name)
    return doomed
