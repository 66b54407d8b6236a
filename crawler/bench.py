"""`coursefinder crawl-bench`: crawl throughput and the cost of an unchanged re-crawl.

Not a test: it prints figures. It serves the local sample sites in this process, crawls
every provider with politeness off (`--fast`: no AutoThrottle, no delay, 8 requests per
host; robots.txt still read), then crawls again with the HTTP cache in place. Figures:

- pages per second of the full crawl (wall time of the crawl processes, start-up included,
  and of the crawl itself as each process reports it), and pages per CPU-second of the
  crawl processes, which a busy machine disturbs less;
- the unchanged re-crawl's requests and bytes as a fraction of the full crawl's: bytes
  as the server wrote them (status lines and headers included) and as response bodies.

Record them in docs/performance.md ("Crawler").
"""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import click

_FINISHED = re.compile(r"^finished in ([0-9.]+) s$", re.M)


@dataclass
class Phase:
    wall: float  # seconds, the slowest worker process from start to exit
    crawl: float  # seconds, the slowest worker's own "finished in" figure
    pages: int
    requests: int  # as the server saw them
    wire_bytes: int  # written by the server
    body_bytes: int  # response bodies, as the crawl reports count them
    not_modified: int
    listings: int
    failed: list[str]
    cpu: float  # user + system seconds of the crawl processes


def _run_phase(sites, var: Path, groups: list[list[str]], extra_env: dict[str, str]) -> Phase:
    env = sites.crawl_env(COURSEFINDER_VAR=str(var), CRAWLER_PROGRESS="0", **extra_env)
    requests_before, bytes_before = len(sites.request_log), sites.bytes_sent
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_before = usage.ru_utime + usage.ru_stime
    started = time.monotonic()
    procs = []
    for n, group in enumerate(groups):
        report = var / f"bench-{n}-{time.time_ns()}.json"
        args = [sys.executable, "-m", "crawler.run", "--fast", "--no-ingest"]
        args += ["--report-json", str(report)]
        args += [a for pid in group for a in ("--provider", pid)]
        proc = subprocess.Popen(
            args, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
        )
        procs.append((proc, report))
    reports, crawl_times = [], []
    for proc, report in procs:
        out, _ = proc.communicate(timeout=600)
        match = _FINISHED.search(out or "")
        crawl_times.append(float(match.group(1)) if match else float("nan"))
        reports += json.loads(report.read_text()) if report.exists() else []
    wall = time.monotonic() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return Phase(
        wall=wall,
        crawl=max(crawl_times),
        pages=sum(r["pages_fetched"] for r in reports),
        requests=len(sites.request_log) - requests_before,
        wire_bytes=sites.bytes_sent - bytes_before,
        body_bytes=sum(r["bytes_fetched"] for r in reports),
        not_modified=sum(r["not_modified"] for r in reports),
        listings=sum(r["listings_found"] for r in reports),
        failed=[r["provider_id"] for r in reports if r["status"] != "ok"],
        cpu=usage.ru_utime + usage.ru_stime - cpu_before,
    )


def _load() -> str:
    return ", ".join(f"{v:.2f}" for v in os.getloadavg())


@click.command("crawl-bench")
@click.option(
    "--workers",
    default=1,
    show_default=True,
    help="Crawl processes, providers shared out among them.",
)
@click.option("--per-host", default=8, show_default=True, help="Concurrent requests per host.")
def crawl_bench_command(workers: int, per_host: int) -> None:
    """Print crawl throughput (pages/s) and the cost of an unchanged re-crawl."""
    from samplesites.server import SampleSites

    with (
        tempfile.TemporaryDirectory(prefix="crawl-bench-") as tmp,
        SampleSites.start(port=0) as sites,
    ):
        var = Path(tmp)
        ids = [p["id"] for p in sites.providers]
        groups = [ids[n::workers] for n in range(max(1, workers)) if ids[n::workers]]
        env = {"CRAWLER_CONCURRENCY_PER_DOMAIN": str(per_host), "CRAWLER_CONCURRENCY": "64"}
        click.echo(
            f"{len(ids)} sample sites, {len(groups)} crawl process(es), {per_host} per host; "
            f"CPUs: {os.cpu_count()}; load average before: {_load()}"
        )
        full = _run_phase(sites, var, groups, env)
        again = _run_phase(sites, var, groups, env)
        load_after = _load()

    def pct(part: int, whole: int) -> str:
        return f"{100 * part / whole:.1f} %" if whole else "n/a"

    click.echo(
        f"full crawl:      {full.pages} pages, {full.listings} listings, "
        f"{full.wire_bytes / 1024:.0f} KiB on the wire ({full.body_bytes / 1024:.0f} KiB bodies)"
    )
    click.echo(
        f"  pages/s:       {full.pages / full.crawl:.0f} (crawl, {full.crawl:.1f} s); "
        f"{full.pages / full.wall:.0f} (with process start-up, {full.wall:.1f} s)"
    )
    click.echo(
        f"  CPU:           {full.cpu:.1f} s in the crawl process(es), start-up included: "
        f"{1000 * full.cpu / full.pages:.1f} ms per page, {full.pages / full.cpu:.0f} pages per CPU-second"
    )
    click.echo(
        f"unchanged re-crawl: {again.pages} pages ({again.not_modified} answered 304), "
        f"{again.wire_bytes / 1024:.0f} KiB on the wire ({again.body_bytes / 1024:.0f} KiB bodies), "
        f"{again.crawl:.1f} s"
    )
    click.echo(
        f"  as a share of the full crawl: requests {pct(again.requests, full.requests)}, "
        f"bytes on the wire {pct(again.wire_bytes, full.wire_bytes)}, "
        f"body bytes {pct(again.body_bytes, full.body_bytes)}"
    )
    # Other work on the machine slows the crawl: the figures mean little without this.
    click.echo(f"load average after: {load_after}")
    failed = sorted(set(full.failed + again.failed))
    if failed:
        click.echo(f"warning: not every provider crawled cleanly: {', '.join(failed)}", err=True)
