"""Engine fixtures: one real osmem-server per session; each test gets its own alias.

Engine tests run against osmem always and, when OPENSEARCH_URL is set, against that real
OpenSearch too (DESIGN.md: one contract suite, so engine differences stay visible). On a
real engine every test alias is prefixed `cftest` and its indices are deleted afterwards.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Iterator

import pytest
from osmem_server import OsmemServer

from indexer.schema import Course
from indexer.search.client import Engine, split_url
from indexer.search.devset import devset_courses
from indexer.search.reindex import list_indices, reindex

# The devset's reference date: every listed start date is still to come.
TODAY = dt.date(2026, 6, 1)


@pytest.fixture(scope="session")
def osmem() -> Iterator[OsmemServer]:
    server = OsmemServer.start(japanese=False)
    yield server
    server.close()


@pytest.fixture(scope="session", params=["osmem", "opensearch"])
def engine_url(request: pytest.FixtureRequest) -> str:
    """The host URL of each engine the contract runs against."""
    if request.param == "osmem":
        return request.getfixturevalue("osmem").url
    url = os.environ.get("OPENSEARCH_URL")
    if not url:
        pytest.skip("OPENSEARCH_URL not set: contract tests run on osmem only")
    return split_url(url)[0]


def _drop(engine: Engine) -> None:
    for row in list_indices(engine):
        engine.client.indices.delete(index=row["name"])


@pytest.fixture
def engine(engine_url: str) -> Iterator[Engine]:
    """An Engine with a fresh alias, so tests never see each other; cleaned up after."""
    with Engine.connect(engine_url, alias=f"cftest{uuid.uuid4().hex[:12]}") as eng:
        yield eng
        _drop(eng)


@pytest.fixture(scope="session")
def courses() -> list[Course]:
    return devset_courses()


@pytest.fixture(scope="session")
def devset_engine(engine_url: str, courses: list[Course]) -> Iterator[Engine]:
    """The 480 devset courses indexed once per session (read-only tests only)."""
    with Engine.connect(engine_url, alias=f"cftestdevset{uuid.uuid4().hex[:6]}") as eng:
        reindex(eng, courses, len(courses), today=TODAY)
        yield eng
        _drop(eng)


@pytest.fixture
def closed_port_url() -> str:
    """A loopback URL on which nothing listens (bound, then released)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"
