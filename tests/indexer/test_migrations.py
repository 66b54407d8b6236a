"""Alembic owns the schema: migrations build exactly what the models declare."""

from __future__ import annotations

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from indexer.db import Base


def test_migrations_match_models(database_url):
    engine = sa.create_engine(database_url)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    engine.dispose()
    assert diff == []


def test_reference_data_copies_match_shared():
    from indexer.config import PROJECT_ROOT, shared_dir

    shared = shared_dir() / "data"
    if not shared.is_dir():
        import pytest

        pytest.skip("no shared/ beside this checkout")
    for copy in (PROJECT_ROOT / "indexer" / "data").glob("*.csv"):
        assert copy.read_bytes() == (shared / copy.name).read_bytes(), copy.name
