"""The providers list under /<lang>/providers, read from the catalogue DB (the truth)."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template
from flask.typing import ResponseReturnValue
from sqlalchemy.exc import SQLAlchemyError

from portal.catalogue import read_providers
from portal.contexts.providers import providers_context
from portal.i18n import add_language_prefix, current_language

bp = Blueprint("providers", __name__, url_prefix="/<lang:lang_code>/providers")
add_language_prefix(bp)


class CatalogueUnavailable(RuntimeError):
    """The catalogue DB cannot be read; shown as a 503 like an engine failure."""


@bp.get("/")
def index() -> ResponseReturnValue:
    lang = current_language()
    try:
        providers = read_providers(current_app)
    except SQLAlchemyError as exc:
        current_app.logger.warning("providers list: catalogue unavailable: %s", exc)
        raise CatalogueUnavailable(str(exc)) from exc
    return render_template("public/providers.html", providers=providers_context(providers, lang))
