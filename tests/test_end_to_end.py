"""The whole pipeline on real components: sample sites -> Scrapy -> catalogue -> osmem -> portal."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from indexer.config import Settings, shared_dir
from indexer.migrate import upgrade

pytestmark = [pytest.mark.e2e, pytest.mark.engine, pytest.mark.slow]

DEVSET = shared_dir() / "devsets"


def devset_courses() -> list[dict]:
    with (DEVSET / "courses.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory) -> dict:
    """Crawl every sample site once into a fresh catalogue (in a child process, like the demo)."""
    if not DEVSET.is_dir():
        pytest.skip("no shared/devsets beside this checkout")
    from samplesites.server import SampleSites

    var = tmp_path_factory.mktemp("var")
    db_url = f"sqlite:///{var / 'catalogue.sqlite3'}"
    upgrade(db_url)
    with SampleSites.start(port=0, faults={"kestrelgate-training": "500"}) as sites:
        env = sites.crawl_env(DATABASE_URL=db_url, COURSEFINDER_VAR=str(var))
        done = subprocess.run(
            [sys.executable, "-m", "coursefinder", "crawl", "--fast"],
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
    return {
        "settings": Settings(database_url=db_url, opensearch_url=None),
        "run": done,
        "var": Path(var),
    }


def test_crawl_loads_every_working_provider_and_reports_the_broken_one(crawled):
    from sqlalchemy import select

    from indexer import models
    from indexer.catalogue import count_courses
    from indexer.db import session_scope

    done = crawled["run"]
    assert done.returncode == 0, done.stderr[-3000:]
    expected = [c for c in devset_courses() if c["provider_id"] != "kestrelgate-training"]
    with session_scope(crawled["settings"]) as s:
        assert count_courses(s) == len(expected)
        codes = set(s.scalars(select(models.Course.id)))
        assert {f"{c['provider_id']}:{c['id']}" for c in expected} == codes
        runs = {r.provider_id: r for r in s.scalars(select(models.CrawlRun))}
        assert runs["kestrelgate-training"].status == "failed"
        assert runs["kestrelgate-training"].errors
        assert all(r.status == "ok" for p, r in runs.items() if p != "kestrelgate-training")
        raw = s.scalars(select(models.RawListing).limit(1)).one()
        assert (
            raw.url.startswith("http://") and raw.content_hash and raw.extractor and raw.fetched_at
        )


def test_indexed_catalogue_is_found_through_the_api_in_both_languages(crawled):
    from indexer.cli import rebuild_index
    from indexer.search.client import Engine
    from portal import create_app

    courses = devset_courses()
    bilingual = next(
        c
        for c in courses
        if c["listing_languages"] == ["en", "cy"] and c["provider_id"] != "kestrelgate-training"
    )
    with Engine.start_embedded() as engine:
        _, count = rebuild_index(engine, crawled["settings"])
        assert count > 400
        app = create_app(
            {"TESTING": True, "ENGINE": engine, "DATABASE_URL": crawled["settings"].database_url}
        )
        client = app.test_client()
        for lang in ("en", "cy"):
            title = bilingual["published"][f"title_{lang}"]
            res = client.get("/api/v1/search", query_string={"q": title, "lang": lang})
            assert res.status_code == 200
            body = res.get_json()
            ids = [r["course_code"] for r in body["results"][:3]]
            assert bilingual["id"] in ids, (lang, title, ids)
        res = client.get("/api/v1/courses/" + f"{bilingual['provider_id']}:{bilingual['id']}")
        assert (
            res.status_code == 200
            and res.get_json()["title"]["cy"] == bilingual["published"]["title_cy"]
        )
