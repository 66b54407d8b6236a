"""Adviser accounts: sign up, sign in (rate-limited), claim shortlists, sign out; cookie flags."""

from __future__ import annotations

import itertools

import pytest
from flask import Flask
from flask.testing import FlaskClient

from indexer.db import session_scope
from indexer.usermodels import Account
from portal.config import settings_for
from tests.portal.support import make_app
from tests.portal.test_portal_shortlists import csrf, new_shortlist

pytestmark = pytest.mark.engine

_emails = (f"adviser{n}@example.org" for n in itertools.count())
PASSWORD = "correct horse battery"


def sign_up(client: FlaskClient, lang: str, email: str, password: str = PASSWORD, confirm=None):
    token = csrf(client, f"/{lang}/account/sign-up")
    return client.post(
        f"/{lang}/account/sign-up",
        data={
            "csrf_token": token,
            "email": email,
            "password": password,
            "confirm": password if confirm is None else confirm,
        },
    )


def sign_in(client: FlaskClient, lang: str, email: str, password: str = PASSWORD):
    token = csrf(client, f"/{lang}/account/sign-in")
    return client.post(
        f"/{lang}/account/sign-in",
        data={"csrf_token": token, "email": email, "password": password},
    )


def test_sign_up_claims_the_working_shortlist_and_lists_it(app: Flask, lang: str) -> None:
    client = app.test_client()
    shortlist = new_shortlist(client, lang)
    email = next(_emails)
    response = sign_up(client, lang, email.upper())
    assert response.status_code == 302
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    with session_scope(settings_for(app)) as db:
        account = db.query(Account).filter_by(email=email).one()
        assert account.password_hash.startswith("$argon2")
        assert PASSWORD not in account.password_hash
    home = client.get(f"/{lang}/account/").get_data(as_text=True)
    assert f"/{lang}/shortlists/{shortlist}" in home

    # Signed out: the account page asks to sign in; signing in again shows the shortlist.
    token = csrf(client, f"/{lang}/account/")
    client.post(f"/{lang}/account/sign-out", data={"csrf_token": token})
    assert client.get(f"/{lang}/account/").status_code == 302
    assert sign_in(client, lang, email).status_code == 302
    assert f"/{lang}/shortlists/{shortlist}" in client.get(f"/{lang}/account/").get_data(
        as_text=True
    )


def test_sign_up_errors_are_in_the_page_language(app: Flask, lang: str) -> None:
    client = app.test_client()
    response = sign_up(client, lang, "not-an-email", "short", "different")
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    if lang == "en":
        assert "Enter an email address like name@example.com" in body
        assert "There is a problem" in body
    else:
        assert "Rhowch gyfeiriad e-bost fel enw@enghraifft.com" in body
        assert "Mae problem" in body
    assert 'aria-invalid="true"' in body


def test_wrong_password_is_refused_without_saying_which_part(app: Flask) -> None:
    client = app.test_client()
    email = next(_emails)
    sign_up(client, "en", email)
    other = app.test_client()
    response = sign_in(other, "en", email, "wrong password!")
    assert response.status_code == 400
    assert "The email address or password is not right" in response.get_data(as_text=True)
    response = sign_in(other, "en", "nobody@example.org", "wrong password!")
    assert "The email address or password is not right" in response.get_data(as_text=True)


def test_sign_in_is_rate_limited(engine, portal_database_url: str, lang: str) -> None:
    app = make_app(engine, portal_database_url, SIGNIN_RATE_LIMIT="3 per minute")
    client = app.test_client()
    responses = [sign_in(client, lang, "x@example.org", "wrong password!") for _ in range(5)]
    assert [r.status_code for r in responses[:3]] == [400, 400, 400]
    assert responses[-1].status_code == 429
    body = responses[-1].get_data(as_text=True)
    assert ("Too many attempts" if lang == "en" else "Gormod o ymdrechion") in body


def test_secure_cookie_is_configurable(engine, portal_database_url: str) -> None:
    app = make_app(engine, portal_database_url, SESSION_COOKIE_SECURE=True)
    client = app.test_client()
    response = client.get("/en/shortlists/")
    assert "Secure" in response.headers["Set-Cookie"]
