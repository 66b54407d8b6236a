"""Error pages (400/404/500/503) in the user's language, JSON under /api; never a traceback."""

from __future__ import annotations

import logging

from flask import Blueprint, Flask, g, jsonify, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from opensearchpy.exceptions import TransportError
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException, InternalServerError

from indexer.search.models import EngineUnavailable
from portal.blueprints.providers import CatalogueUnavailable
from portal.extensions import search_engine
from portal.params import BadSearchParameter

log = logging.getLogger(__name__)

bp = Blueprint("errors", __name__)

CODES = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    429: "too_many_requests",
    500: "internal_error",
    503: "unavailable",
}


def _messages(status: int, kind: str | None = None) -> tuple[str, str]:
    """(title, explanation) for a status, in the request's language."""
    if kind == "csrf":
        return _("Your form could not be sent"), _(
            "The page was open too long, or cookies are blocked. Go back, reload the page and try again."
        )
    if status == 404 and kind == "shortlist":
        return _("Shortlist not found"), _(
            "This shortlist link is not valid. Check that you copied the whole link, or ask the person who sent it for a new one."
        )
    if status == 404 and kind == "feed":
        return _("Feed not found"), _(
            "This feed link is not valid, or the saved search was removed."
        )
    if status == 404 and kind == "provider":
        return _("Provider not found"), _(
            "We do not list a provider with this web address. See the list of providers."
        )
    if status == 413:
        return _("That was too much to send"), _(
            "The form you sent was too large. Shorten what you typed and try again."
        )
    if status == 429:
        return _("Too many attempts"), _(
            "You have tried to sign in too many times. Wait a minute, then try again."
        )
    if status == 400:
        return _("Sorry, we could not understand that request"), _(
            "Part of the web address is not valid. Check it, or start a new search."
        )
    if status == 404:
        return _("Page not found"), _(
            "The page may have moved, or the course may no longer be listed. Check the web address, or search for courses."
        )
    if status == 503:
        return _("Search is not available at the moment"), _(
            "We cannot reach the course search right now. Please try again in a few minutes."
        )
    if status == 405:
        return _("Sorry, we could not understand that request"), _(
            "That action is not allowed on this page."
        )
    return _("Sorry, something went wrong"), _(
        "There is a problem with the service. Please try again later."
    )


def render_error(
    status: int, parameter: str | None = None, kind: str | None = None
) -> ResponseReturnValue:
    title, message = _messages(status, kind or g.get("not_found_kind"))
    if request.path.startswith("/api/"):
        error: dict[str, object] = {
            "status": status,
            "code": CODES.get(status, "error"),
            "message": message,
        }
        if parameter:
            error["parameter"] = parameter
        return jsonify({"error": error}), status
    response = render_template(
        "errors/error.html", status=status, title=title, message=message, parameter=parameter
    )
    headers = {"Retry-After": "30"} if status == 503 else {}
    return response, status, headers


def handle_http(exc: HTTPException) -> ResponseReturnValue:
    status = exc.code or 500
    if status not in (400, 404, 405, 413, 429, 503):
        status = 500 if status >= 500 else 400
    kind = "csrf" if isinstance(exc, CSRFError) else None
    return render_error(
        status, exc.parameter if isinstance(exc, BadSearchParameter) else None, kind
    )


def handle_engine(exc: Exception) -> ResponseReturnValue:
    log.warning("search engine unavailable: %s", exc)
    search_engine().failed()  # so the next request starts or reconnects afresh
    return render_error(503)


def handle_catalogue(exc: Exception) -> ResponseReturnValue:
    log.warning("catalogue DB unavailable: %s", exc.__class__.__name__)
    return render_error(503)


def handle_unexpected(exc: Exception) -> ResponseReturnValue:
    original = exc.original_exception if isinstance(exc, InternalServerError) else exc
    log.exception("unhandled error", exc_info=original)
    return render_error(500)


def register(app: Flask) -> None:
    app.register_blueprint(bp)
    app.register_error_handler(HTTPException, handle_http)
    app.register_error_handler(EngineUnavailable, handle_engine)
    app.register_error_handler(TransportError, handle_engine)
    app.register_error_handler(CatalogueUnavailable, handle_catalogue)
    app.register_error_handler(OperationalError, handle_catalogue)
    app.register_error_handler(InternalServerError, handle_unexpected)
    app.register_error_handler(Exception, handle_unexpected)
