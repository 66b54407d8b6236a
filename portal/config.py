"""Portal configuration: defaults that work embedded, then the environment, then overrides.

Order matters (flaskr, warehouse): a test's explicit mapping always wins over whatever the
developer's shell happens to export.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

from indexer.config import PROJECT_ROOT, Settings


def translations_dir() -> Path:
    """translations/ beside the checkout, else in the working directory.

    A non-editable install (the Docker image) puts the packages in site-packages while the
    catalogues stay in the working directory (/app); COURSEFINDER_BABEL_TRANSLATION_DIRECTORIES
    overrides both.
    """
    for candidate in (PROJECT_ROOT / "translations", Path.cwd() / "translations"):
        if candidate.is_dir():
            return candidate
    return PROJECT_ROOT / "translations"


class DefaultConfig:
    """Defaults for every key the portal reads; each is overridable by COURSEFINDER_<KEY>."""

    # A random key means forms stop validating across restarts; set one in production.
    SECRET_KEY: str = secrets.token_hex(32)
    LANGUAGES: tuple[str, ...] = ("en", "cy")
    BABEL_DEFAULT_LOCALE: str = "en"
    BABEL_DEFAULT_TIMEZONE: str = "Europe/London"
    BABEL_TRANSLATION_DIRECTORIES: str = str(translations_dir())
    # Compile translations/*.po into .mo at start-up when missing or stale (.mo is not committed).
    COMPILE_TRANSLATIONS: bool = True
    # The search engine: an object (tests) or None to build one from the settings on first use.
    ENGINE: Any = None
    OPENSEARCH_URL: str | None = None
    DATABASE_URL: str | None = None
    # Rebuild the index from the catalogue DB when the portal starts its own embedded engine.
    REINDEX_EMBEDDED: bool = True
    # Search pages and API answers may be cached this long by browsers and proxies (DESIGN 1).
    SEARCH_CACHE_SECONDS: int = 60
    WTF_CSRF_ENABLED: bool = True
    # Session cookie: not readable by scripts, not sent on cross-site POSTs. Set
    # COURSEFINDER_SESSION_COOKIE_SECURE=true behind HTTPS (production).
    SESSION_COOKIE_HTTPONLY: bool = True
    SESSION_COOKIE_SAMESITE: str = "Lax"
    SESSION_COOKIE_SECURE: bool = False
    # Sign-in attempts per client address (Flask-Limiter syntax), kept in memory.
    SIGNIN_RATE_LIMIT: str = "10 per minute"
    RATELIMIT_STORAGE_URI: str = "memory://"
    RATELIMIT_HEADERS_ENABLED: bool = True
    # Largest request body: forms are small; a bigger body is refused before it is read.
    MAX_CONTENT_LENGTH: int = 512 * 1024


def load_config(app: Flask, overrides: Mapping[str, Any] | None) -> None:
    """Apply defaults -> environment -> explicit overrides to `app.config`."""
    app.config.from_object(DefaultConfig)
    settings = Settings.from_env()
    app.config["OPENSEARCH_URL"] = settings.opensearch_url
    app.config["DATABASE_URL"] = settings.database_url
    # COURSEFINDER_SECRET_KEY, COURSEFINDER_SEARCH_CACHE_SECONDS=30, ... (values parsed as JSON).
    app.config.from_prefixed_env("COURSEFINDER")
    if "COURSEFINDER_DEFAULT_LOCALE" in os.environ:
        app.config["BABEL_DEFAULT_LOCALE"] = os.environ["COURSEFINDER_DEFAULT_LOCALE"]
    if overrides:
        app.config.update(overrides)
    if app.config["BABEL_DEFAULT_LOCALE"] not in app.config["LANGUAGES"]:
        raise ValueError(
            f"COURSEFINDER_DEFAULT_LOCALE must be one of {app.config['LANGUAGES']}, "
            f"not {app.config['BABEL_DEFAULT_LOCALE']!r}"
        )


def settings_for(app: Flask) -> Settings:
    """The indexer's settings as this app was configured (overrides included)."""
    return Settings(
        database_url=app.config["DATABASE_URL"] or Settings.from_env().database_url,
        opensearch_url=app.config["OPENSEARCH_URL"] or None,
    )
