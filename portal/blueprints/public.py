"""Learners' pages under /<lang>: home, search results and the course page."""

from __future__ import annotations

import dataclasses
import datetime as dt

from flask import (
    Blueprint,
    abort,
    current_app,
    make_response,
    render_template,
    request,
    session,
)
from flask.typing import ResponseReturnValue

from indexer.search.models import EngineUnavailable, SearchParams
from indexer.search.service import get_course, search
from portal.blueprints.shortlists import current_shortlist
from portal.catalogue import provider_names
from portal.contexts.course import course_detail
from portal.contexts.labels import subject_groups
from portal.contexts.search import query_string, search_context
from portal.extensions import get_engine
from portal.i18n import add_language_prefix, current_language
from portal.params import parse_search_args
from portal.searching import started_courses_would_help

bp = Blueprint("public", __name__, url_prefix="/<lang:lang_code>")
add_language_prefix(bp)


def cacheable(body: str, personal: bool = False) -> ResponseReturnValue:
    """Search answers change only on reindex: let browsers and proxies keep them briefly.

    A page showing an adviser's shortlist buttons (with a CSRF token) is theirs alone.
    """
    response = make_response(body)
    if personal:
        response.headers["Cache-Control"] = "private, no-store"
    else:
        response.cache_control.public = True
        response.cache_control.max_age = current_app.config["SEARCH_CACHE_SECONDS"]
    response.vary.add("Cookie")
    return response


def here() -> str:
    """This page's path and query, for forms that come back here."""
    query = request.query_string.decode("utf-8", "replace")
    return request.path + ("?" + query if query else "")


def subject_entries(lang: str) -> list[dict[str, object]]:
    """CAH level-1 groups for the home page, with course counts when the engine answers.

    The home page must work while the engine is down, so it falls back to every group.
    """
    counts: dict[str, int] | None = None
    try:
        # Only the subject counts are needed: one aggregation, one hit.
        page = search(get_engine(), SearchParams(lang=lang, per_page=1, facets=("subject",)))
        counts = {b.value: b.count for b in page.facets.get("subject", [])}
    except EngineUnavailable:
        current_app.logger.warning("home page: engine unavailable, showing subjects without counts")
    entries = []
    for code, labels in subject_groups().items():
        count = None if counts is None else counts.get(code, 0)
        if count == 0:
            continue
        entries.append({"code": code, "label": labels.get(lang) or labels["en"], "count": count})
    return sorted(entries, key=lambda e: str(e["label"]).casefold())


@bp.get("/")
def home() -> ResponseReturnValue:
    lang = current_language()
    return render_template("public/home.html", subjects=subject_entries(lang))


@bp.get("/search")
def search_page() -> ResponseReturnValue:
    lang = current_language()
    params, truncated = parse_search_args(request.args, lang)
    debug = bool(current_app.config.get("SEARCH_DEBUG") or current_app.debug)
    if debug:  # development only: why each result ranked where it did
        params = dataclasses.replace(params, explain=True)
    page = search(get_engine(), params)
    context = search_context(
        page, params, lang, dt.date.today(), truncated, provider_names(current_app)
    )
    subjects = [] if page.total else subject_entries(lang)  # zero results is never a dead end
    # offer "include courses that have already started" only where it finds something
    context["offer_past"] = started_courses_would_help(get_engine(), params, page)
    shortlist = current_shortlist()
    return cacheable(
        render_template(
            "public/search.html",
            s=context,
            subjects=subjects,
            query_string=query_string,
            shortlist=shortlist,
            here=here(),
            saved_query=query_string(
                params.q, params.sort, params.filters, include_past=params.include_past
            ).lstrip("?"),
        ),
        personal=shortlist is not None or "account_id" in session,
    )


@bp.get("/courses/<path:course_id>")
def course_page(course_id: str) -> ResponseReturnValue:
    lang = current_language()
    if len(course_id) > 300:
        abort(404)
    course = get_course(get_engine(), course_id)
    if course is None:
        abort(404)
    context = course_detail(course, lang, dt.date.today())
    shortlist = current_shortlist()
    return cacheable(
        render_template("public/course.html", c=context, shortlist=shortlist, here=here()),
        personal=shortlist is not None or "account_id" in session,
    )
