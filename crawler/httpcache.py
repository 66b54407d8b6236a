"""HTTP cache policy: revalidate with conditional requests, and never hide a failure.

Scrapy's policy treats a cached "no-cache" response as stale and refetches it in full;
RFC 9111 says "no-cache" means "revalidate before use", which is exactly the cheap
If-None-Match / If-Modified-Since round trip that makes re-crawling an unchanged site
cost almost nothing (DESIGN.md decision 4).

Scrapy also answers a 5xx or a network error with the stale cached copy ("stale if
error"). For a crawler that is wrong: the run would look successful, the report would
not say the site is failing, and a course missing from that stale copy would count
towards its withdrawal. The catalogue already keeps the last good data when a crawl
fails, so here a failure stays a failure.
"""

from __future__ import annotations

import logging
import pickle
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from scrapy.downloadermiddlewares.httpcache import HttpCacheMiddleware
from scrapy.extensions.httpcache import FilesystemCacheStorage, RFC2616Policy
from scrapy.http import Request, Response
from scrapy.http.headers import Headers
from scrapy.responsetypes import responsetypes

log = logging.getLogger(__name__)
_writer: ThreadPoolExecutor | None = None  # one writer thread per process, FIFO
_writer_lock = threading.Lock()


def _cache_writer() -> ThreadPoolExecutor:
    global _writer
    with _writer_lock:
        if _writer is None:
            _writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="httpcache-writer")
        return _writer


class RevalidatingPolicy(RFC2616Policy):
    def is_cached_response_fresh(self, cachedresponse: Response, request: Request) -> bool:
        fresh = super().is_cached_response_fresh(cachedresponse, request)
        if not fresh:
            self._set_conditional_validators(request, cachedresponse)
        return fresh

    def is_cached_response_valid(
        self, cachedresponse: Response, response: Response, request: Request
    ) -> bool:
        return response.status == 304  # not a 5xx: that is reported, not papered over


class NoStaleCacheMiddleware(HttpCacheMiddleware):
    """Scrapy's cache middleware without the stale copy on timeouts and refused connections."""

    def process_exception(self, request: Request, exception: Exception, spider=None) -> None:
        request.meta.pop("cached_response", None)
        return None


class CompactCacheStorage(FilesystemCacheStorage):
    """Scrapy's filesystem cache with one file per response instead of seven.

    Every response (a 304 refreshes its entry too) cost seven file creations, about half
    the crawl's CPU time on a busy disk. Same layout otherwise
    (`HTTPCACHE_DIR/<spider>/<2 hex>/<fingerprint>.pickle`); an unreadable entry is a miss.

    Files are written by a background thread (creating a file costs ~0.5 ms of kernel
    time on this machine's disk, which the crawl no longer waits for); an entry not yet
    on disk is answered from memory, and `close_spider` waits until every write is done.
    """

    def __init__(self, settings) -> None:
        super().__init__(settings)
        self._lock = threading.Lock()
        self._pending: dict[Path, bytes] = {}  # written soon: retrieve reads them from here
        self._futures: list[Future] = []

    def close_spider(self, spider) -> None:
        self.flush()

    def flush(self) -> None:
        """Wait until every stored response is on disk."""
        with self._lock:
            futures, self._futures = self._futures, []
        for future in futures:
            future.result()

    def _file(self, spider, request: Request) -> Path:
        return Path(self._get_request_path(spider, request) + ".pickle")

    def retrieve_response(self, spider, request: Request) -> Response | None:
        path = self._file(spider, request)
        with self._lock:
            data = self._pending.get(path)
        try:
            if data is not None:
                entry = pickle.loads(data)
            else:
                with path.open("rb") as f:
                    entry = pickle.load(f)  # our own cache files
        except (OSError, EOFError, pickle.UnpicklingError, ValueError):
            return None
        if 0 < self.expiration_secs < time.time() - entry["timestamp"]:
            return None
        request.meta["cache_timestamp"] = entry["timestamp"]
        headers = Headers(entry["headers"])
        cls = responsetypes.from_args(headers=headers, url=entry["url"], body=entry["body"])
        return cls(url=entry["url"], status=entry["status"], headers=headers, body=entry["body"])

    def store_response(self, spider, request: Request, response: Response) -> None:
        path = self._file(spider, request)
        entry = {
            "url": response.url,
            "status": response.status,
            "headers": dict(response.headers.items()),
            "body": response.body,
            "request_url": request.url,
            "timestamp": time.time(),
        }
        data = pickle.dumps(entry, protocol=5)
        with self._lock:
            self._pending[path] = data
            self._futures.append(_cache_writer().submit(self._write, path, data))

    def _write(self, path: Path, data: bytes) -> None:
        try:
            try:
                path.write_bytes(data)
            except FileNotFoundError:  # first entry in this directory: mkdir only then
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
        except OSError as exc:  # a cache that cannot be written is a miss next time
            log.warning("HTTP cache: could not write %s: %s", path, exc)
        finally:
            with self._lock:
                if self._pending.get(path) is data:
                    del self._pending[path]
