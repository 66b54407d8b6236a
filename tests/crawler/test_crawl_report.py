"""Run-report status rules: ok, partial, failed; robots refusals are not failures."""

from __future__ import annotations

from crawler.report import ROBOTS_REASON, ReportBuilder


def test_ok_partial_failed() -> None:
    ok = ReportBuilder("p")
    ok.fetched(1000)
    assert ok.finish(3).status == "ok"
    assert (ok.report.pages_fetched, ok.report.bytes_fetched, ok.report.listings_found) == (
        1,
        1000,
        3,
    )

    partial = ReportBuilder("p")
    partial.error("http://p.example/x", "HTTP 500")
    assert partial.finish(3).status == "partial"

    failed = ReportBuilder("p")
    failed.error("http://p.example/", "connection refused")
    assert failed.finish(0).status == "failed"


def test_nothing_found_is_a_failure_with_a_reason() -> None:
    report = ReportBuilder("p").finish(0)
    assert report.status == "failed" and report.errors[0].reason == "no listings found"


def test_robots_refusals_do_not_make_a_run_partial() -> None:
    builder = ReportBuilder("p")
    builder.error("http://p.example/admin/", ROBOTS_REASON)
    assert builder.finish(5).status == "ok"


def test_field_coverage_counts_either_language() -> None:
    from crawler.coverage import coverage_lines, field_coverage
    from indexer.schema import RawListing

    listings = [
        RawListing(title_en="A", duration_text="10 weeks", course_code="a-1"),
        RawListing(title_cy="B", course_code="b-1"),
    ]
    coverage = field_coverage(listings)
    assert coverage["title"] == 1.0 and coverage["duration_text"] == 0.5
    assert coverage["cost_text"] == 0.0 and coverage["course_code"] == 1.0
    assert coverage_lines("p", listings)[0].startswith("p: title 100%, summary 0%")
    assert coverage_lines("p", []) == ["p: no listings"]


def test_summary_has_ingest_counts_errors_and_a_total_line() -> None:
    from crawler.run import ProviderRun, summary_lines
    from indexer.crawlreport import CrawlError, CrawlReport

    ok = CrawlReport("a-college", "t", "t", "ok", pages_fetched=10, listings_found=4)
    bad = CrawlReport("b-college", "t", "t", "failed", pages_fetched=1)
    bad.errors.append(CrawlError("http://b.example/", "HTTP 500"))
    counts = {"new": 1, "changed": 1, "unchanged": 2, "withdrawn": 0}
    lines = summary_lines([ProviderRun(ok, ingest=counts), ProviderRun(bad)], elapsed=2.5)
    assert lines[0].split()[-5:] == ["new", "chg", "same", "wdrn", "errors"]
    assert lines[1].split()[-5:] == ["1", "1", "2", "0", "0"]
    assert lines[2].split()[-5:] == ["-", "-", "-", "-", "1"]
    assert lines[3] == "    ! HTTP 500: http://b.example/"
    assert lines[4].startswith("TOTAL (1 ok, 0 partial, 1 failed)")
    assert lines[4].split()[-5:] == ["1", "1", "2", "0", "1"]
    assert lines[-1] == "finished in 2.5 s"


def test_progress_line_counts_every_provider() -> None:
    from types import SimpleNamespace

    from crawler.run import Progress
    from indexer.crawlreport import CrawlReport

    def crawler(pid: str, pages: int, done: bool, items: int):
        report = CrawlReport(pid, "t", "t" if done else None, pages_fetched=pages)
        spider = SimpleNamespace(report=report, provider=SimpleNamespace(id=pid))
        stats = SimpleNamespace(get_value=lambda key, default=0: items)
        return pid, SimpleNamespace(spider=spider, stats=stats)

    progress = Progress([crawler("a", 30, True, 5), crawler("b", 12, False, 3)], 10)
    line = progress.line()
    assert "1/2 providers done, 42 pages" in line and "8 listings" in line
    assert line.endswith("crawling b (12 pages)")
