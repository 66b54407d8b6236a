"""How the portal gets its search engine, and the embedded-mode rebuild from the catalogue.

DESIGN decision 2: the DB is the truth and the index a projection, so an embedded engine
(no OPENSEARCH_URL) starts empty and is filled from the DB before it serves.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from flask import Flask
from sqlalchemy.exc import SQLAlchemyError

from indexer.config import Settings
from portal.config import settings_for

log = logging.getLogger(__name__)

INDEXED_KEY = "coursefinder_indexed"  # courses put in the embedded index at its last start


def rebuild_index(engine: Any, settings: Settings) -> int:
    """Project the catalogue's active courses into a fresh index; return how many.

    A missing or unreadable DB (a fresh clone before `coursefinder db upgrade`) gives an
    empty index: the portal then serves "no courses yet" instead of failing.
    """
    from indexer.catalogue import count_courses, iter_courses
    from indexer.db import session_scope
    from indexer.search.reindex import reindex

    try:
        with session_scope(settings) as session:
            expected = count_courses(session)
            reindex(engine, iter_courses(session), expected=expected)
    except SQLAlchemyError as exc:
        log.warning("catalogue unreadable (%s); serving an empty index", exc.__class__.__name__)
        reindex(engine, [], expected=0)
        return 0
    log.info("indexed %d courses from the catalogue", expected)
    return expected


def engine_factory(app: Flask) -> Callable[[], Any]:
    """Build the engine from the app's settings on first use (and again after a failure)."""

    def build() -> Any:
        from indexer.search.client import Engine

        settings = settings_for(app)
        engine = Engine.from_settings(settings)
        if settings.opensearch_url is None and app.config["REINDEX_EMBEDDED"]:
            try:
                app.extensions[INDEXED_KEY] = rebuild_index(engine, settings)
            except Exception:
                engine.close()  # never keep a half-started embedded engine
                raise
        return engine

    return build
