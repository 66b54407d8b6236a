"""`coursefinder crawl`: every selected provider in one Scrapy process, one spider each.

Twisted's reactor cannot restart within a process, so `crawl()` can run once per process;
tests that crawl repeatedly run `python -m crawler.run ...` in a subprocess.
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path

import click
from scrapy import signals
from scrapy.crawler import CrawlerProcess

from crawler.coverage import coverage_lines
from crawler.pipelines import Sink
from crawler.providers import load_registry
from crawler.settings import crawler_settings
from crawler.spiders.provider import ProviderSpider
from indexer.crawlreport import CrawlError, CrawlReport
from indexer.schema import RawListing


def _progress(spider: ProviderSpider, reason: str) -> None:
    report = spider.report
    click.echo(
        f"  {report.status:<7} {report.provider_id}: {report.listings_found} listings, "
        f"{report.pages_fetched} pages, {len(report.errors)} errors",
        err=True,
    )


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
    return [report for report, _listings in crawl_with_listings(provider_ids, fast=fast, sink=sink)]


def crawl_with_listings(
    provider_ids: list[str] | None = None,
    *,
    fast: bool = False,
    sink: Sink | bool | None = None,
) -> list[tuple[CrawlReport, list[RawListing]]]:
    """Like `crawl`, also returning each provider's listings (as handed to the sink)."""
    registry = load_registry()
    ids = list(provider_ids or registry)
    unknown = [pid for pid in ids if pid not in registry]
    if unknown:
        raise ValueError(f"unknown provider(s): {', '.join(unknown)}")
    settings = crawler_settings(fast=fast)
    settings["COURSEFINDER_SINK"] = sink
    process = CrawlerProcess(settings)
    crawlers = []
    for pid in ids:
        crawler = process.create_crawler(ProviderSpider)
        crawler.signals.connect(_progress, signal=signals.spider_closed)
        process.crawl(crawler, provider=registry[pid])
        crawlers.append((pid, crawler))
    process.start()
    reports = []
    for pid, crawler in crawlers:
        spider = crawler.spider
        if spider is None or spider.report.finished_at is None:  # never opened or never closed
            report = CrawlReport(provider_id=pid, started_at="", status="failed")
            report.errors.append(
                CrawlError(registry[pid].website, "crawl did not run to completion")
            )
            reports.append((report, []))
        else:
            reports.append((spider.report, list(spider.listings)))
    return reports


def summary_lines(reports: list[CrawlReport]) -> list[str]:
    lines = [
        f"{'provider':<36} {'status':<8} {'listings':>8} {'pages':>6} {'304s':>5} {'KiB':>7} errors"
    ]
    for r in reports:
        lines.append(
            f"{r.provider_id:<36} {r.status:<8} {r.listings_found:>8} {r.pages_fetched:>6} "
            f"{r.not_modified:>5} {r.bytes_fetched // 1024:>7} {len(r.errors)}"
        )
        for err in r.errors[:5]:
            lines.append(f"    ! {err.reason}: {err.url}")
        if len(r.errors) > 5:
            lines.append(f"    ! ... and {len(r.errors) - 5} more")
    return lines


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
    click.echo(f"Crawling {len(providers) or len(load_registry())} provider(s)...", err=True)
    try:
        results = crawl_with_listings(
            list(providers) or None, fast=fast, sink=False if no_ingest else None
        )
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--provider") from None
    reports = [report for report, _ in results]
    for line in summary_lines(reports):
        click.echo(line)
    if coverage:
        click.echo("\nfield coverage (share of listings stating each field):")
        for report, listings in results:
            click.echo("\n".join(coverage_lines(report.provider_id, listings)))
    if report_json:
        report_json.write_text(json.dumps([asdict(r) for r in reports], indent=2), encoding="utf-8")
    if reports and all(r.status == "failed" for r in reports):
        sys.exit(1)


if __name__ == "__main__":
    crawl_command()
