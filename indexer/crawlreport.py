"""What one crawl of one provider did: the crawler fills it, the indexer stores it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Status = Literal["ok", "partial", "failed"]


@dataclass
class CrawlError:
    url: str
    reason: str  # plain words: "HTTP 500", "connection refused", "invalid JSON-LD", ...


@dataclass
class CrawlReport:
    provider_id: str
    started_at: str  # ISO 8601, UTC
    finished_at: str | None = None
    # ok: every discovered page was fetched and parsed; partial: some failed;
    # failed: nothing usable (robots, dead site, feed broken). Only "ok" runs count
    # towards withdrawing a course (DESIGN.md, decision 4).
    status: Status = "ok"
    pages_fetched: int = 0
    bytes_fetched: int = 0
    not_modified: int = 0  # 304 answers to conditional requests
    listings_found: int = 0
    errors: list[CrawlError] = field(default_factory=list)
