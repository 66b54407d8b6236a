"""Bad input never gives a 5xx; error pages speak the user's language; no tracebacks."""

from __future__ import annotations

import html
from urllib.parse import quote

import pytest
from flask.testing import FlaskClient

from tests.portal.support import make_app

pytestmark = pytest.mark.engine

BAD_QUERIES = [
    "",
    "x" * 5000,
    '"first aid',
    '"first aid"',
    "(computing",
    "computing)",
    "title:computing",
    "a:b:c",
    "\\",
    "C:\\Windows\\",
    "🎓📚",
    "AND OR NOT",
    "*",
    "?",
    "[]{}^~",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "\x00",
    "Cymraeg / Welsh",
]

BAD_PARAMS = [
    "mode=spaceship",
    "level=99",
    "subject=%3Cb%3E",
    "start=yesterday",
    "sort=nonsense",
    "page=99999",
    "page=500",
    "duration=forever&cost=maybe&language=klingon",
    "provider=" + "p" * 500,
    "q=data&q=other",
    "lang=xx",
]


@pytest.mark.parametrize("q", BAD_QUERIES, ids=range(len(BAD_QUERIES)))
def test_odd_queries_give_a_normal_page(client: FlaskClient, lang: str, q: str) -> None:
    response = client.get(f"/{lang}/search?q={quote(q)}")
    assert response.status_code == 200
    assert "Traceback" not in response.get_data(as_text=True)


@pytest.mark.parametrize("query", BAD_PARAMS)
def test_odd_parameters_give_a_normal_page(client: FlaskClient, query: str) -> None:
    assert client.get(f"/en/search?{query}").status_code == 200
    assert client.get(f"/api/v1/search?{query}").status_code in (200, 400)


def test_long_query_is_shortened_with_a_note(client: FlaskClient) -> None:
    body = client.get("/en/search?q=" + "data " * 1000).get_data(as_text=True)
    assert "used only its first 500 characters" in body


@pytest.mark.parametrize("page", ["abc", "-1", "0", "2.5"])
def test_nonsense_page_is_a_400_in_the_users_language(client: FlaskClient, page: str) -> None:
    response = client.get(f"/cy/search?q=data&page={page}")
    assert response.status_code == 400
    body = html.unescape(response.get_data(as_text=True))
    assert '<html lang="cy">' in body
    assert "Mae'n ddrwg gennym, nid oeddem yn gallu deall y cais hwnnw" in body


def test_page_past_the_end_offers_the_first_page(client: FlaskClient) -> None:
    body = client.get("/en/search?q=data&page=99999").get_data(as_text=True)
    assert "There are no results on this page." in body
    assert 'href="/en/search?q=data"' in body


@pytest.mark.parametrize(
    ("url", "text"),
    [
        ("/en/courses/no-such:course", "Page not found"),
        ("/cy/courses/no-such:course", "Heb ddod o hyd i'r dudalen"),
        ("/cy/no-such-page", "Heb ddod o hyd i'r dudalen"),
    ],
)
def test_404_pages(client: FlaskClient, url: str, text: str) -> None:
    response = client.get(url)
    assert response.status_code == 404
    assert text in html.unescape(response.get_data(as_text=True))


def test_404_without_a_language_follows_accept_language(client: FlaskClient) -> None:
    response = client.get("/nowhere", headers={"Accept-Language": "cy"})
    assert response.status_code == 404
    assert '<html lang="cy">' in response.get_data(as_text=True)


def test_api_errors_are_json(client: FlaskClient) -> None:
    for url, status in [
        ("/api/v1/courses/no-such:course", 404),
        ("/api/v1/search?page=abc", 400),
        ("/api/v1/nothing-here", 404),
    ]:
        response = client.get(url)
        assert response.status_code == status
        assert response.is_json
        assert response.get_json()["error"]["status"] == status


def test_unexpected_errors_are_a_500_page_without_traceback(engine, portal_database_url) -> None:
    app = make_app(engine, portal_database_url)

    @app.get("/cy/boom-test")
    def boom() -> str:
        raise RuntimeError("secret internals")

    response = app.test_client().get("/cy/boom-test")
    body = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 500
    assert "secret internals" not in body and "Traceback" not in body
    assert "Mae'n ddrwg gennym, aeth rhywbeth o'i le" in body


@pytest.mark.parametrize(
    "path",
    [
        "/cy/search?q=a%00b%1Bc",
        "/en/providers/northern-skills/ranking?q=a%00b",
        "/api/v1/search?q=a%00b",
        "/api/v1/suggest?q=a%00b",
    ],
)
def test_control_characters_in_a_query_are_dropped(client: FlaskClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert b"\x00" not in response.data and b"\x1b" not in response.data
    assert b"\\u0000" not in response.data
