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


def _provider(**changes):
    from crawler.providers import get_provider

    return get_provider("coleg-bro-ogwr").model_copy(update=changes)


def test_query_parameter_pairs_english_and_welsh_pages() -> None:
    from crawler.extractors.page import Page
    from crawler.listings import alternates
    from crawler.providers import UrlPatterns

    config = _provider(language_alternates="query", url_patterns=UrlPatterns())
    english = Page.from_bytes(f"{SITE}/course?id=7", b"<html><body>x</body></html>")
    welsh = Page.from_bytes(f"{SITE}/course?id=7&lang=cy", b"<html><body>x</body></html>")
    assert (english.lang, welsh.lang) == ("en", "cy")
    pair = {"en": f"{SITE}/course?id=7", "cy": f"{SITE}/course?id=7&lang=cy"}
    assert alternates(english, config) == alternates(welsh, config) == pair


def test_url_prefix_pairs_english_and_welsh_pages() -> None:
    from crawler.extractors.page import Page
    from crawler.listings import alternates
    from crawler.providers import UrlPatterns

    config = _provider(
        language_alternates="url_pattern", url_patterns=UrlPatterns(en="/en/", cy="/cy/")
    )
    welsh = Page.from_bytes(f"{SITE}/cy/weldio", b"<html><body>x</body></html>")
    assert welsh.lang == "cy"
    assert alternates(welsh, config) == {"en": f"{SITE}/en/weldio", "cy": f"{SITE}/cy/weldio"}


def test_a_page_cut_short_is_reported_and_its_listing_held_back() -> None:
    spider = ProviderSpider("coleg-bro-ogwr")
    response = _saved("coleg-bro-ogwr/selectors-dl-pair")
    cut = response.replace(body=response.body[: len(response.body) * 3 // 4])
    items = [o for o in spider.parse_page(cut) if isinstance(o, RawListing)]
    assert [e.reason for e in spider.report.errors] == [
        "page cut short (no closing </body> or </html>)"
    ]
    assert items and items[0].url in spider.incomplete  # the sink will not hand it on
