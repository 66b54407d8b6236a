"""Polite crawler defaults (DESIGN.md decision 4), each overridable from the environment.

`crawler_settings(fast=True)` keeps robots.txt, the cache and the retry policy but drops
AutoThrottle's waiting, for tests and the demo against the local sample sites.
"""

from __future__ import annotations

import os
from typing import Any

from indexer.config import var_dir

BOT_NAME = "coursefinder"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"


def _env(name: str, default: str) -> str:
    return os.environ.get(name, default)


def crawler_settings(*, fast: bool = False) -> dict[str, Any]:
    """Scrapy settings as a dict, read from the environment at call time."""
    settings: dict[str, Any] = {
        "BOT_NAME": BOT_NAME,
        "SPIDER_MODULES": SPIDER_MODULES,
        "NEWSPIDER_MODULE": NEWSPIDER_MODULE,
        "USER_AGENT": _env(
            "CRAWLER_USER_AGENT",
            "coursefinder/0.1 (+https://coursefinder.example/about/crawler; crawler@coursefinder.example)",
        ),
        "ROBOTSTXT_OBEY": _env("CRAWLER_ROBOTSTXT_OBEY", "1") != "0",
        "CONCURRENT_REQUESTS": int(_env("CRAWLER_CONCURRENCY", "16")),
        "CONCURRENT_REQUESTS_PER_DOMAIN": int(_env("CRAWLER_CONCURRENCY_PER_DOMAIN", "2")),
        # Items and requests a callback yields are handed on one at a time: the pipelines
        # are synchronous, so more buys nothing, and Scrapy starts CONCURRENT_ITEMS asyncio
        # tasks for every response (100 by default: 45 % of the crawl's CPU time, measured).
        "CONCURRENT_ITEMS": int(_env("CRAWLER_CONCURRENT_ITEMS", "1")),
        # A developer's check (reads each callback's source for `return value` in a
        # generator) that ran for every spider's callbacks at every response.
        "WARN_ON_GENERATOR_RETURN_VALUE": False,
        "DOWNLOAD_DELAY": float(_env("CRAWLER_DOWNLOAD_DELAY", "1.0")),
        "DOWNLOAD_TIMEOUT": int(_env("CRAWLER_DOWNLOAD_TIMEOUT", "30")),
        # Feeds may be large; a course page over a few MiB is a broken CMS, not a course.
        "DOWNLOAD_MAXSIZE": int(_env("CRAWLER_DOWNLOAD_MAXSIZE", str(100 * 1024 * 1024))),
        "COURSEFINDER_PAGE_MAXSIZE": int(_env("CRAWLER_PAGE_MAXSIZE", str(5 * 1024 * 1024))),
        "DOWNLOAD_WARNSIZE": 10 * 1024 * 1024,
        "AUTOTHROTTLE_ENABLED": True,
        "AUTOTHROTTLE_START_DELAY": float(_env("CRAWLER_AUTOTHROTTLE_START_DELAY", "2.0")),
        "AUTOTHROTTLE_MAX_DELAY": float(_env("CRAWLER_AUTOTHROTTLE_MAX_DELAY", "30.0")),
        "AUTOTHROTTLE_TARGET_CONCURRENCY": float(_env("CRAWLER_AUTOTHROTTLE_TARGET", "1.0")),
        "RETRY_ENABLED": True,
        "RETRY_TIMES": int(_env("CRAWLER_RETRY_TIMES", "2")),
        "RETRY_HTTP_CODES": [500, 502, 503, 504, 522, 524, 408, 429],
        # seconds: first back-off, doubled per retry, and the longest Retry-After honoured
        "RETRY_BACKOFF_BASE": float(_env("CRAWLER_RETRY_BACKOFF", "2.0")),
        "RETRY_BACKOFF_MAX": float(_env("CRAWLER_RETRY_BACKOFF_MAX", "120")),
        "DOWNLOADER_MIDDLEWARES": {
            "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
            "crawler.middlewares.BackoffRetryMiddleware": 550,
            "scrapy.downloadermiddlewares.httpcache.HttpCacheMiddleware": None,
            "crawler.httpcache.NoStaleCacheMiddleware": 900,
        },
        # RFC2616Policy stores validators, so a re-crawl sends If-None-Match /
        # If-Modified-Since and an unchanged page comes back as a cheap 304.
        "HTTPCACHE_ENABLED": _env("CRAWLER_HTTPCACHE", "1") != "0",
        "HTTPCACHE_POLICY": "crawler.httpcache.RevalidatingPolicy",
        "HTTPCACHE_DIR": _env("CRAWLER_HTTPCACHE_DIR", str(var_dir() / "httpcache")),
        "HTTPCACHE_STORAGE": "crawler.httpcache.CompactCacheStorage",
        "HTTPCACHE_IGNORE_HTTP_CODES": [500, 502, 503, 504, 429, 408],
        "ITEM_PIPELINES": {
            "crawler.pipelines.ProvenancePipeline": 100,
            "crawler.pipelines.DedupePipeline": 200,
            "crawler.pipelines.SinkPipeline": 900,
        },
        "DEFAULT_DROPITEM_LOG_LEVEL": "DEBUG",  # merged EN/CY halves are not news
        "LOG_LEVEL": _env("CRAWLER_LOG_LEVEL", "WARNING"),
        "TELNETCONSOLE_ENABLED": False,
        "REQUEST_FINGERPRINTER_IMPLEMENTATION": "2.7",
        "FEED_EXPORT_ENCODING": "utf-8",
    }
    if fast or _env("CRAWLER_FAST", "0") == "1":
        settings.update(
            {
                "AUTOTHROTTLE_ENABLED": False,
                "DOWNLOAD_DELAY": 0,
                "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
                "RETRY_BACKOFF_BASE": 0.1,
                "RETRY_BACKOFF_MAX": 1.0,
                "DOWNLOAD_TIMEOUT": int(_env("CRAWLER_DOWNLOAD_TIMEOUT", "10")),
            }
        )
    return settings
