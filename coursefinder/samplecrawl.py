"""Crawl the local sample provider sites: what `demo` serves and `relevance --crawl` measures.

The crawl runs in a child process because Scrapy's reactor cannot be restarted, and a
crash there must not take the caller down. Only `http_proxy` differs from a crawl of
the real web (samplesites.server.SampleSites.crawl_env).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from indexer.config import Settings
    from samplesites.server import SampleSites


def crawl_sample_sites(
    sites: SampleSites, env: Mapping[str, str] | None = None, *, capture: bool = False
) -> tuple[int, str]:
    """Crawl every sample site into the catalogue `env` names (default: this process's).

    Returns the crawl's exit status (non-zero when some provider failed) and, with
    `capture`, its report (otherwise it is printed as it goes)."""
    done = subprocess.run(
        [sys.executable, "-m", "coursefinder", "crawl", "--fast"],
        env=sites.crawl_env(env),
        capture_output=capture,
        text=True,
        check=False,
    )
    return done.returncode, (done.stdout or "") + (done.stderr or "")


@contextmanager
def crawled_catalogue(report: list[str] | None = None) -> Iterator[Settings]:
    """A throw-away catalogue (SQLite in a temporary folder) holding a fresh crawl of the
    sample sites; its settings name no search engine, so the crawl updates none. The
    crawl's report is appended to `report` when given."""
    from indexer.config import Settings
    from indexer.migrate import upgrade
    from samplesites.server import SampleSites

    with tempfile.TemporaryDirectory(prefix="coursefinder-crawl-") as tmp:
        database_url = f"sqlite:///{Path(tmp) / 'catalogue.sqlite3'}"
        env = {k: v for k, v in os.environ.items() if k != "OPENSEARCH_URL"}
        env.update(DATABASE_URL=database_url, COURSEFINDER_VAR=tmp)
        upgrade(database_url)
        with SampleSites.start(port=0) as sites:
            status, output = crawl_sample_sites(sites, env, capture=True)
        if report is not None:
            report.append(output)
        if status != 0:
            tail = "\n".join(output.strip().splitlines()[-5:])
            raise RuntimeError(
                f"the crawl of the sample sites failed (exit status {status}):\n{tail}"
            )
        yield Settings(database_url=database_url, opensearch_url=None)
