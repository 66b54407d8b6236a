"""The bilingual (English/Welsh) course finder portal and its JSON API.

`create_app` is a readable list of setup steps (eq-runner style); `startup` prepares the
search engine before serving, and the demo command calls it too.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask, jsonify, redirect, request, url_for
from flask.typing import ResponseReturnValue

from portal.config import load_config


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the portal: defaults -> environment -> `config` overrides."""
    app = Flask(__name__)
    load_config(app, config)
    app.json.sort_keys = False  # type: ignore[attr-defined]  # keep "total" before "results"
    setup_extensions(app)
    setup_i18n(app)  # before the blueprints: it registers their URL converter
    setup_blueprints(app)
    setup_templates(app)
    return app


def setup_extensions(app: Flask) -> None:
    from portal.engine import engine_factory
    from portal.extensions import SearchEngine, babel, csrf, limiter
    from portal.i18n import locale_selector

    babel.init_app(app, locale_selector=locale_selector)
    csrf.init_app(app)
    limiter.init_app(app)
    given = app.config.get("ENGINE")
    SearchEngine(given, None if given is not None else engine_factory(app)).init_app(app)


def setup_i18n(app: Flask) -> None:
    from portal import i18n

    i18n.setup_i18n(app)


def setup_blueprints(app: Flask) -> None:
    from portal.blueprints import accounts, api, errors, providers, public, shortlists

    app.register_blueprint(public.bp)
    app.register_blueprint(providers.bp)
    app.register_blueprint(shortlists.bp)
    app.register_blueprint(accounts.bp)
    app.register_blueprint(api.bp)
    errors.register(app)
    app.add_url_rule("/", "root", root)
    app.add_url_rule("/healthz", "healthz", healthz)


def setup_templates(app: Flask) -> None:
    from portal.contexts.content import pick

    app.jinja_env.globals["pick"] = pick


def root() -> ResponseReturnValue:
    """Send '/' to the visitor's language; caches must key the redirect on Accept-Language."""
    from flask import current_app

    lang = request.accept_languages.best_match(
        current_app.config["LANGUAGES"], default=current_app.config["BABEL_DEFAULT_LOCALE"]
    )
    response = redirect(url_for("public.home", lang_code=lang), code=302)
    response.vary.add("Accept-Language")
    return response


def healthz() -> ResponseReturnValue:
    """Liveness for container health checks: the portal answers even when the engine is down.

    The engine's state is reported, not enforced: an outage is shown to users as a 503 page
    and must not make the orchestrator restart a healthy portal.
    """
    from portal.extensions import search_engine

    try:
        engine_ok = bool(search_engine().get().ping())
    except Exception:  # any failure to reach the engine is "unavailable" here
        engine_ok = False
    response = jsonify({"status": "ok", "engine": "ok" if engine_ok else "unavailable"})
    response.cache_control.no_store = True
    return response


def startup(app: Flask) -> int | None:
    """Get the search engine ready before serving (embedded: start it, rebuild the index).

    Returns the number of courses indexed when this call rebuilt the index, else None.
    """
    from portal.engine import INDEXED_KEY
    from portal.extensions import search_engine

    app.extensions.pop(INDEXED_KEY, None)
    search_engine(app).get()
    return app.extensions.get(INDEXED_KEY)
