"""Pipelines without an engine: provenance, EN/CY merge by course code, the sink at close."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from scrapy.exceptions import DropItem

from crawler.items import RawListing
from crawler.pipelines import DedupePipeline, ProvenancePipeline, SinkPipeline
from crawler.providers import get_provider
from crawler.report import ReportBuilder
from indexer.schema import RawListing as RawListingContract

PROVIDER = "tywi-valley-university"


class FakeSpider:
    def __init__(self) -> None:
        self.provider = get_provider(PROVIDER)
        self.builder = ReportBuilder(PROVIDER)
        self.listings: list = []

    def finish_report(self, listings: int):
        return self.builder.finish(listings)


def _crawler(sink=None) -> SimpleNamespace:
    settings = {"COURSEFINDER_SINK": sink}
    return SimpleNamespace(spider=FakeSpider(), settings=SimpleNamespace(get=settings.get))


def _half(lang: str, **extra) -> RawListing:
    other = "cy" if lang == "en" else "en"
    item = RawListing(
        course_code="tvu-005",
        url="http://tywi-valley-university.example/en/courses/x",
        url_cy="http://tywi-valley-university.example/cy/cyrsiau/y" if lang == "cy" else None,
        content_hash=lang * 32,
        extractor="jsonld",
        fetched_at=f"2026-06-01T10:00:0{0 if lang == 'en' else 1}Z",
        duration_text="10 weeks",
        **{f"title_{lang}": f"Title {lang}", f"keywords{'' if lang == 'en' else '_cy'}": [lang]},
        **extra,
    )
    assert getattr(item, f"title_{other}") is None
    return item


def test_item_mirrors_the_indexer_contract() -> None:
    assert list(RawListing.__dataclass_fields__) == list(RawListingContract.model_fields)


def test_provenance_fills_provider_fields_and_rejects_listings_without_provenance() -> None:
    pipeline = ProvenancePipeline.from_crawler(_crawler())
    item = pipeline.process_item(_half("en"))
    assert (item.provider_id, item.provider_nation, item.provider_type) == (
        PROVIDER,
        "wales",
        "university",
    )
    with pytest.raises(DropItem, match="content_hash"):
        pipeline.process_item(RawListing(url="http://x.example/", extractor="jsonld"))


def test_welsh_and_english_halves_become_one_listing() -> None:
    dedupe = DedupePipeline()
    first = dedupe.process_item(_half("en"))
    with pytest.raises(DropItem):
        dedupe.process_item(_half("cy"))
    assert (first.title_en, first.title_cy) == ("Title en", "Title cy")
    assert first.url_cy.endswith("/cy/cyrsiau/y")
    assert first.keywords == ["en"] and first.keywords_cy == ["cy"]
    assert first.duration_text == "10 weeks"  # stated once, kept as stated
    assert first.fetched_at.endswith("01Z")
    assert first.content_hash not in ("e" * 64, "c" * 64) and len(first.content_hash) == 64


def test_halves_without_code_meet_on_the_canonical_url() -> None:
    dedupe = DedupePipeline()
    en, cy = _half("en"), _half("cy")
    en.course_code = cy.course_code = None
    dedupe.process_item(en)
    with pytest.raises(DropItem):
        dedupe.process_item(cy)
    assert en.title_cy == "Title cy"


def test_distinct_courses_are_kept() -> None:
    dedupe = DedupePipeline()
    dedupe.process_item(_half("en"))
    other = _half("en")
    other.course_code, other.url = "tvu-006", "http://tywi-valley-university.example/en/courses/z"
    assert dedupe.process_item(other) is other


def test_sink_writes_jsonl_and_calls_the_sink_once(isolated_var: Path) -> None:
    calls = []
    crawler = _crawler(
        sink=lambda provider, report, listings: calls.append((provider, report, listings))
    )
    sink = SinkPipeline.from_crawler(crawler)
    item = ProvenancePipeline.from_crawler(crawler).process_item(_half("en"))
    sink.process_item(item)
    item.title_cy = "merged later"  # DedupePipeline merges into items the sink already holds
    sink.close_spider()

    (provider, report, listings) = calls[0]
    assert provider.id == PROVIDER and provider.name.cy == "Prifysgol Dyffryn Tywi"
    assert report.status == "ok" and report.listings_found == 1 and report.finished_at
    assert isinstance(listings[0], RawListingContract) and listings[0].title_cy == "merged later"
    (jsonl,) = (isolated_var / "raw" / PROVIDER).glob("*.jsonl")
    rows = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    assert rows[0]["course_code"] == "tvu-005" and rows[0]["provider_id"] == PROVIDER


def test_a_failing_sink_is_reported_not_raised(isolated_var: Path) -> None:
    def broken(provider, report, listings):
        raise RuntimeError("database is locked")

    crawler = _crawler(sink=broken)
    sink = SinkPipeline.from_crawler(crawler)
    sink.process_item(ProvenancePipeline.from_crawler(crawler).process_item(_half("en")))
    sink.close_spider()
    assert any(
        "ingest failed: database is locked" in e.reason
        for e in crawler.spider.builder.report.errors
    )
    assert list((isolated_var / "raw" / PROVIDER).glob("*.jsonl"))


def test_sink_disabled_still_writes_files(isolated_var: Path) -> None:
    crawler = _crawler(sink=False)
    sink = SinkPipeline.from_crawler(crawler)
    assert sink.sink is None
    sink.close_spider()
    assert list((isolated_var / "raw" / PROVIDER).glob("*.jsonl"))
