"""What the portal reads from the catalogue DB: provider names, cached briefly.

Provider facet buckets carry only ids; names live in the DB (the truth). A short-lived
cache keeps the DB off the hot search path; a failed read is not cached, so the names
come back as soon as the DB does.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from flask import Flask
from sqlalchemy.exc import SQLAlchemyError

from indexer.catalogue import list_providers
from indexer.db import session_scope
from portal.config import settings_for

log = logging.getLogger(__name__)

CACHE_SECONDS = 300
_cache: dict[str, tuple[float, list[dict[str, Any]]]] = {}
_lock = threading.Lock()


def read_providers(app: Flask) -> list[dict[str, Any]]:
    """All providers with their course counts (raises SQLAlchemyError when the DB fails)."""
    with session_scope(settings_for(app)) as session:
        return list_providers(session)


def provider_names(app: Flask) -> dict[str, dict[str, str | None]]:
    """Provider id -> {"en", "cy"} names; empty when the DB cannot be read."""
    url = app.config["DATABASE_URL"] or ""
    now = time.monotonic()
    with _lock:
        hit = _cache.get(url)
    if hit is None or now - hit[0] > CACHE_SECONDS:
        try:
            providers = read_providers(app)
        except SQLAlchemyError as exc:
            log.warning("provider names unavailable: %s", exc.__class__.__name__)
            return {}
        with _lock:
            _cache[url] = (now, providers)
        hit = (now, providers)
    return {p["id"]: p["name"] for p in hit[1]}
