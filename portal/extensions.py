"""Flask extensions: Babel, CSRF, and the search engine as an app extension.

The engine holder never caches a dead client forever: a failed start is retried on the
next request, and a client it built itself is dropped after a failure whose ping also
fails, so the portal recovers when the engine comes back, without a restart.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from flask import Flask, current_app
from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_wtf import CSRFProtect

from indexer.search.models import EngineUnavailable

log = logging.getLogger(__name__)

babel = Babel()
csrf = CSRFProtect()
# Only the routes that ask are limited (sign-in); storage is in memory, per process.
limiter = Limiter(key_func=get_remote_address, default_limits=[], storage_uri="memory://")

EXTENSION_KEY = "coursefinder_engine"


class SearchEngine:
    """Holds the app's search Engine: given (tests) or built lazily by `factory`."""

    def __init__(self, engine: Any = None, factory: Callable[[], Any] | None = None) -> None:
        self._given = engine
        self._factory = factory
        self._built: Any = None
        self._lock = threading.Lock()

    def init_app(self, app: Flask) -> None:
        app.extensions[EXTENSION_KEY] = self

    @property
    def current(self) -> Any:
        """The engine in use now, if any (None before the first start or after a failure)."""
        return self._given if self._given is not None else self._built

    def get(self) -> Any:
        """Return a usable engine, starting one if needed; EngineUnavailable when it cannot."""
        if self._given is not None:
            return self._given
        if self._built is not None:
            return self._built
        if self._factory is None:
            raise EngineUnavailable("no search engine configured")
        with self._lock:  # one start even when several threads ask at once
            if self._built is None:
                try:
                    self._built = self._factory()
                except EngineUnavailable:
                    raise
                except Exception as exc:  # a failed start must become a 503, then a retry
                    log.warning("search engine could not start: %s", exc)
                    raise EngineUnavailable(str(exc)) from exc
            return self._built

    def failed(self) -> None:
        """Called after a request saw the engine fail: drop a built client that is really gone."""
        built = self._built
        if built is None:
            return
        try:
            alive = bool(built.ping())
        except Exception:
            alive = False
        if not alive:
            with self._lock:
                if self._built is built:
                    self._built = None
            try:
                built.close()
            except Exception:  # closing a dead client may fail too; nothing left to do
                log.debug("closing a failed engine raised", exc_info=True)

    def close(self) -> None:
        """Close an engine this holder built (never one that was given)."""
        with self._lock:
            built, self._built = self._built, None
        if built is not None:
            built.close()


def search_engine(app: Flask | None = None) -> SearchEngine:
    return (app or current_app).extensions[EXTENSION_KEY]


def get_engine() -> Any:
    """The current app's engine (raises EngineUnavailable)."""
    return search_engine().get()
