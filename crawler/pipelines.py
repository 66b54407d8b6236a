"""Item pipelines: provenance -> dedupe/merge -> sink (JSONL file + indexer), in that order.

None of them interprets a value. The sink hands the whole run to the indexer at spider
close because withdrawal decisions need the complete set of listings of a run.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import fields as dc_fields
from pathlib import Path
from typing import Any

from scrapy.exceptions import DropItem

from crawler.items import RawListing
from crawler.listings import listing_keys, merge, utc_now
from indexer.config import var_dir
from indexer.crawlreport import CrawlError, CrawlReport
from indexer.schema import ProviderRef
from indexer.schema import RawListing as RawListingContract

log = logging.getLogger(__name__)

_ITEM_FIELDS = tuple(f.name for f in dc_fields(RawListing))

Sink = Callable[[ProviderRef, CrawlReport, list[RawListingContract]], Any]


class ProvenancePipeline:
    """Every listing leaves with provider fields, url, fetched_at, content hash, extractor."""

    @classmethod
    def from_crawler(cls, crawler):
        pipeline = cls()
        pipeline.crawler = crawler
        return pipeline

    def process_item(self, item: RawListing) -> RawListing:
        config = getattr(self.crawler.spider, "provider", None)
        if config is not None:
            item.provider_id = item.provider_id or config.id
            item.provider_nation = item.provider_nation or config.nation
            item.provider_type = item.provider_type or config.type
        item.fetched_at = item.fetched_at or utc_now()
        missing = [name for name in ("url", "content_hash", "extractor") if not getattr(item, name)]
        if missing:
            raise DropItem(
                f"listing without provenance ({', '.join(missing)})", log_level="WARNING"
            )
        return item


class DedupePipeline:
    """One listing per provider_id + course_code (else URL): later halves merge into the first."""

    def __init__(self) -> None:
        self.seen: dict[str, RawListing] = {}

    def process_item(self, item: RawListing) -> RawListing:
        target = next((self.seen[k] for k in listing_keys(item) if k in self.seen), None)
        if target is not None:
            merge(target, item)
            for key in listing_keys(target):
                self.seen.setdefault(key, target)
            raise DropItem(f"merged into {target.url}", log_level="DEBUG")
        for key in listing_keys(item):
            self.seen[key] = item
        return item


def _default_sink(
    provider: ProviderRef, report: CrawlReport, listings: list[RawListingContract]
) -> Any:
    from indexer.ingest import ingest_crawl  # lazy: the crawler runs without a database too

    return ingest_crawl(provider, report, listings)


def write_jsonl(provider_id: str, started_at: str, listings: list[RawListingContract]) -> Path:
    stamp = started_at.replace(":", "").replace("-", "")
    path = var_dir() / "raw" / provider_id / f"{stamp}.jsonl"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for listing in listings:
            out.write(json.dumps(listing.model_dump(exclude_none=True), ensure_ascii=False) + "\n")
    return path


class SinkPipeline:
    """Collects the run's listings; at close writes var/raw/<provider>/<run>.jsonl and ingests.

    The sink is the `COURSEFINDER_SINK` setting (a callable) or `indexer.ingest.ingest_crawl`;
    `False` disables ingestion (files only).
    """

    def __init__(self, crawler) -> None:
        self.crawler = crawler
        self.items: list[RawListing] = []
        sink = crawler.settings.get("COURSEFINDER_SINK")
        self.sink: Sink | None = _default_sink if sink is None else (sink or None)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_item(self, item: RawListing) -> RawListing:
        self.items.append(item)  # DedupePipeline may still merge later halves into it
        return item

    def close_spider(self) -> None:
        spider = self.crawler.spider
        if hasattr(spider, "flush_pending"):
            spider.flush_pending()
        kept = []
        for item in self.items:
            missing = {item.url, item.url_cy} & getattr(spider, "incomplete", set())
            if missing:  # one half failed for now: leave the catalogue's version alone
                reason = "listing not updated: part of it could not be fetched this time"
                spider.builder.error(item.url or sorted(missing)[0], reason)
            else:
                kept.append(item)
        self.items = kept
        report: CrawlReport = spider.finish_report(len(self.items))
        # A shallow dict is enough (asdict deep-copied every value): validation makes the
        # contract's own lists.
        listings = [
            RawListingContract.model_validate({name: getattr(item, name) for name in _ITEM_FIELDS})
            for item in self.items
        ]
        path = write_jsonl(report.provider_id, report.started_at, listings)
        log.info("%s: %d listings written to %s", report.provider_id, len(listings), path)
        spider.listings = listings
        if self.sink is None:
            return
        try:
            spider.ingest_result = self.sink(spider.provider.ref(), report, listings)
        except Exception as exc:  # the crawl's results are safe on disk; say what failed
            log.exception("%s: ingest failed", report.provider_id)
            first_line = (str(exc).splitlines() or [type(exc).__name__])[0]
            reason = f"ingest failed: {first_line}"
            report.errors.append(CrawlError(url=spider.provider.website, reason=reason))
