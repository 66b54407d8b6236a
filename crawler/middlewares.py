"""Retries that back off: exponential delay, and a server's Retry-After honoured (capped).

Scrapy's RetryMiddleware re-queues at once; a struggling provider (429/503) deserves a
pause first. The wait happens inside this request's middleware chain, so other hosts
keep being crawled meanwhile.
"""

from __future__ import annotations

import email.utils
import time

from scrapy import Request
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Response
from scrapy.utils.asyncio import sleep


def retry_after_seconds(value: bytes | str | None, now: float | None = None) -> float | None:
    """Retry-After as seconds: either delta-seconds or an HTTP date."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    parsed = email.utils.parsedate_to_datetime(text) if text else None
    if parsed is None:
        return None
    return max(0.0, parsed.timestamp() - (now if now is not None else time.time()))


class BackoffRetryMiddleware(RetryMiddleware):
    def __init__(self, settings):
        super().__init__(settings)
        self.base = settings.getfloat("RETRY_BACKOFF_BASE", 2.0)
        self.cap = settings.getfloat("RETRY_BACKOFF_MAX", 120.0)

    def delay_for(self, request: Request, response: Response) -> float:
        attempt = request.meta.get("retry_times", 0)
        delay = self.base * (2**attempt)
        if response.status in (429, 503):
            try:
                stated = retry_after_seconds(response.headers.get(b"Retry-After"))
            except (TypeError, ValueError):
                stated = None
            if stated is not None:
                delay = max(delay, stated)
        return min(delay, self.cap)

    async def process_response(self, request: Request, response: Response) -> Request | Response:
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        retry = self._retry(request, f"HTTP {response.status}")
        if retry is None:
            return response
        await sleep(self.delay_for(request, response))
        return retry
