"""`coursefinder crawl-queue`: a crawl shared out among worker machines through Redis.

The unit of work is a **provider**, not a URL. Politeness caps each host at 2 concurrent
requests, so one provider's crawl cannot go faster by splitting its URLs among machines
(scrapy-redis style URL sharing would instead multiply the load on each host by the
number of machines), and a provider's run must be seen whole by one process: its report
(ok / partial / failed) and its complete set of listings decide withdrawals. So workers
take provider ids from a Redis list, crawl each batch in a fresh `crawler.run` process
(Twisted's reactor runs once per process) and push the reports back:

    coursefinder crawl-queue push  --redis redis://queue:6379/0 [--run weekly] [--provider ID ...]
    coursefinder crawl-queue work  --redis redis://queue:6379/0 [--run weekly] [--batch 4]   # on every worker
    coursefinder crawl-queue status --redis redis://queue:6379/0 [--run weekly]

Keys (`coursefinder:crawl:<run>:`): `queue` (provider ids waiting), `active` (taken by a
worker, moved atomically with LMOVE so a crashed worker's providers can be seen and
re-queued with `push --requeue-active`), `reports` (one JSON report per provider crawled).
Workers ingest into the catalogue named by their own DATABASE_URL (PostgreSQL when
several machines share one catalogue).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import click

PREFIX = "coursefinder:crawl"


def _keys(run: str) -> dict[str, str]:
    return {name: f"{PREFIX}:{run}:{name}" for name in ("queue", "active", "reports")}


def connect(url: str):
    import redis  # optional dependency: pip install .[distributed]

    return redis.Redis.from_url(url, decode_responses=True)


def push(client, run: str, provider_ids: list[str]) -> int:
    keys = _keys(run)
    if provider_ids:
        client.rpush(keys["queue"], *provider_ids)
    return int(client.llen(keys["queue"]))


def requeue_active(client, run: str) -> int:
    """Providers a worker took and never reported (it crashed): back onto the queue."""
    keys = _keys(run)
    moved = 0
    while client.lmove(keys["active"], keys["queue"], "LEFT", "RIGHT") is not None:
        moved += 1
    return moved


def take(client, run: str, batch: int) -> list[str]:
    keys = _keys(run)
    taken = []
    for _ in range(batch):
        pid = client.lmove(keys["queue"], keys["active"], "LEFT", "RIGHT")
        if pid is None:
            break
        taken.append(pid)
    return taken


def crawl_batch(provider_ids: list[str], *, fast: bool, ingest: bool) -> list[dict[str, Any]]:
    """One `crawler.run` process for the batch; its reports (a failed one if it died)."""
    with tempfile.TemporaryDirectory(prefix="crawl-worker-") as tmp:
        report_path = Path(tmp) / "reports.json"
        args = [sys.executable, "-m", "crawler.run", "--report-json", str(report_path)]
        args += ["--fast"] if fast else []
        args += [] if ingest else ["--no-ingest"]
        args += [a for pid in provider_ids for a in ("--provider", pid)]
        done = subprocess.run(args, capture_output=True, text=True)
        reports = json.loads(report_path.read_text()) if report_path.exists() else []
    seen = {r["provider_id"] for r in reports}
    tail = (done.stderr.strip().splitlines() or ["no output"])[-1][:300]
    for pid in provider_ids:
        if pid not in seen:
            reports.append(
                {
                    "provider_id": pid,
                    "status": "failed",
                    "started_at": "",
                    "finished_at": None,
                    "pages_fetched": 0,
                    "bytes_fetched": 0,
                    "not_modified": 0,
                    "listings_found": 0,
                    "errors": [{"url": "", "reason": f"crawl process failed: {tail}"}],
                }
            )
    return reports


def work(client, run: str, *, batch: int, fast: bool, ingest: bool, echo=click.echo) -> int:
    """Take batches until the queue is empty; returns the number of providers crawled."""
    keys = _keys(run)
    worker = f"{socket.gethostname()}:{os.getpid()}"
    crawled = 0
    while provider_ids := take(client, run, batch):
        echo(f"{worker}: crawling {', '.join(provider_ids)}")
        for report in crawl_batch(provider_ids, fast=fast, ingest=ingest):
            report["worker"] = worker
            client.rpush(keys["reports"], json.dumps(report))
            client.lrem(keys["active"], 1, report["provider_id"])
            echo(f"{worker}: {report['status']:<7} {report['provider_id']}")
            crawled += 1
    return crawled


def reports(client, run: str) -> list[dict[str, Any]]:
    return [json.loads(item) for item in client.lrange(_keys(run)["reports"], 0, -1)]


REDIS_OPTION = click.option(
    "--redis",
    "redis_url",
    envvar="CRAWLER_REDIS_URL",
    required=True,
    help="redis://host:port/db (or $CRAWLER_REDIS_URL).",
)
RUN_OPTION = click.option("--run", default="weekly", show_default=True, help="Name of the run.")


@click.group("crawl-queue")
def crawl_queue_command() -> None:
    """A crawl shared out among worker machines, one provider at a time, through Redis."""


@crawl_queue_command.command("push")
@REDIS_OPTION
@RUN_OPTION
@click.option("--provider", "providers", multiple=True, metavar="ID", help="Default: all.")
@click.option(
    "--requeue-active", "requeue", is_flag=True, help="Also re-queue providers a dead worker took."
)
@click.option("--reset", is_flag=True, help="Forget the run's queue and reports first.")
def push_command(
    redis_url: str, run: str, providers: tuple[str, ...], requeue: bool, reset: bool
) -> None:
    """Queue providers for the workers."""
    from crawler.providers import load_registry, registry_problems

    client = connect(redis_url)
    if reset:
        client.delete(*_keys(run).values())
    ids = list(providers) or sorted([*load_registry(), *registry_problems()])
    if requeue:
        click.echo(f"re-queued {requeue_active(client, run)} provider(s) from dead workers")
    click.echo(f"{push(client, run, ids)} provider(s) queued for run {run!r}")


@crawl_queue_command.command("work")
@REDIS_OPTION
@RUN_OPTION
@click.option("--batch", default=4, show_default=True, help="Providers per crawl process.")
@click.option("--fast", is_flag=True, help="No AutoThrottle delays (local sample sites).")
@click.option("--no-ingest", is_flag=True, help="Write var/raw only; do not call the indexer.")
def work_command(redis_url: str, run: str, batch: int, fast: bool, no_ingest: bool) -> None:
    """Crawl queued providers until the queue is empty."""
    crawled = work(connect(redis_url), run, batch=batch, fast=fast, ingest=not no_ingest)
    click.echo(f"queue empty; this worker crawled {crawled} provider(s)")


@crawl_queue_command.command("status")
@REDIS_OPTION
@RUN_OPTION
def status_command(redis_url: str, run: str) -> None:
    """Queued, in progress, and the summary of what has been crawled."""
    from crawler.run import summary_lines
    from indexer.crawlreport import CrawlError, CrawlReport

    client = connect(redis_url)
    keys = _keys(run)
    click.echo(
        f"run {run!r}: {client.llen(keys['queue'])} queued, {client.llen(keys['active'])} in progress"
    )
    done = []
    for data in reports(client, run):
        fields = {k: v for k, v in data.items() if k in CrawlReport.__dataclass_fields__}
        fields["errors"] = [CrawlError(**e) for e in data.get("errors", [])]
        done.append(CrawlReport(**fields))
    for line in summary_lines(done):
        click.echo(line)
