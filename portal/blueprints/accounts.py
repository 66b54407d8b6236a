"""Optional adviser accounts under /<lang>/account: sign up, sign in, sign out, my shortlists.

Passwords are hashed with Argon2 (argon2-cffi); signing in is rate-limited (Flask-Limiter);
the session is renewed on sign-in. Shortlists work without an account; an account only keeps
them together, and the shortlist being worked on is claimed into it on sign-in.
"""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from indexer.usermodels import Account
from portal.blueprints.shortlists import SESSION_KEY, page, safe_next, user_db
from portal.contexts.shortlist import shortlist_summary
from portal.extensions import limiter
from portal.forms import SignInForm, SignUpForm
from portal.i18n import add_language_prefix, current_language
from portal.userdata import (
    EmailTaken,
    account_shortlists,
    authenticate,
    claim,
    create_account,
    shortlist_by_token,
)

bp = Blueprint("accounts", __name__, url_prefix="/<lang:lang_code>/account")
add_language_prefix(bp)


def signin_limit() -> str:
    return current_app.config["SIGNIN_RATE_LIMIT"]


def start_session(account: Account) -> None:
    """A fresh session for the signed-in adviser, keeping the shortlist being worked on."""
    working = session.get(SESSION_KEY)
    session.clear()
    session["account_id"] = account.id
    if working:
        session[SESSION_KEY] = working


def claim_working_shortlist(db, account: Account) -> None:  # type: ignore[no-untyped-def]
    working = session.get(SESSION_KEY) or {}
    shortlist = shortlist_by_token(db, working.get("token"))
    if shortlist is not None and shortlist.account_id is None:
        claim(shortlist, account.id)


@bp.route("/sign-up", methods=["GET", "POST"])
@limiter.limit(signin_limit, methods=["POST"])  # each sign-up costs an Argon2 hash
def sign_up() -> ResponseReturnValue:
    form = SignUpForm()
    if form.validate_on_submit():
        try:
            with user_db() as db:
                account = create_account(db, form.email.data or "", form.password.data or "")
                claim_working_shortlist(db, account)
        except EmailTaken:
            form.email.errors = [
                _("There is already an account with this email address. Sign in instead.")
            ]
        else:
            start_session(account)
            flash(_("Your account has been created and you are signed in."))
            return redirect(url_for("accounts.home"))
    return page("accounts/sign_up.html", 400 if form.errors else 200, form=form)


@bp.route("/sign-in", methods=["GET", "POST"])
@limiter.limit(signin_limit, methods=["POST"])
def sign_in() -> ResponseReturnValue:
    form = SignInForm()
    target = safe_next(request.values.get("next"), url_for("accounts.home"))
    if form.validate_on_submit():
        with user_db() as db:
            account = authenticate(db, form.email.data or "", form.password.data or "")
            if account is not None:
                claim_working_shortlist(db, account)
        if account is not None:
            start_session(account)
            flash(_("You are signed in."))
            return redirect(target)
        form.password.errors = [_("The email address or password is not right")]
    return page("accounts/sign_in.html", 400 if form.errors else 200, form=form, next=target)


@bp.post("/sign-out")
def sign_out() -> ResponseReturnValue:
    session.clear()
    flash(_("You are signed out."))
    return redirect(url_for("public.home"))


@bp.get("/")
def home() -> ResponseReturnValue:
    account_id = session.get("account_id")
    if not isinstance(account_id, int):
        return redirect(url_for("accounts.sign_in", next=url_for("accounts.home")))
    lang = current_language()
    with user_db() as db:
        account = db.get(Account, account_id)
        if account is None:
            session.clear()
            return redirect(url_for("accounts.sign_in"))
        email = account.email
        shortlists = [shortlist_summary(s, lang) for s in account_shortlists(db, account_id)]
    return page("accounts/home.html", email=email, shortlists=shortlists)
