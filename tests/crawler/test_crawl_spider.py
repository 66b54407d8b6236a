"""The generic spider's callbacks on saved responses: routing, hreflang, errors. No network."""

from __future__ import annotations

import json
from pathlib import Path

import scrapy
from scrapy.http import HtmlResponse, Request, Response, XmlResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import DNSLookupError
from twisted.python.failure import Failure

from crawler.items import RawListing
from crawler.spiders.provider import ProviderSpider

FIXTURES = Path(__file__).parent / "fixtures"
SITE = "http://coleg-bro-ogwr.example"


def _saved(case: str, n: int = 0) -> HtmlResponse:
    meta = json.loads((FIXTURES / case / "meta.json").read_text())["pages"][n]
    body = (FIXTURES / case / meta["file"]).read_bytes()
    return HtmlResponse(
        meta["url"],
        body=body,
        headers={"Content-Type": meta["content_type"]},
        request=Request(meta["url"]),
    )


def test_listing_page_routes_course_pages_and_pagination() -> None:
    spider = ProviderSpider("coleg-bro-ogwr")
    body = """<html><body>
      <a href="/en/part-time/welding-basics">Welding</a>
      <a href="/en/part-time/page/2/">Next</a>
      <a href="/admin/">Staff</a><a href="http://elsewhere.example/x">Out</a>
    </body></html>"""
    response = HtmlResponse(f"{SITE}/en/part-time/", body=body.encode(), encoding="utf-8")
    routed = {r.url: r.callback.__name__ for r in spider.parse_listing(response)}
    assert routed == {
        f"{SITE}/en/part-time/welding-basics": "parse_page",
        f"{SITE}/en/part-time/page/2/": "parse_listing",
    }


def test_sitemap_entries_become_course_requests() -> None:
    spider = ProviderSpider("coleg-bro-ogwr")
    xml = f"""<?xml version="1.0" encoding="UTF-8"?>
    <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <url><loc>{SITE}/en/part-time/welding-basics</loc></url>
      <url><loc>{SITE}/cy/rhan-amser/weldio</loc></url>
      <url><loc>{SITE}/en/about/</loc></url>
    </urlset>"""
    requests = list(spider.parse_sitemap(XmlResponse(f"{SITE}/sitemap.xml", body=xml.encode())))
    assert [r.url for r in requests] == [
        f"{SITE}/en/part-time/welding-basics",
        f"{SITE}/cy/rhan-amser/weldio",
    ]


def test_course_page_yields_listing_and_follows_its_welsh_version() -> None:
    spider = ProviderSpider("coleg-bro-ogwr")
    out = list(spider.parse_page(_saved("coleg-bro-ogwr/selectors-dl-pair")))
    items = [o for o in out if isinstance(o, RawListing)]
    follow = [o.url for o in out if isinstance(o, scrapy.Request)]
    assert (
        len(items) == 1 and items[0].course_code == "cbo-001" and items[0].extractor == "selectors"
    )
    assert follow == [f"{SITE}/cy/rhan-amser/datblygu-gwe-pen-blaen"]
    assert spider.report.errors == []


def test_page_without_a_course_is_a_parse_error() -> None:
    spider = ProviderSpider("coleg-bro-ogwr")
    url = f"{SITE}/en/part-time/x"
    response = HtmlResponse(
        url, body=b"<html><body><p>Moved</p></body></html>", encoding="utf-8", request=Request(url)
    )
    assert list(spider.parse_page(response)) == []
    assert spider.report.errors[0].reason == "parse error: no course found on the page"


def test_broken_feed_is_reported_with_what_could_be_read() -> None:
    spider = ProviderSpider("lammermuir-college")
    body = (FIXTURES / "lammermuir-college/xcri-broken-feed/page.xml").read_bytes()
    items = list(
        spider.parse_feed(
            XmlResponse("http://lammermuir-college.example/feeds/xcri.xml", body=body)
        )
    )
    assert [i.course_code for i in items] == ["lmc-001", "lmc-002"]
    assert spider.report.errors[0].reason.startswith("parse error: broken XCRI-CAP feed")


def test_request_failures_are_reported_in_plain_words() -> None:
    spider = ProviderSpider("coleg-bro-ogwr")
    request = Request(f"{SITE}/en/part-time/")
    http = Failure(HttpError(Response(request.url, status=503, request=request), "Ignoring"))
    http.request = request
    dns = Failure(DNSLookupError("no such host"))
    dns.request = request
    spider.on_error(http)
    spider.on_error(dns)
    assert [(e.url, e.reason) for e in spider.report.errors] == [
        (request.url, "HTTP 503"),
        (request.url, "DNS lookup failed"),
    ]
