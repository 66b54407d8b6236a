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
