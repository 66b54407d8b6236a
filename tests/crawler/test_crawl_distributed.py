"""Distributed crawl: two workers share the providers of one run through a real Redis server."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from samplesites.server import SampleSites

pytestmark = [pytest.mark.e2e, pytest.mark.slow]
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    binary = shutil.which("redis-server") or (
        "/usr/bin/redis-server" if Path("/usr/bin/redis-server").exists() else None
    )
    try:
        import redis
    except ImportError:
        redis = None
    if binary is None or redis is None:
        problem = "redis-server (Debian package) or the redis client (pip .[test]) is missing"
        if IN_CI:
            pytest.fail(problem)
        pytest.skip(problem)
    port = _free_port()
    workdir = tmp_path_factory.mktemp("redis")
    server = subprocess.Popen(
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(workdir),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    for _ in range(100):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    try:
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_two_workers_share_a_run_and_crawl_each_provider_once(
    redis_url: str, tmp_path: Path
) -> None:
    from crawler.distributed import _keys, connect, push, reports

    providers = ["lammermuir-college", "tamarside-college", "coleg-taf-elai"]
    client = connect(redis_url)
    assert push(client, "t1", providers) == 3
    with SampleSites.start(port=0) as sites:
        env = sites.crawl_env(COURSEFINDER_VAR=str(tmp_path), CRAWLER_PROGRESS="0")
        args = [sys.executable, "-m", "coursefinder", "crawl-queue", "work", "--redis", redis_url]
        args += ["--run", "t1", "--batch", "1", "--fast", "--no-ingest"]
        workers = [
            subprocess.Popen(
                args, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
            )
            for _ in range(2)
        ]
        outputs = [w.communicate(timeout=120)[0] for w in workers]
        robots = Counter(r.host for r in sites.request_log if r.path == "/robots.txt")
    assert all(w.returncode == 0 for w in workers), outputs
    done = reports(client, "t1")
    assert sorted(r["provider_id"] for r in done) == sorted(providers)
    assert all(r["status"] == "ok" and r["listings_found"] > 0 for r in done), done
    assert len({r["worker"] for r in done}) == 2, outputs  # both workers took a share
    assert robots == Counter({f"{p}.example": 1 for p in providers})  # each crawled once
    keys = _keys("t1")
    assert client.llen(keys["queue"]) == client.llen(keys["active"]) == 0
    status = subprocess.run(
        [
            sys.executable,
            "-m",
            "coursefinder",
            "crawl-queue",
            "status",
            "--redis",
            redis_url,
            "--run",
            "t1",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert "0 queued, 0 in progress" in status.stdout
    assert "TOTAL (3 ok, 0 partial, 0 failed)" in status.stdout, status.stdout
