"""Portal fixtures: one real osmem engine per session, indexed with tests/portal/courses.py."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from osmem_server import OsmemServer
from werkzeug.serving import make_server

from indexer.config import PROJECT_ROOT
from indexer.search.client import Engine
from indexer.search.reindex import reindex
from tests.portal.courses import catalogue
from tests.portal.support import free_port, make_app, seed_catalogue

LANGS = ("en", "cy")
AXE = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"


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


# -- headless Chromium (tests marked `browser`) ----------------------------------------------

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.fixture(scope="module")
def live_url(app: Flask) -> Iterator[str]:
    port = free_port()
    server = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        message = "Debian's chromium and chromium-driver are needed for browser tests"
        if IN_CI:
            pytest.fail(message)  # CI must run the browser test, never skip it
        pytest.skip(message)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="coursefinder-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-dev-shm-usage",
        f"--user-data-dir={profile}",
        "--window-size=1280,1600",
    ):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core from node_modules (package.json devDependency); installed with npm ci if missing."""
    if not AXE.exists() and shutil.which("npm"):
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund"], cwd=PROJECT_ROOT, check=False, timeout=300
        )
    if not AXE.exists():
        message = "axe-core is missing: run `make install` (npm ci)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return AXE.read_text(encoding="utf-8")
