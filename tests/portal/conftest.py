"""Portal fixtures: one real osmem engine per session, indexed with tests/portal/courses.py."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient
from osmem_server import OsmemServer

from indexer.search.client import Engine
from indexer.search.reindex import reindex
from tests.portal.courses import catalogue
from tests.portal.support import make_app, seed_catalogue

LANGS = ("en", "cy")


@pytest.fixture(scope="session")
def osmem() -> Iterator[OsmemServer]:
    server = OsmemServer.start(japanese=False)
    yield server
    server.close()


@pytest.fixture(scope="session")
def engine(osmem: OsmemServer) -> Iterator[Engine]:
    eng = Engine.connect(osmem.url, "portal-test")
    courses = catalogue()
    reindex(eng, courses, expected=len(courses))
    yield eng
    eng.client.close()


@pytest.fixture(scope="session")
def portal_database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A catalogue DB with the test providers and courses (the providers page reads it)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'catalogue.sqlite3'}"
    seed_catalogue(url, catalogue())
    return url


@pytest.fixture(scope="session")
def app(engine: Engine, portal_database_url: str) -> Flask:
    return make_app(engine, portal_database_url)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture(params=LANGS)
def lang(request: pytest.FixtureRequest) -> str:
    return request.param
