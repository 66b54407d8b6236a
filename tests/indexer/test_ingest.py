"""The loader: upsert by stable id, change detection, careful withdrawal, on SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import select

from indexer import models
from indexer.catalogue import count_courses, iter_courses, list_providers
from indexer.crawlreport import CrawlError, CrawlReport
from indexer.db import session_scope
from indexer.ingest import WITHDRAW_AFTER, ingest_crawl
from indexer.schema import Bilingual, ProviderRef, RawListing

PROVIDER = ProviderRef(
    id="coleg-example",
    name=Bilingual(en="Example College", cy="Coleg Enghraifft"),
    type="college",
    nation="wales",
    website="http://coleg-example.example",
)


def listing(code: str, title: str = "Introduction to Bookkeeping", **extra: str) -> RawListing:
    return RawListing(
        title_en=title,
        duration_text="10 weeks",
        cost_text="£120",
        url=f"http://coleg-example.example/en/courses/{code}",
        provider_id=PROVIDER.id,
        provider_nation="wales",
        course_code=code,
        fetched_at="2026-06-01T10:00:00+00:00",
        extractor="jsonld",
        **extra,
    )


def report(status: str = "ok", n: int = 0) -> CrawlReport:
    return CrawlReport(
        provider_id=PROVIDER.id,
        started_at="2026-06-01T10:00:00+00:00",
        finished_at="2026-06-01T10:05:00+00:00",
        status=status,  # type: ignore[arg-type]
        listings_found=n,
    )


def test_first_crawl_creates_courses_and_provider(settings):
    counts = ingest_crawl(PROVIDER, report(n=2), [listing("a1"), listing("a2")], settings=settings)
    assert (counts["new"], counts["changed"], counts["unchanged"]) == (2, 0, 0)
    with session_scope(settings) as s:
        assert count_courses(s) == 2
        courses = {c.id: c for c in iter_courses(s)}
        assert set(courses) == {"coleg-example:a1", "coleg-example:a2"}
        course = courses["coleg-example:a1"]
        assert course.title.en == "Introduction to Bookkeeping"
        assert course.provider and course.provider.name.cy == "Coleg Enghraifft"
        assert course.source.extractor == "jsonld"
        assert course.source.status == "active"
        (provider,) = list_providers(s)
        assert provider["courses"] == 2 and provider["name"]["cy"] == "Coleg Enghraifft"


def test_recrawl_updates_not_duplicates_and_detects_change(settings):
    ingest_crawl(PROVIDER, report(), [listing("a1"), listing("a2")], settings=settings)
    counts = ingest_crawl(
        PROVIDER,
        report(),
        [listing("a1"), listing("a2", title="Bookkeeping II")],
        settings=settings,
    )
    assert (counts["new"], counts["changed"], counts["unchanged"]) == (0, 1, 1)
    with session_scope(settings) as s:
        assert count_courses(s) == 2
        titles = {c.id: c.title.en for c in iter_courses(s)}
        assert titles["coleg-example:a2"] == "Bookkeeping II"


def test_withdrawn_only_after_consecutive_successful_crawls(settings):
    ingest_crawl(PROVIDER, report(), [listing("a1"), listing("a2")], settings=settings)
    for _ in range(WITHDRAW_AFTER - 1):
        assert (
            ingest_crawl(PROVIDER, report(), [listing("a1")], settings=settings)["withdrawn"] == 0
        )
    # a failed and a partial crawl in between neither count nor reset the tally
    ingest_crawl(PROVIDER, report("failed"), [], settings=settings)
    ingest_crawl(PROVIDER, report("partial"), [listing("a1")], settings=settings)
    with session_scope(settings) as s:
        assert count_courses(s) == 2
    assert ingest_crawl(PROVIDER, report(), [listing("a1")], settings=settings)["withdrawn"] == 1
    with session_scope(settings) as s:
        assert count_courses(s) == 1
        assert count_courses(s, include_withdrawn=True) == 2
        withdrawn = [
            c for c in iter_courses(s, include_withdrawn=True) if c.source.status == "withdrawn"
        ]
        assert [c.id for c in withdrawn] == ["coleg-example:a2"]
    # seen again: back to active
    counts = ingest_crawl(PROVIDER, report(), [listing("a1"), listing("a2")], settings=settings)
    assert counts["changed"] == 1
    with session_scope(settings) as s:
        assert count_courses(s) == 2


def test_empty_ok_crawl_never_withdraws(settings):
    ingest_crawl(PROVIDER, report(), [listing("a1")], settings=settings)
    for _ in range(WITHDRAW_AFTER + 1):
        ingest_crawl(PROVIDER, report(), [], settings=settings)
    with session_scope(settings) as s:
        assert count_courses(s) == 1


def test_failed_crawl_is_recorded_and_loses_nothing(settings):
    ingest_crawl(PROVIDER, report(), [listing("a1")], settings=settings)
    failed = report("failed")
    failed.errors.append(CrawlError(url="http://coleg-example.example/", reason="HTTP 500"))
    ingest_crawl(PROVIDER, failed, [], settings=settings)
    with session_scope(settings) as s:
        assert count_courses(s) == 1
        runs = s.scalars(select(models.CrawlRun).order_by(models.CrawlRun.id)).all()
        assert [r.status for r in runs] == ["ok", "failed"]
        assert runs[1].errors == [{"url": "http://coleg-example.example/", "reason": "HTTP 500"}]


def test_same_course_on_two_pages_is_one_course(settings):
    page = listing("a1", summary_en=None)  # type: ignore[arg-type]
    feed = listing("a1").model_copy(update={"summary_en": "From the feed", "extractor": "xcri"})
    counts = ingest_crawl(PROVIDER, report(), [page, feed], settings=settings)
    assert counts["new"] == 1
    with session_scope(settings) as s:
        (course,) = list(iter_courses(s))
        assert course.summary.en == "From the feed"
        raw = s.get(models.RawListing, course.id)
        assert raw is not None and raw.url.endswith("/a1")
