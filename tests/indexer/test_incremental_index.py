"""A re-crawl against a real engine re-indexes only what changed, in the live index."""

from __future__ import annotations

import pytest
from osmem_server import OsmemServer

from indexer.cli import rebuild_index
from indexer.config import Settings
from indexer.ingest import WITHDRAW_AFTER, ingest_crawl
from indexer.search.client import Engine
from indexer.search.reindex import list_indices
from tests.indexer.test_ingest import PROVIDER, listing, report

pytestmark = pytest.mark.engine


@pytest.fixture(scope="module")
def osmem():
    server = OsmemServer.start(japanese=False)
    yield server
    server.close()


def _titles(engine: Engine) -> dict[str, str]:
    hits = engine.client.search(index=engine.alias, body={"size": 50})["hits"]["hits"]
    return {h["_id"]: h["_source"]["title"]["en"] for h in hits}


def test_changes_and_withdrawals_reach_the_live_index_without_a_rebuild(osmem, database_url):
    alias = "courses-incremental"
    settings = Settings(database_url=database_url, opensearch_url=f"{osmem.url}/{alias}")
    offline = Settings(database_url=database_url, opensearch_url=None)
    ingest_crawl(PROVIDER, report(), [listing("a1"), listing("a2")], settings=offline)
    engine = Engine.connect(osmem.url, alias)
    index, _ = rebuild_index(engine, offline)

    counts = ingest_crawl(
        PROVIDER,
        report(),
        [listing("a1", title="Bookkeeping II"), listing("a2")],
        settings=settings,
    )
    assert counts["changed"] == 1 and counts["indexed"] is True
    assert _titles(engine)["coleg-example:a1"] == "Bookkeeping II"

    for _ in range(WITHDRAW_AFTER):
        counts = ingest_crawl(
            PROVIDER, report(), [listing("a1", title="Bookkeeping II")], settings=settings
        )
    assert counts["withdrawn"] == 1
    assert set(_titles(engine)) == {"coleg-example:a1"}
    # the same index all along: nothing was rebuilt
    assert [i["name"] for i in list_indices(engine) if i["is_live"]] == [index]
    engine.close()


def test_engine_down_never_fails_the_crawl(database_url):
    settings = Settings(database_url=database_url, opensearch_url="http://127.0.0.1:9/courses")
    ingest_crawl(PROVIDER, report(), [listing("a1")], settings=settings)
    counts = ingest_crawl(PROVIDER, report(), [listing("a1", title="Changed")], settings=settings)
    assert counts["changed"] == 1 and counts["indexed"] is False
