"""Politeness settings and back-off: robots on, cache with conditional requests, Retry-After."""

from __future__ import annotations

from email.utils import formatdate

import pytest
from scrapy.http import Request, Response
from scrapy.settings import Settings

from crawler.middlewares import BackoffRetryMiddleware, retry_after_seconds
from crawler.settings import crawler_settings


def test_polite_defaults() -> None:
    s = crawler_settings()
    assert s["ROBOTSTXT_OBEY"] is True
    assert s["AUTOTHROTTLE_ENABLED"] is True
    assert s["CONCURRENT_REQUESTS_PER_DOMAIN"] == 2
    assert "+http" in s["USER_AGENT"] and "coursefinder" in s["USER_AGENT"]
    assert s["HTTPCACHE_ENABLED"] and s["HTTPCACHE_POLICY"].endswith("RevalidatingPolicy")
    assert s["DOWNLOAD_MAXSIZE"] > 0 and s["DOWNLOAD_TIMEOUT"] > 0


def test_fast_mode_keeps_robots_and_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    s = crawler_settings(fast=True)
    assert s["ROBOTSTXT_OBEY"] is True and s["HTTPCACHE_ENABLED"]
    assert s["AUTOTHROTTLE_ENABLED"] is False and s["DOWNLOAD_DELAY"] == 0


def test_environment_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CRAWLER_CONCURRENCY_PER_DOMAIN", "1")
    monkeypatch.setenv("CRAWLER_USER_AGENT", "test-bot (+http://example.org)")
    s = crawler_settings()
    assert (
        s["CONCURRENT_REQUESTS_PER_DOMAIN"] == 1
        and s["USER_AGENT"] == "test-bot (+http://example.org)"
    )


def test_cache_lives_under_var(isolated_var) -> None:
    assert crawler_settings()["HTTPCACHE_DIR"].startswith(str(isolated_var))


@pytest.mark.parametrize(
    ("header", "seconds"),
    [("120", 120.0), (formatdate(1_000_030, usegmt=True), 30.0), ("", None), (None, None)],
)
def test_retry_after(header: str | None, seconds: float | None) -> None:
    assert retry_after_seconds(header, now=1_000_000) == seconds


def _middleware() -> BackoffRetryMiddleware:
    return BackoffRetryMiddleware(
        Settings({"RETRY_ENABLED": True, "RETRY_BACKOFF_BASE": 2.0, "RETRY_BACKOFF_MAX": 60.0})
    )


def test_backoff_doubles_and_honours_retry_after_capped() -> None:
    mw = _middleware()
    request = Request("http://x.example/")
    assert mw.delay_for(request, Response(request.url, status=500)) == 2.0
    request.meta["retry_times"] = 2
    assert mw.delay_for(request, Response(request.url, status=500)) == 8.0
    slow_down = Response(request.url, status=429, headers={"Retry-After": "30"})
    assert mw.delay_for(request, slow_down) == 30.0
    assert (
        mw.delay_for(request, Response(request.url, status=503, headers={"Retry-After": "9999"}))
        == 60.0
    )


def test_no_cache_responses_are_revalidated_conditionally() -> None:
    from crawler.httpcache import RevalidatingPolicy

    policy = RevalidatingPolicy(Settings())
    cached = Response(
        "http://x.example/",
        headers={
            "Cache-Control": "no-cache",
            "ETag": '"v1"',
            "Last-Modified": "Thu, 28 May 2026 00:00:00 GMT",
        },
    )
    request = Request("http://x.example/")
    assert policy.is_cached_response_fresh(cached, request) is False
    assert request.headers[b"If-None-Match"] == b'"v1"'
    assert request.headers[b"If-Modified-Since"].startswith(b"Thu, 28 May 2026")


def test_compact_cache_round_trip_and_no_stale_copy_on_errors(tmp_path) -> None:
    from types import SimpleNamespace

    from scrapy.http import HtmlResponse
    from scrapy.utils.request import RequestFingerprinter

    from crawler.httpcache import CompactCacheStorage, RevalidatingPolicy

    storage = CompactCacheStorage(Settings({"HTTPCACHE_DIR": str(tmp_path)}))
    spider = SimpleNamespace(
        name="provider", crawler=SimpleNamespace(request_fingerprinter=RequestFingerprinter())
    )
    storage.open_spider(spider)
    request = Request("http://x.example/c")
    assert storage.retrieve_response(spider, request) is None
    page = HtmlResponse(
        request.url,
        body="Cwrs ŵ".encode(),
        headers={"ETag": '"v1"', "Content-Type": "text/html; charset=utf-8"},
        encoding="utf-8",
    )
    storage.store_response(spider, request, page)
    cached = storage.retrieve_response(spider, Request(request.url))  # written or not yet
    assert isinstance(cached, HtmlResponse) and cached.text == "Cwrs ŵ"
    storage.close_spider(spider)  # waits for the background writes
    assert cached.headers[b"ETag"] == b'"v1"' and len(list(tmp_path.rglob("*.pickle"))) == 1
    # from disk, by a fresh storage (the next crawl)
    again = CompactCacheStorage(Settings({"HTTPCACHE_DIR": str(tmp_path)}))
    again.open_spider(spider)
    assert again.retrieve_response(spider, Request(request.url)).text == "Cwrs ŵ"
    # a 5xx is reported, never answered from the stale copy
    policy = RevalidatingPolicy(Settings())
    assert (
        policy.is_cached_response_valid(cached, Response(request.url, status=500), request) is False
    )
    assert (
        policy.is_cached_response_valid(cached, Response(request.url, status=304), request) is True
    )
