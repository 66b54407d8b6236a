"""The generic provider spider, one instance per provider (run by `coursefinder crawl`).

Everything provider-specific comes from crawler/providers/<id>.yaml. Discovery uses, in
order, XCRI-CAP feeds, sitemaps, and listing pages with pagination; every course page's
hreflang alternates are followed so a Welsh page and its English counterpart both reach
DedupePipeline, which merges them into one listing.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from typing import Any

import scrapy
from scrapy import signals
from scrapy.http import Response
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots
from twisted.python.failure import Failure

from crawler.extractors.page import Page
from crawler.listings import alternates, page_listings, utc_now
from crawler.providers import ProviderConfig, get_provider
from crawler.report import ReportBuilder, failure_reason, is_transient
from indexer.crawlreport import CrawlReport


class ProviderSpider(scrapy.Spider):
    name = "provider"

    def __init__(self, provider: str | ProviderConfig, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.provider = provider if isinstance(provider, ProviderConfig) else get_provider(provider)
        self.allowed_domains = [self.provider.host]
        self.builder = ReportBuilder(self.provider.id)
        self.listings: list = []  # filled by SinkPipeline at close
        self.ingest_result: Any = None  # what the sink returned (ingest_crawl: new/changed/...)
        self._course = [re.compile(p) for p in self.provider.course_page]
        self._follow = [re.compile(p) for p in self.provider.follow]
        self._deny = [re.compile(p) for p in self.provider.deny]
        # Course pages asked for and not yet answered: what is left at the end never
        # arrived (a redirect loop ends in the duplicate filter without any error).
        self._pending: set[str] = set()
        self._answered: set[str] = set()
        # Course pages that failed for now (5xx, timeout, cut short...): a listing that has
        # one of them as its English or Welsh half is not handed on, so the catalogue keeps
        # the complete version from an earlier crawl instead of half of it.
        self.incomplete: set[str] = set()
        self._from_cache = 0  # answered from the HTTP cache after a 304
        self.page_maxsize = 0  # from COURSEFINDER_PAGE_MAXSIZE once attached to a crawler

    @classmethod
    def from_crawler(cls, crawler, *args: Any, **kwargs: Any):
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider._on_response, signal=signals.response_received)
        spider.page_maxsize = crawler.settings.getint("COURSEFINDER_PAGE_MAXSIZE", 0)
        return spider

    @property
    def report(self) -> CrawlReport:
        return self.builder.report

    # --- discovery ------------------------------------------------------------------
    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.provider.feeds:
            yield self._request(url, self.parse_feed, priority=20)
        for url in self.provider.sitemaps:
            yield self._request(url, self.parse_sitemap, priority=10)
        for url in self.provider.start_urls:
            yield self._request(url, self.parse_listing)

    def _request(self, url: str, callback, **kwargs: Any) -> scrapy.Request:
        return scrapy.Request(url, callback=callback, errback=self.on_error, **kwargs)

    def _page_request(self, url: str) -> scrapy.Request:
        if url not in self._answered:  # else the duplicate filter drops it, rightly
            self._pending.add(url)
        meta: dict[str, Any] = {"course_url": url}
        if self.page_maxsize:
            meta["download_maxsize"] = self.page_maxsize
        return self._request(url, self.parse_page, meta=meta)

    def _is(self, rules: list[re.Pattern], url: str) -> bool:
        return any(rule.search(url) for rule in rules) and not any(
            rule.search(url) for rule in self._deny
        )

    def _route(self, url: str) -> scrapy.Request | None:
        url = url.split("#", 1)[0]
        if self._is(self._course, url):
            return self._page_request(url)
        if self._is(self._follow, url):
            return self._request(url, self.parse_listing)
        return None

    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        if response.url.endswith("/robots.txt"):
            urls = list(sitemap_urls_from_robots(response.text, base_url=response.url))
            yield from (self._request(u, self.parse_sitemap) for u in urls)
            return
        try:
            sitemap = Sitemap(response.body)
        except Exception as exc:  # lxml raises several kinds; the report wants the words
            self.builder.error(response.url, f"parse error: bad sitemap ({exc})")
            return
        for entry in sitemap:
            loc = entry.get("loc")
            if not loc:
                continue
            if sitemap.type == "sitemapindex":
                yield self._request(loc, self.parse_sitemap)
            elif (request := self._route(loc)) is not None:
                yield request

    def parse_listing(self, response: Response) -> Iterator[scrapy.Request]:
        if not hasattr(response, "xpath"):
            return
        hrefs = response.xpath("//a/@href | //link[@rel='next']/@href").getall()
        for href in dict.fromkeys(hrefs):
            request = self._route(response.urljoin(href))
            if request is not None:
                yield request

    # --- extraction -----------------------------------------------------------------
    def _page(self, response: Response) -> Page:
        content_type = response.headers.get(b"Content-Type", b"").decode("latin-1") or None
        return Page.from_bytes(response.url, response.body, content_type)

    def parse_page(self, response: Response) -> Iterator[Any]:
        self._settle(response.request, response.url)
        page = self._page(response)
        # The label heuristic is for providers nobody has written selectors for yet.
        heuristic = not self.provider.selectors
        items = page_listings(page, self.provider, fetched_at=utc_now(), heuristic=heuristic)
        for problem in page.problems:
            self.builder.error(response.url, f"parse error: {problem}")
        if page.looks_truncated:
            self.builder.error(response.url, "page cut short (no closing </body> or </html>)")
            self._incomplete(response.request, response.url, page.canonical())
        elif not items:
            self.builder.error(response.url, "parse error: no course found on the page")
        yield from items
        for url in self._alternates(page):
            if url != response.url:
                yield self._page_request(url)

    def _alternates(self, page: Page) -> list[str]:
        """The other-language versions of a course page (hreflang, URL prefix or ?lang=)."""
        return [url for url in alternates(page, self.provider).values() if url != page.url]

    def parse_feed(self, response: Response) -> Iterator[Any]:
        page = self._page(response)
        items = page_listings(page, self.provider, fetched_at=utc_now(), heuristic=False)
        for problem in page.problems:
            self.builder.error(response.url, f"parse error: {problem}")
        if not items and not page.problems:
            self.builder.error(response.url, "parse error: feed lists no courses")
        yield from items

    # --- reporting ------------------------------------------------------------------
    def _on_response(
        self, response: Response, request: scrapy.Request, spider: scrapy.Spider
    ) -> None:
        if spider is self:
            # A revalidated (304) page arrives as the cached copy: no body crossed the wire.
            cached = "cached" in response.flags
            self.builder.fetched(0 if cached else len(response.body))
            self._from_cache += cached

    def on_error(self, failure: Failure) -> None:
        request = getattr(failure, "request", None)
        url = request.url if request is not None else self.provider.website
        reason = failure_reason(failure)
        if request is not None:
            self._settle(request, request.url)
            if request.meta.get("course_url") and is_transient(reason):
                self._incomplete(request, url)
        self.builder.error(url, reason)

    def _incomplete(self, request: scrapy.Request | None, *urls: str) -> None:
        self.incomplete.update(urls)
        if request is not None:
            self.incomplete.add(request.url)
            if request.meta.get("course_url"):
                self.incomplete.add(request.meta["course_url"])

    def _settle(self, request: scrapy.Request | None, url: str) -> None:
        urls = {
            url,
            request.url if request else None,
            request.meta.get("course_url") if request else None,
        }
        urls.discard(None)
        self._pending.difference_update(urls)
        self._answered.update(urls)

    def flush_pending(self) -> None:
        """Course pages asked for that never answered become errors (once)."""
        for url in sorted(self._pending):
            self.builder.error(
                url, "no response (redirected to a page already seen: redirect loop?)"
            )
            self.incomplete.add(url)
        self._pending.clear()

    def finish_report(self, listings: int) -> CrawlReport:
        self.flush_pending()
        return self.builder.finish(listings, not_modified=self._from_cache)
