"""Fixtures shared by every test area: databases (SQLite always, PostgreSQL when reachable)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from indexer.config import Settings

PG_URL = os.environ.get(
    "TEST_DATABASE_URL",
    "postgresql+psycopg://coursefinder:coursefinder@127.0.0.1:5432/coursefinder_test",
)
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def _postgres_reachable() -> str | None:
    try:
        engine = sa.create_engine(PG_URL, connect_args={"connect_timeout": 2})
        with engine.connect():
            pass
        engine.dispose()
        return None
    except Exception as exc:  # any driver or network failure means "not here"
        return str(exc).splitlines()[0]


def _postgres_schema(name: str, *, drop: bool = False) -> None:
    engine = sa.create_engine(PG_URL)
    with engine.begin() as conn:
        conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
        if not drop:
            conn.execute(sa.text(f'CREATE SCHEMA "{name}"'))
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """A migrated, empty catalogue database; every DB test runs on both dialects."""
    from indexer.db import get_engine
    from indexer.migrate import upgrade

    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'catalogue.sqlite3'}"
    else:
        problem = _postgres_reachable()
        if problem:
            if IN_CI:
                pytest.fail(f"PostgreSQL must be reachable in CI ({PG_URL}): {problem}")
            pytest.skip(f"no PostgreSQL at {PG_URL}: {problem}")
        # A schema of its own per test: parallel runs sharing one server never collide.
        schema = f"test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
        _postgres_schema(schema)
        url = f"{PG_URL}?options=-csearch_path%3D{schema}"
    upgrade(url)
    yield url
    get_engine(url).dispose()
    if request.param == "postgresql":
        _postgres_schema(schema, drop=True)


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(database_url=database_url, opensearch_url=None)
