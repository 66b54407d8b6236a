"""`coursefinder crawl`: every selected provider in one Scrapy process, one spider each.

Twisted's reactor cannot restart within a process, so `crawl()` can run once per process;
tests that crawl repeatedly run `python -m crawler.run ...` in a subprocess.
"""

from __future__ import annotations

import gc
import json
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import click
from scrapy import signals
from scrapy.crawler import CrawlerProcess

from crawler.coverage import coverage_lines
from crawler.listings import utc_now
from crawler.pipelines import Sink
from crawler.providers import ProviderConfigError, load_registry, registry_problems
from crawler.settings import crawler_settings
from crawler.spiders.provider import ProviderSpider
from indexer.crawlreport import CrawlError, CrawlReport
from indexer.schema import RawListing


@dataclass
class ProviderRun:
    """One provider's part of a run: its report, its listings and what the sink made of them."""

    report: CrawlReport
    listings: list[RawListing] = field(default_factory=list)
    ingest: dict[str, Any] | None = (
        None  # ingest_crawl's counts: new, changed, unchanged, withdrawn
    )


def _closed(spider: ProviderSpider, reason: str) -> None:
    report = spider.report
    click.echo(
        f"  {report.status:<7} {report.provider_id}: {report.listings_found} listings, "
        f"{report.pages_fetched} pages, {len(report.errors)} errors",
        err=True,
    )


class Progress:
    """A line on stderr every `interval` seconds while a long crawl runs."""

    def __init__(self, crawlers: list[tuple[str, Any]], interval: float) -> None:
        self.crawlers, self.interval, self.started = crawlers, interval, time.monotonic()

    def line(self) -> str:
        spiders = [c.spider for _pid, c in self.crawlers if c.spider is not None]
        done = [s for s in spiders if s.report.finished_at is not None]
        running = [s for s in spiders if s.report.finished_at is None]
        pages = sum(s.report.pages_fetched for s in spiders)
        mib = sum(s.report.bytes_fetched for s in spiders) / 1024 / 1024
        items = sum(c.stats.get_value("item_scraped_count", 0) for _pid, c in self.crawlers)
        errors = sum(len(s.report.errors) for s in spiders)
        elapsed = time.monotonic() - self.started
        busiest = sorted(running, key=lambda s: -s.report.pages_fetched)[:3]
        now = ", ".join(f"{s.provider.id} ({s.report.pages_fetched} pages)" for s in busiest)
        return (
            f"  [{elapsed:5.0f}s] {len(done)}/{len(self.crawlers)} providers done, {pages} pages "
            f"({pages / max(elapsed, 1e-6):.0f}/s), {mib:.1f} MiB, {items} listings, "
            f"{errors} errors" + (f"; crawling {now}" if now else "")
        )

    def start(self) -> None:
        from twisted.internet import task  # after CrawlerProcess has installed the reactor

        self._loop = task.LoopingCall(lambda: click.echo(self.line(), err=True))
        self._loop.start(self.interval, now=False)


@contextmanager
def _fewer_gc_passes() -> Iterator[None]:
    """Collect garbage less often while crawling; restored afterwards.

    A crawl allocates millions of short-lived objects (deferreds, futures, requests), and
    the collector's default generation-0 threshold of 700 had it run ~500 times per sample
    crawl, ~10 % of the crawl's CPU (0.36-0.50 s of ~3.5 s, measured). Freezing what exists
    before the crawl (modules, settings, the registry) keeps the few full passes cheap.
    """
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(20_000, 20, 100)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


def _invalid_file_report(provider_id: str, problem: ProviderConfigError) -> CrawlReport:
    """A provider whose YAML is bad fails on its own, saying which file, field and problem."""
    now = utc_now()
    report = CrawlReport(provider_id=provider_id, started_at=now, finished_at=now, status="failed")
    for fieldname, text in problem.problems:
        reason = f"invalid provider file {problem.path.name}: {fieldname}: {text}"
        report.errors.append(CrawlError(str(problem.path), reason))
    return report


def crawl(
    provider_ids: list[str] | None = None,
    *,
    fast: bool = False,
    sink: Sink | bool | None = None,
) -> list[CrawlReport]:
    """Crawl providers (default: all in the registry); one CrawlReport each, in order.

    `sink`: None ingests through `indexer.ingest.ingest_crawl`; False writes JSONL only;
    a callable receives (ProviderRef, CrawlReport, [RawListing]) per provider.
    """
    return [run.report for run in crawl_runs(provider_ids, fast=fast, sink=sink)]


def crawl_with_listings(
    provider_ids: list[str] | None = None,
    *,
    fast: bool = False,
    sink: Sink | bool | None = None,
) -> list[tuple[CrawlReport, list[RawListing]]]:
    """Like `crawl`, also returning each provider's listings (as handed to the sink)."""
    return [(run.report, run.listings) for run in crawl_runs(provider_ids, fast=fast, sink=sink)]


def crawl_runs(
    provider_ids: list[str] | None = None,
    *,
    fast: bool = False,
    sink: Sink | bool | None = None,
    progress: float | None = None,
    settings_override: dict[str, Any] | None = None,
) -> list[ProviderRun]:
    """Crawl providers in one Scrapy process; one ProviderRun each, in the order asked.

    A provider whose YAML file is invalid gets a failed report naming the file, field and
    problem; the others are crawled as usual. `progress`: seconds between progress lines
    on stderr (None: `CRAWLER_PROGRESS` or 10; 0: none).
    """
    registry, problems = load_registry(), registry_problems()
    ids = list(provider_ids or sorted([*registry, *problems]))
    unknown = [pid for pid in ids if pid not in registry and pid not in problems]
    if unknown:
        raise ValueError(f"unknown provider(s): {', '.join(unknown)}")
    runs: dict[str, ProviderRun] = {
        pid: ProviderRun(_invalid_file_report(pid, problems[pid]))
        for pid in ids
        if pid not in registry
    }
    crawlers = []
    if any(pid in registry for pid in ids):
        settings = crawler_settings(fast=fast)
        settings.update(settings_override or {})
        settings["COURSEFINDER_SINK"] = sink
        process = CrawlerProcess(settings)
        for pid in ids:
            if pid not in registry:
                continue
            crawler = process.create_crawler(ProviderSpider)
            crawler.signals.connect(_closed, signal=signals.spider_closed)
            process.crawl(crawler, provider=registry[pid])
            crawlers.append((pid, crawler))
        if progress is None:
            progress = float(os.environ.get("CRAWLER_PROGRESS", "10"))
        if progress > 0:
            Progress(crawlers, progress).start()
        with _fewer_gc_passes():
            process.start()
    for pid, crawler in crawlers:
        spider = crawler.spider
        if spider is None or spider.report.finished_at is None:  # never opened or never closed
            report = CrawlReport(provider_id=pid, started_at="", status="failed")
            report.errors.append(
                CrawlError(registry[pid].website, "crawl did not run to completion")
            )
            runs[pid] = ProviderRun(report)
        else:
            ingest = spider.ingest_result if isinstance(spider.ingest_result, dict) else None
            runs[pid] = ProviderRun(spider.report, list(spider.listings), ingest)
    return [runs[pid] for pid in ids]


COUNTS = ("new", "changed", "unchanged", "withdrawn")


def summary_lines(
    reports: list[CrawlReport] | list[ProviderRun], elapsed: float | None = None
) -> list[str]:
    """The end-of-run table: one line per provider, its errors, and a total line."""
    runs = [r if isinstance(r, ProviderRun) else ProviderRun(r) for r in reports]
    lines = [
        f"{'provider':<36} {'status':<8} {'listings':>8} {'pages':>6} {'304s':>5} {'KiB':>7} "
        f"{'new':>5} {'chg':>5} {'same':>5} {'wdrn':>5} errors"
    ]

    def counts(ingest: dict[str, Any] | None) -> str:
        return " ".join(f"{(ingest or {}).get(k, '-'):>5}" for k in COUNTS)

    for run in runs:
        r = run.report
        lines.append(
            f"{r.provider_id:<36} {r.status:<8} {r.listings_found:>8} {r.pages_fetched:>6} "
            f"{r.not_modified:>5} {r.bytes_fetched // 1024:>7} {counts(run.ingest)} {len(r.errors)}"
        )
        for err in r.errors[:5]:
            lines.append(f"    ! {err.reason}: {err.url}")
        if len(r.errors) > 5:
            lines.append(f"    ! ... and {len(r.errors) - 5} more")
    reports_ = [run.report for run in runs]
    ingested = [run.ingest for run in runs if run.ingest]
    total = {k: sum(i.get(k, 0) for i in ingested) for k in COUNTS} if ingested else None
    statuses = ", ".join(
        f"{sum(r.status == s for r in reports_)} {s}" for s in ("ok", "partial", "failed")
    )
    lines.append(
        f"{'TOTAL (' + statuses + ')':<45} {sum(r.listings_found for r in reports_):>8} "
        f"{sum(r.pages_fetched for r in reports_):>6} {sum(r.not_modified for r in reports_):>5} "
        f"{sum(r.bytes_fetched for r in reports_) // 1024:>7} {counts(total)} "
        f"{sum(len(r.errors) for r in reports_)}"
    )
    if elapsed is not None:
        lines.append(f"finished in {elapsed:.1f} s")
    return lines


def run_json(runs: list[ProviderRun]) -> list[dict[str, Any]]:
    """The run as JSON: each provider's report, plus the ingest counts when there are any."""
    out = []
    for run in runs:
        data = asdict(run.report)
        if run.ingest is not None:
            data["ingest"] = {k: run.ingest.get(k) for k in (*COUNTS, "run_id", "status")}
        out.append(data)
    return out


@click.command("crawl")
@click.option(
    "--provider",
    "providers",
    multiple=True,
    metavar="ID",
    help="Provider id (repeatable); default all.",
)
@click.option(
    "--fast",
    is_flag=True,
    help="No AutoThrottle delays (local sample sites, tests); robots.txt still obeyed.",
)
@click.option(
    "--no-ingest",
    is_flag=True,
    help="Only write var/raw/<provider>/<run>.jsonl; do not call the indexer.",
)
@click.option("--coverage", is_flag=True, help="Also print per-field coverage per provider.")
@click.option(
    "--report-json",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the run reports as JSON.",
)
def crawl_command(
    providers: tuple[str, ...],
    fast: bool,
    no_ingest: bool,
    coverage: bool,
    report_json: Path | None,
) -> None:
    """Crawl provider websites and hand their raw listings to the indexer."""
    count = len(providers) or len(load_registry()) + len(registry_problems())
    click.echo(f"Crawling {count} provider(s)...", err=True)
    started = time.monotonic()
    try:
        runs = crawl_runs(list(providers) or None, fast=fast, sink=False if no_ingest else None)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--provider") from None
    for line in summary_lines(runs, elapsed=time.monotonic() - started):
        click.echo(line)
    if coverage:
        click.echo("\nfield coverage (share of listings stating each field):")
        for run in runs:
            click.echo("\n".join(coverage_lines(run.report.provider_id, run.listings)))
    if report_json:
        report_json.write_text(json.dumps(run_json(runs), indent=2), encoding="utf-8")
    if runs and all(run.report.status == "failed" for run in runs):
        sys.exit(1)


if __name__ == "__main__":
    crawl_command()
