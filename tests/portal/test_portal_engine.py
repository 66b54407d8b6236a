"""The engine as an app extension: 503 when it is down, recovery without restart, embedded start."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from osmem_server import OsmemServer

from indexer.search.client import Engine
from indexer.search.reindex import reindex
from portal import startup
from portal.extensions import search_engine
from tests.portal.courses import catalogue
from tests.portal.support import free_port, make_app, seed_catalogue

pytestmark = pytest.mark.engine


def test_engine_down_is_a_503_in_the_users_language_then_recovers(portal_database_url: str) -> None:
    port = free_port()
    app = make_app(Engine.connect(f"http://127.0.0.1:{port}", "courses"), portal_database_url)
    client = app.test_client()

    for lang, title in [
        ("en", "Search is not available at the moment"),
        ("cy", "Nid yw'r chwilio ar gael ar hyn o bryd"),
    ]:
        response = client.get(f"/{lang}/search?q=data")
        assert response.status_code == 503
        body = html.unescape(response.get_data(as_text=True))
        assert f'<html lang="{lang}">' in body and title in body
        assert "Traceback" not in body
    api = client.get("/api/v1/search?q=data")
    assert api.status_code == 503 and api.get_json()["error"]["code"] == "unavailable"
    assert client.get("/cy/courses/coleg-glannau:cg-010").status_code == 503
    assert client.get("/cy/").status_code == 200  # the home page still works, without counts

    # The engine comes up on that port: the same app answers, no restart.
    server = OsmemServer.start(japanese=False, addr=f"127.0.0.1:{port}")
    try:
        live = Engine.connect(server.url, "courses")
        courses = catalogue()
        reindex(live, courses, expected=len(courses))
        response = client.get("/en/search?q=computing")
        assert response.status_code == 200
        assert "Computing for Beginners" in response.get_data(as_text=True)
    finally:
        server.close()


def test_lazily_built_engine_is_rebuilt_after_it_dies(portal_database_url: str) -> None:
    """An engine the portal built itself (OPENSEARCH_URL) is dropped when a ping fails."""
    port = free_port()
    app = make_app(None, portal_database_url, OPENSEARCH_URL=f"http://127.0.0.1:{port}/courses")
    client = app.test_client()
    assert client.get("/en/search").status_code == 503
    assert search_engine(app).current is None  # dead client not kept

    server = OsmemServer.start(japanese=False, addr=f"127.0.0.1:{port}")
    try:
        courses = catalogue()
        reindex(Engine.connect(server.url, "courses"), courses, expected=len(courses))
        assert client.get("/en/search").status_code == 200
    finally:
        server.close()
        search_engine(app).close()


def test_embedded_startup_rebuilds_the_index_from_the_catalogue(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'catalogue.sqlite3'}"
    courses = catalogue()
    seed_catalogue(url, courses)
    app = make_app(None, url)  # no ENGINE, no OPENSEARCH_URL: embedded osmem
    try:
        assert startup(app) == len(courses)
        body = app.test_client().get("/cy/search?q=cymraeg").get_data(as_text=True)
        assert "Cymraeg Gwaith: Mynediad" in body
    finally:
        search_engine(app).close()


def test_embedded_startup_with_an_empty_database_serves_no_courses(tmp_path: Path) -> None:
    app = make_app(None, f"sqlite:///{tmp_path / 'missing.sqlite3'}")
    try:
        assert startup(app) == 0
        response = app.test_client().get("/en/search")
        assert response.status_code == 200
        assert "0 courses found" in response.get_data(as_text=True)
    finally:
        search_engine(app).close()


def test_healthz_reports_the_engine(client, portal_database_url: str) -> None:
    assert client.get("/healthz").get_json() == {"status": "ok", "engine": "ok"}
    down = make_app(
        Engine.connect(f"http://127.0.0.1:{free_port()}", "courses"), portal_database_url
    )
    response = down.test_client().get("/healthz")
    assert response.status_code == 200
    assert response.get_json()["engine"] == "unavailable"
