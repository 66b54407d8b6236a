"""Careers advisers' shortlists under /<lang>/shortlists, the client's shared view, saved-search feeds.

No account is needed: a shortlist is reached by an unguessable link (its token). The one
being worked on is remembered in the session cookie so "Add to shortlist" buttons on search
results and course pages know where to add. Every change is a plain POST form with a CSRF
token; every page works without JavaScript.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    g,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session
from werkzeug.datastructures import MultiDict

from indexer.db import session_scope
from indexer.usermodels import NOTE_MAX_CHARS, Shortlist
from portal.config import settings_for
from portal.contexts import formatting as fmt
from portal.contexts.export import course_row, to_csv
from portal.contexts.search import query_string
from portal.contexts.shortlist import (
    MAX_COMPARE,
    compare_columns,
    item_rows,
    shortlist_summary,
)
from portal.forms import NoteForm, ShortlistForm
from portal.i18n import add_language_prefix, current_language
from portal.params import parse_search_args
from portal.userdata import (
    NoteTooLong,
    ShortlistFull,
    TooManySearches,
    account_shortlists,
    add_course,
    claim,
    course_exists,
    courses_by_id,
    create_shortlist,
    find_item,
    move_item,
    remove_item,
    rename,
    save_search,
    saved_search_by_feed_token,
    set_note,
    shortlist_by_share_token,
    shortlist_by_token,
)

bp = Blueprint("shortlists", __name__, url_prefix="/<lang:lang_code>")
add_language_prefix(bp)

SESSION_KEY = "shortlist"  # {"token": ..., "name": ...} of the shortlist being worked on


@contextmanager
def user_db() -> Iterator[Session]:
    with session_scope(settings_for(current_app)) as db:
        yield db


def private(response: Response) -> Response:
    """Shortlist pages are personal: never cached, never indexed, links never leak the token."""
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def page(template: str, status: int = 200, **context: Any) -> Response:
    return private(make_response(render_template(template, **context), status))


def remember(shortlist: Shortlist) -> None:
    session[SESSION_KEY] = {"token": shortlist.token, "name": shortlist.name}


def safe_next(target: str | None, fallback: str) -> str:
    """Only a path on this site (no scheme, no //host): never an open redirect."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return fallback


def load(db: Session, token: str) -> Shortlist:
    shortlist = shortlist_by_token(db, token)
    if shortlist is None:
        g.not_found_kind = "shortlist"
        abort(404)
    return shortlist


def current_shortlist() -> dict[str, Any] | None:
    """The shortlist in the session with the ids of its courses (for Add/Added buttons)."""
    remembered = session.get(SESSION_KEY)
    if not isinstance(remembered, dict) or not remembered.get("token"):
        return None
    try:
        with user_db() as db:
            shortlist = shortlist_by_token(db, remembered["token"])
            if shortlist is None:
                session.pop(SESSION_KEY, None)
                return None
            return {
                "name": shortlist.name,
                "token": shortlist.token,
                # course id -> item id, for "Add" / "Remove" buttons beside each course
                "course_ids": {item.course_id: item.id for item in shortlist.items},
            }
    except SQLAlchemyError as exc:  # search must keep working while the DB is down
        current_app.logger.warning("shortlist unavailable: %s", exc.__class__.__name__)
        return None


def signed_in_account() -> int | None:
    account = session.get("account_id")
    return account if isinstance(account, int) else None


# -- pages ------------------------------------------------------------------------------


@bp.route("/shortlists/", methods=["GET", "POST"])
def index() -> ResponseReturnValue:
    """Start a shortlist (optionally with a first course); list the ones in reach."""
    lang = current_language()
    form = ShortlistForm()
    add = request.values.get("add", "")[:300]
    with user_db() as db:
        if form.validate_on_submit():
            shortlist = create_shortlist(
                db, form.name.data or "", form.client_ref.data, signed_in_account()
            )
            if add and course_exists(db, add):
                add_course(db, shortlist, add)
            remember(shortlist)
            flash(_("Shortlist created. Search for courses and add them to it."))
            return redirect(url_for("shortlists.view", token=shortlist.token))
        mine = account_shortlists(db, signed_in_account()) if signed_in_account() else []
        listed = [shortlist_summary(s, lang) for s in mine]
    status = 400 if form.errors else 200
    return page(
        "shortlists/index.html",
        status,
        form=form,
        add=add,
        current=session.get(SESSION_KEY),
        mine=listed,
        signed_in=signed_in_account() is not None,
    )


def render_view(
    db: Session, shortlist: Shortlist, status: int = 200, note_errors: dict | None = None
) -> Response:
    lang = current_language()
    today = dt.date.today()
    courses = courses_by_id(db, [i.course_id for i in shortlist.items])
    searches = [
        {
            "id": s.id,
            "query": s.query,
            "describe": describe_search(s.query, lang),
            "feed": url_for("shortlists.feed", feed_token=s.feed_token, _external=True),
            "search_url": url_for("public.search_page") + "?" + s.query,
            "saved": fmt.day(s.created_at.date(), lang),
        }
        for s in shortlist.searches
    ]
    return page(
        "shortlists/view.html",
        status,
        s=shortlist_summary(shortlist, lang),
        rows=item_rows(shortlist, courses, lang, today),
        searches=searches,
        note_errors=note_errors or {},
        note_max=NOTE_MAX_CHARS,
        max_compare=MAX_COMPARE,
        share_url=url_for("shortlists.shared", share_token=shortlist.share_token, _external=True),
        edit_url=url_for("shortlists.view", token=shortlist.token, _external=True),
        signed_in=signed_in_account() is not None,
        owned=shortlist.account_id is not None,
        rename_form=ShortlistForm(
            formdata=None, obj=None, name=shortlist.name, client_ref=shortlist.client_ref
        ),
    )


def describe_search(query: str, lang: str) -> str:
    params, _truncated = parse_search_args(MultiDict(_pairs(query)), lang)
    words = params.q or _("all courses")
    count = sum(len(v) for v in params.filters.values())
    if not count:
        return words
    return ngettext(
        "%(words)s, with %(n)s filter",
        "%(words)s, with %(n)s filters",
        count,
        words=words,
        n=fmt.number(count, lang),
    )


def _pairs(query: str) -> list[tuple[str, str]]:
    from urllib.parse import parse_qsl

    return parse_qsl(query, keep_blank_values=False)


@bp.get("/shortlists/<token>")
def view(token: str) -> ResponseReturnValue:
    with user_db() as db:
        shortlist = load(db, token)
        remember(shortlist)
        return render_view(db, shortlist)


@bp.post("/shortlists/<token>/details")
def details(token: str) -> ResponseReturnValue:
    form = ShortlistForm()
    with user_db() as db:
        shortlist = load(db, token)
        if not form.validate():
            flash(
                _("The shortlist was not renamed: enter a name of 120 characters or fewer."),
                "error",
            )
            return redirect(url_for("shortlists.view", token=token))
        rename(shortlist, form.name.data or "", form.client_ref.data)
        remember(shortlist)
    flash(_("Shortlist details saved."))
    return redirect(url_for("shortlists.view", token=token))


@bp.post("/shortlists/add")
def add() -> ResponseReturnValue:
    """Add a course to the shortlist being worked on; with none yet, start one first."""
    course_id = request.form.get("course_id", "")[:300]
    back = safe_next(request.form.get("next"), url_for("public.search_page"))
    remembered = session.get(SESSION_KEY) or {}
    with user_db() as db:
        shortlist = shortlist_by_token(db, remembered.get("token"))
        if shortlist is None:
            return redirect(url_for("shortlists.index", add=course_id))
        try:
            added = add_course(db, shortlist, course_id)
        except ValueError:
            g.not_found_kind = "course"
            abort(404)
        except ShortlistFull:
            flash(_("This shortlist is full. Remove a course before adding another."), "error")
            return redirect(back)
        name = shortlist.name
    if added:
        flash(_("Added to the shortlist “%(name)s”.", name=name))
    else:
        flash(_("This course is already on the shortlist “%(name)s”.", name=name))
    return redirect(back)


@bp.post("/shortlists/<token>/items/<int:item_id>/remove")
def remove(token: str, item_id: int) -> ResponseReturnValue:
    with user_db() as db:
        shortlist = load(db, token)
        item = find_item(shortlist, item_id)
        if item is None:
            abort(404)
        remove_item(db, shortlist, item)
    flash(_("Course removed from the shortlist."))
    back = safe_next(request.form.get("next"), url_for("shortlists.view", token=token))
    return redirect(back)


@bp.post("/shortlists/<token>/items/<int:item_id>/note")
def note(token: str, item_id: int) -> ResponseReturnValue:
    form = NoteForm()
    with user_db() as db:
        shortlist = load(db, token)
        item = find_item(shortlist, item_id)
        if item is None:
            abort(404)
        problem = None
        if not form.validate():
            problem = "; ".join(str(m) for ms in form.errors.values() for m in ms)
        else:
            try:
                set_note(item, form.note.data, bool(form.shared.data))
            except NoteTooLong:
                problem = _("The note must be %(max)s characters or fewer", max=NOTE_MAX_CHARS)
        if problem:
            db.rollback()
            shortlist = load(db, token)
            errors = {item_id: {"message": problem, "text": form.note.data or ""}}
            return render_view(db, shortlist, 400, errors)
    flash(_("Note saved."))
    return redirect(url_for("shortlists.view", token=token) + f"#item-{item_id}")


@bp.post("/shortlists/<token>/items/<int:item_id>/move")
def move(token: str, item_id: int) -> ResponseReturnValue:
    with user_db() as db:
        shortlist = load(db, token)
        item = find_item(shortlist, item_id)
        if item is None:
            abort(404)
        move_item(shortlist, item, request.form.get("direction", ""))
    return redirect(url_for("shortlists.view", token=token) + f"#item-{item_id}")


@bp.get("/shortlists/<token>/compare")
def compare(token: str) -> ResponseReturnValue:
    lang = current_language()
    today = dt.date.today()
    with user_db() as db:
        shortlist = load(db, token)
        courses = courses_by_id(db, [i.course_id for i in shortlist.items])
        rows = item_rows(shortlist, courses, lang, today)
    chosen = [c for c in request.args.getlist("item") if c.isdigit()]
    too_many = len(chosen) > MAX_COMPARE
    if chosen:
        rows = [r for r in rows if str(r["item_id"]) in chosen]
    columns = compare_columns(rows, courses, lang)
    return page(
        "shortlists/compare.html",
        s=shortlist_summary(shortlist, lang),
        columns=columns,
        too_many=too_many,
        max_compare=MAX_COMPARE,
    )


@bp.get("/shortlists/<token>/export.csv")
def export(token: str) -> ResponseReturnValue:
    with user_db() as db:
        shortlist = load(db, token)
        courses = courses_by_id(db, [i.course_id for i in shortlist.items])
        rows = []
        for item in sorted(shortlist.items, key=lambda i: i.position):
            course = courses.get(item.course_id) or {"id": item.course_id}
            rows.append(
                {**course_row(course), "note": item.note or "", "note_shared": item.note_shared}
            )
        filename = f"shortlist-{shortlist.id}.csv"
    response = make_response(to_csv(rows, extra=("note", "note_shared")))
    response.mimetype = "text/csv"
    response.charset = "utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return private(response)


@bp.get("/shortlists/<token>/print")
def print_plan(token: str) -> ResponseReturnValue:
    lang = current_language()
    with user_db() as db:
        shortlist = load(db, token)
        courses = courses_by_id(db, [i.course_id for i in shortlist.items])
        rows = item_rows(shortlist, courses, lang, dt.date.today())
    return page(
        "shortlists/print.html",
        s=shortlist_summary(shortlist, lang),
        rows=rows,
        printed=fmt.day(dt.date.today(), lang),
        share_url=url_for("shortlists.shared", share_token=shortlist.share_token, _external=True),
    )


@bp.post("/shortlists/<token>/searches")
def save_current_search(token: str) -> ResponseReturnValue:
    lang = current_language()
    raw = request.form.get("query", "")[:4000]
    params, _truncated = parse_search_args(MultiDict(_pairs(raw)), lang)
    query = query_string(
        params.q, params.sort, params.filters, include_past=params.include_past
    ).lstrip("?")
    with user_db() as db:
        shortlist = load(db, token)
        try:
            save_search(db, shortlist, query)
        except TooManySearches:
            flash(_("This shortlist already has 20 saved searches. Remove one first."), "error")
            return redirect(url_for("shortlists.view", token=token))
    flash(_("Search saved. Its feed lists new matching courses."))
    return redirect(url_for("public.search_page") + ("?" + query if query else ""))


@bp.post("/shortlists/<token>/searches/<int:search_id>/remove")
def remove_search(token: str, search_id: int) -> ResponseReturnValue:
    with user_db() as db:
        shortlist = load(db, token)
        found = next((s for s in shortlist.searches if s.id == search_id), None)
        if found is None:
            abort(404)
        shortlist.searches.remove(found)
    flash(_("Saved search removed."))
    return redirect(url_for("shortlists.view", token=token))


@bp.post("/shortlists/<token>/claim")
def claim_shortlist(token: str) -> ResponseReturnValue:
    account = signed_in_account()
    if account is None:
        return redirect(url_for("accounts.sign_in", next=url_for("shortlists.view", token=token)))
    with user_db() as db:
        shortlist = load(db, token)
        if claim(shortlist, account):
            flash(_("The shortlist is now saved in your account."))
        else:
            flash(_("This shortlist belongs to another account."), "error")
    return redirect(url_for("shortlists.view", token=token))


@bp.post("/shortlists/forget")
def forget() -> ResponseReturnValue:
    session.pop(SESSION_KEY, None)
    flash(_("You have stopped working on that shortlist. Its link still works."))
    return redirect(url_for("shortlists.index"))


# -- the client's read-only view ---------------------------------------------------------


@bp.get("/shared/<share_token>")
def shared(share_token: str) -> ResponseReturnValue:
    lang = current_language()
    with user_db() as db:
        shortlist = shortlist_by_share_token(db, share_token)
        if shortlist is None:
            g.not_found_kind = "shortlist"
            abort(404)
        courses = courses_by_id(db, [i.course_id for i in shortlist.items])
        rows = item_rows(shortlist, courses, lang, dt.date.today(), shared_only=True)
    return page("shortlists/shared.html", s=shortlist_summary(shortlist, lang), rows=rows)


# -- saved-search feeds ------------------------------------------------------------------


@bp.get("/feeds/<feed_token>.atom")
def feed(feed_token: str) -> ResponseReturnValue:
    from portal.feeds import new_courses_feed

    lang = current_language()
    with user_db() as db:
        saved = saved_search_by_feed_token(db, feed_token)
        if saved is None:
            g.not_found_kind = "feed"
            abort(404)
        query, created, name = saved.query, saved.created_at, saved.shortlist.name
        feed_id = saved.feed_token
    body = new_courses_feed(query, created, lang, name, feed_id)
    response = make_response(body)
    response.mimetype = "application/atom+xml"
    response.headers["Cache-Control"] = "private, max-age=300"
    response.headers["X-Robots-Tag"] = "noindex"
    return response
