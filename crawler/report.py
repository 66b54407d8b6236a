"""Building a CrawlReport for one provider: what was fetched, what failed and why."""

from __future__ import annotations

from twisted.internet import error as tx
from twisted.python.failure import Failure

from crawler.listings import utc_now
from indexer.crawlreport import CrawlError, CrawlReport

ROBOTS_REASON = "forbidden by robots.txt"
# Reasons that do not make a run partial: robots.txt is the provider's own wish, and 410
# is the provider saying the course is gone (so withdrawal may proceed).
NOT_FAILURES = (ROBOTS_REASON, "HTTP 410")

_CONNECTION = {
    "connection refused": (tx.ConnectionRefusedError, "DownloadConnectionRefusedError"),
    "DNS lookup failed": (tx.DNSLookupError, "CannotResolveHostError"),
    "timed out": (tx.TimeoutError, tx.TCPTimedOutError, "DownloadTimeoutError"),
    "connection reset": (tx.ConnectionLost, "ConnectionResetError", "ConnectionLost"),
    "connection closed without a response": (
        tx.ConnectionDone,
        "ResponseNeverReceived",
        "ConnectionDone",
    ),
    "response cut short": ("ResponseDataLossError", "PotentialDataLoss", "_DataLoss"),
}


def _names(exc: BaseException, depth: int = 0) -> set[str]:
    """Class names of the exception and of any failures it wraps (Scrapy nests them)."""
    names = {type(exc).__name__}
    if depth > 4:
        return names
    inner: list = list(getattr(exc, "reasons", None) or [])
    for arg in exc.args:
        inner += arg if isinstance(arg, list | tuple) else [arg]
    inner += [exc.__cause__, exc.__context__]
    for item in inner:
        value = item.value if isinstance(item, Failure) else item
        if isinstance(value, BaseException) and value is not exc:
            names |= _names(value, depth + 1)
    return names


def failure_reason(failure: Failure) -> str:
    """Plain words for a failed request: HTTP status, DNS, connection, timeout, size, robots."""
    from scrapy.exceptions import IgnoreRequest
    from scrapy.spidermiddlewares.httperror import HttpError

    exc = failure.value
    if isinstance(exc, HttpError):
        return f"HTTP {exc.response.status}"
    if isinstance(exc, IgnoreRequest):
        text = str(exc)
        if "robots.txt" in text:
            return ROBOTS_REASON
        return "too many redirects" if "redirect" in text else f"ignored: {text}"
    names = _names(exc)
    for reason, kinds in _CONNECTION.items():
        if any((k if isinstance(k, str) else k.__name__) in names for k in kinds):
            return reason
    text = str(exc)
    if "max size" in text or "maxsize" in text.lower():
        return "too large (over the download size cap)"
    return f"{type(exc).__name__}: {text}".strip(": ")[:300]


# Reasons that say a page may well be there next time: a listing built without it would
# overwrite a good catalogue entry with half of one, so such a course is left as it was.
TRANSIENT = (
    "HTTP 5",
    "HTTP 429",
    "HTTP 408",
    "connection",
    "DNS",
    "timed out",
    "response cut short",
    "too large",
    "page cut short",
    "no response",
)


def is_transient(reason: str) -> bool:
    return reason.startswith(TRANSIENT)


class ReportBuilder:
    def __init__(self, provider_id: str) -> None:
        self.report = CrawlReport(provider_id=provider_id, started_at=utc_now())

    def fetched(self, body_size: int) -> None:
        self.report.pages_fetched += 1
        self.report.bytes_fetched += body_size

    def error(self, url: str, reason: str) -> None:
        self.report.errors.append(CrawlError(url=url, reason=reason))

    def finish(self, listings: int, not_modified: int = 0) -> CrawlReport:
        report = self.report
        report.finished_at = utc_now()
        report.listings_found = listings
        report.not_modified = not_modified
        real_errors = [e for e in report.errors if e.reason not in NOT_FAILURES]
        if listings == 0:
            report.status = "failed"
            if not report.errors:
                self.error("", "no listings found")
        elif real_errors:
            report.status = "partial"
        else:
            report.status = "ok"
        return report
