"""One local HTTP server for every sample provider site; also a plain HTTP forward proxy.

The crawler is run unchanged with `http_proxy=<proxy_url>`: Scrapy then sends
"GET http://coleg-dyfi.example/path HTTP/1.1" here, and the catalogue keeps the
canonical http://<id>.example URLs. Requests in Host-header form work too, and so do
`http://<id>.localhost:<port>/` addresses, which browsers resolve to loopback without any
proxy setting. Pages are rendered once (render.default_sites) and only looked up here.
"""

from __future__ import annotations

import os
import socket
import struct
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, replace
from email.utils import parsedate_to_datetime
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import unquote, urlsplit

from samplesites import faults as F
from samplesites.devset import load_devset
from samplesites.faults import Fault, Faults, parse_faults
from samplesites.houses import XCRI
from samplesites.render import LAST_MODIFIED, Page, Site, default_sites, render_site
from samplesites.xcri import FEED_PATH

SELF_HOSTS = {"127.0.0.1", "localhost", "::1", ""}


@dataclass(frozen=True)
class LoggedRequest:
    method: str
    host: str
    path: str
    status: int
    proxy_form: bool  # True when the request line carried an absolute URI
    user_agent: str | None
    at: float
    query: str = ""  # the URL's query string, without "?"


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    # socketserver's default backlog of 5 drops SYNs when a crawl opens many connections
    # at once; the client then waits out TCP's 1 s / 3 s retransmission timers.
    request_queue_size = 256
    block_on_close = False
    sites: SampleSites

    def shutdown_request(self, request: Any) -> None:
        # "reset": close at once with SO_LINGER 0, so the client gets an RST, not a FIN.
        if self.sites._take_reset(request):
            request.close()
            return
        super().shutdown_request(request)


class _CountingWriter:
    """The handler's output stream, adding every byte written to `SampleSites.bytes_sent`."""

    def __init__(self, raw: Any, sites: SampleSites) -> None:
        self._raw, self._sites = raw, sites

    def write(self, data: Any) -> int:
        written = self._raw.write(data)
        with self._sites._lock:
            self._sites.bytes_sent += len(data)
        return written

    def __getattr__(self, name: str) -> Any:
        return getattr(self._raw, name)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"  # keep-alive: every response carries Content-Length
    server_version = "samplesites/1.0"

    def setup(self) -> None:
        super().setup()
        self.wfile = _CountingWriter(self.wfile, self.server.sites)

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.sites.verbose:
            super().log_message(format, *args)

    def do_GET(self) -> None:
        self._handle(send_body=True)

    def do_HEAD(self) -> None:
        self._handle(send_body=False)

    def do_CONNECT(self) -> None:
        self.close_connection = True
        self._send_text(
            501,
            "samplesites: CONNECT (https) is not supported; the sample sites are plain http://<id>.example\n",
            "CONNECT",
            self.path,
            True,
        )

    def do_POST(self) -> None:
        self.close_connection = True
        self._send_text(
            405, "samplesites: only GET and HEAD are served\n", "POST", self.path, False
        )

    # --- dispatch ---------------------------------------------------------------------
    def _target(self) -> tuple[str, str, bool, str]:
        """(host, path, proxy_form, query) for both request forms."""
        if self.path.startswith(("http://", "https://")):
            parts = urlsplit(self.path)
            return (parts.hostname or "").lower(), parts.path or "/", True, parts.query
        host = urlsplit("//" + (self.headers.get("Host") or "").strip()).hostname or ""
        parts = urlsplit(self.path)
        return host, parts.path or "/", False, parts.query

    def _handle(self, send_body: bool) -> None:
        sites = self.server.sites
        host, path, proxy_form, self._query = self._target()
        host = host.rstrip(".")
        if host.endswith(".localhost"):
            host = host.removesuffix(".localhost") + ".example"
        site = sites.sites.get(host)
        if site is None:
            if host in SELF_HOSTS and not proxy_form:
                self._send(sites.directory_page(), send_body, host, path, proxy_form)
            else:
                known = ", ".join(sorted(sites.sites))
                body = f"samplesites: unknown host {host!r}. This proxy only serves the sample provider sites: {known}\n"
                self._send_text(502, body, self.command, path, proxy_form, host)
            return
        faults = sites.faults.get(site.provider["id"])
        if faults is not None and (hide := faults.get("hide")):
            site = sites._without_last(site, hide.count)
        if faults is None:
            page = site.pages.get(path) or site.pages.get(unquote(path)) or site.not_found
            self._send(page, send_body, host, path, proxy_form)
            return
        self._faulty(site, faults, send_body, host, path, proxy_form)

    def _faulty(
        self, site: Site, faults: Faults, send_body: bool, host: str, path: str, proxy_form: bool
    ) -> None:
        """Serve one request to a provider with faults, in the order README.md gives."""
        sites = self.server.sites
        pid = site.provider["id"]
        if "refuse" in faults or "reset" in faults:
            self._log(host, path, 0, proxy_form)  # 0: no response at all
            self.close_connection = True
            if "reset" not in faults:
                return  # finish() and shutdown_request() close the socket: no bytes, FIN
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            sites._mark_reset(self.connection)
            return
        if hang := faults.get("hang"):
            self._log(host, path, 0, proxy_form)
            self.close_connection = True
            sites._stopping.wait(hang.delay)
            return
        if slow := faults.get("slow"):
            sites._stopping.wait(slow.delay)
        if "500" in faults:
            self._send_text(
                500,
                "Internal Server Error\n\nThe application encountered an unexpected error.\n",
                self.command,
                path,
                proxy_form,
                host,
            )
            return
        for kind, status, reason in (
            ("429", 429, "Too Many Requests"),
            ("503-retry-after", 503, "Service Unavailable"),
        ):
            limit = faults.get(kind)
            if limit and sites._count(pid, kind, path, self._query) <= limit.count:
                body = f"<!DOCTYPE html><title>{status} {reason}</title><h1>{reason}</h1><p>Please retry later.</p>\n"
                page = Page(body.encode(), status=status, kind="limited")
                self._send(page, send_body, host, path, proxy_form, {"Retry-After": F.RETRY_AFTER})
                return

        page = site.pages.get(path) or site.pages.get(unquote(path))
        if page is None and "duplicates" in faults and path.endswith("/"):
            variant = site.pages.get(path.rstrip("/"))
            if variant is not None and variant.kind == "course":
                page = variant
        page = page or site.not_found
        canonical_path = path.rstrip("/") if page.kind == "course" and path.endswith("/") else path
        if page.kind == "course":
            self._course(site, faults, page, canonical_path, send_body, host, path, proxy_form)
            return
        if page.kind == "robots" and "robots-disallow" in faults:
            body = F.robots_disallow(page.body, site.provider["site"]["course_path"].values())
            page = replace(page, body=body)
        elif page.kind == "feed" and "broken-xcri" in faults:
            page = replace(page, body=F.break_xcri(page.body))
        elif page.kind == "listing" and "duplicates" in faults:
            page = replace(page, body=F.add_duplicate_links(page.body, _course_paths(site)))
        self._send(page, send_body, host, path, proxy_form)

    def _course(
        self,
        site: Site,
        faults: Faults,
        page: Page,
        course_path: str,
        send_body: bool,
        host: str,
        path: str,
        proxy_form: bool,
    ) -> None:
        if "404" in faults:
            self._send(site.not_found, send_body, host, path, proxy_form)
            return
        if "410" in faults:
            self._send(_gone(), send_body, host, path, proxy_form)
            return
        if "redirect-loop" in faults:
            target = F.redirect_partner(_course_paths(site), course_path)
            body = f'<!DOCTYPE html><title>Found</title><p>Moved to <a href="{escape(target)}">{escape(target)}</a></p>\n'
            page = Page(body.encode(), status=302, kind="redirect", location=target)
            self._send(page, send_body, host, path, proxy_form)
            return
        if huge := faults.get("huge"):
            self._send_huge(page, huge.size, send_body, host, path, proxy_form)
            return
        body = page.body
        if "bad-jsonld" in faults:
            body = F.break_jsonld(body, course_path)
        if "malformed" in faults:
            body = F.malform(body)
        if "cp1252" in faults:
            body = F.to_cp1252(body)
        if body is not page.body:
            page = replace(page, body=body)
        self._send(page, send_body, host, path, proxy_form)

    # --- responses --------------------------------------------------------------------
    def _not_modified(self, page: Page) -> bool:
        if page.status != 200:
            return False
        if_none_match = self.headers.get("If-None-Match")
        if if_none_match:
            return (
                page.etag in {tag.strip() for tag in if_none_match.split(",")}
                or if_none_match.strip() == "*"
            )
        since = self.headers.get("If-Modified-Since")
        if since:
            try:
                return parsedate_to_datetime(since) >= parsedate_to_datetime(LAST_MODIFIED)
            except (TypeError, ValueError):
                return False
        return False

    def _send(
        self,
        page: Page,
        send_body: bool,
        host: str,
        path: str,
        proxy_form: bool,
        headers: dict[str, str] | None = None,
    ) -> None:
        status = 304 if self._not_modified(page) else page.status
        # Log before answering, so a client that has its response also sees the entry.
        self._log(host, path, status, proxy_form)
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if page.location:
            self.send_header("Location", page.location)
        if page.status == 200:
            self.send_header("ETag", page.etag)
            self.send_header("Last-Modified", LAST_MODIFIED)
            # Revalidate every time: exercises the crawler's conditional requests.
            self.send_header("Cache-Control", "no-cache")
        self.send_header("Content-Type", page.content_type)
        body = b"" if status == 304 else page.body
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body and body:
            self.wfile.write(body)

    def _send_huge(
        self, page: Page, size: int, send_body: bool, host: str, path: str, proxy_form: bool
    ) -> None:
        """Stream the padded page: announced with its Content-Length, written piece by piece."""
        self._log(host, path, page.status, proxy_form)
        self.send_response(page.status)
        self.send_header("Content-Type", page.content_type)
        self.send_header("Content-Length", str(F.huge_length(page.body, size)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if not send_body:
            return
        try:
            for piece in F.huge_parts(page.body, size):
                if self.server.sites._stopping.is_set():
                    break
                self.wfile.write(piece)
        except OSError:  # the client gave up (a crawler's size limit): that is the point
            pass
        self.close_connection = True

    def _send_text(
        self, status: int, text: str, method: str, path: str, proxy_form: bool, host: str = ""
    ) -> None:
        body = text.encode("utf-8")
        self._log(host, path, status, proxy_form)
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if method != "HEAD":
            self.wfile.write(body)

    def _log(self, host: str, path: str, status: int, proxy_form: bool) -> None:
        self.server.sites.request_log.append(
            LoggedRequest(
                self.command,
                host,
                path,
                status,
                proxy_form,
                self.headers.get("User-Agent"),
                time.time(),
                getattr(self, "_query", ""),
            )
        )


def _course_paths(site: Site) -> set[str]:
    return {path for path, page in site.pages.items() if page.kind == "course"}


def _gone() -> Page:
    body = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Course withdrawn</title>'
        "</head><body><h1>Gone</h1><p>This course is no longer offered.</p></body></html>\n"
    )
    return Page(body.encode(), status=410, kind="gone")


class SampleSites:
    """The running sample sites. Use `SampleSites.start(...)` as a context manager."""

    def __init__(
        self,
        port: int = 0,
        faults: dict[str, str | Fault | Faults] | None = None,
        host: str = "127.0.0.1",
        sites: dict[str, Site] | None = None,
        verbose: bool = False,
    ):
        self.sites = sites if sites is not None else default_sites()
        self.faults = parse_faults(faults, {s.provider["id"] for s in self.sites.values()})
        self.verbose = verbose
        self.request_log: list[LoggedRequest] = []
        self.bytes_sent = 0  # every byte written to clients (status lines, headers, bodies)
        self._stopping = threading.Event()  # wakes "hang" and "slow" requests on stop()
        self._lock = threading.Lock()
        self._counts: dict[tuple[str, str, str, str], int] = {}  # 429 / 503-retry-after
        self._resets: set[int] = set()  # ids of sockets to close with an RST
        self._hidden: dict[tuple[str, int], Site] = {}  # "hide:N" renderings
        self._server = _Server((host, port), _Handler)
        self._server.sites = self
        self._thread: threading.Thread | None = None

    @classmethod
    def start(
        cls, port: int = 0, faults: dict[str, str | Fault | Faults] | None = None, **kwargs: Any
    ) -> SampleSites:
        """Serve in a background thread on `port` (0: a free loopback port)."""
        sites = cls(port=port, faults=faults, **kwargs)
        # A short poll interval makes stop() (server.shutdown) return quickly in tests.
        sites._thread = threading.Thread(
            target=sites._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="samplesites",
            daemon=True,
        )
        sites._thread.start()
        return sites

    def serve_forever(self) -> None:
        """Serve in the calling thread until interrupted (the CLI's `sites serve`)."""
        try:
            self._server.serve_forever()
        finally:
            self._server.server_close()

    def stop(self) -> None:
        self._stopping.set()
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join(timeout=5)
            self._thread = None
        self._server.server_close()

    def __enter__(self) -> SampleSites:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- what clients need ------------------------------------------------------------
    @property
    def port(self) -> int:
        return self._server.server_address[1]

    @property
    def proxy_url(self) -> str:
        return f"http://{self._server.server_address[0]}:{self.port}"

    def crawl_env(self, base: Mapping[str, str] | None = None, **extra: str) -> dict[str, str]:
        """The environment for a crawl process that reaches these sites: `base` (default:
        this process's) with our proxy as `http_proxy`, loopback exempt, and any other
        proxy setting removed so it cannot take precedence."""
        env = {
            k: v
            for k, v in (os.environ if base is None else base).items()
            if k.lower() not in ("http_proxy", "no_proxy")
        }
        env.update(http_proxy=self.proxy_url, no_proxy="127.0.0.1,localhost", **extra)
        return env

    @property
    def providers(self) -> list[dict[str, Any]]:
        return [site.provider for site in self.sites.values()]

    def site(self, provider_id: str) -> Site:
        for site in self.sites.values():
            if site.provider["id"] == provider_id:
                return site
        raise KeyError(provider_id)

    def start_urls(self, provider_id: str) -> list[str]:
        """Website root, sitemap and (for XCRI providers) the feed: where a crawl begins."""
        site = self.site(provider_id)
        root = site.provider["website"]
        urls = [root + "/", root + "/sitemap.xml"]
        if site.shape == XCRI:
            urls.append(root + FEED_PATH)
        return urls

    def set_fault(self, provider_id: str, fault: str | Fault | Faults | None) -> None:
        """Make a provider misbehave (or behave again, with None) while serving.

        `fault` may name several faults ("429,cp1252"). Setting it restarts the provider's
        429 / 503-retry-after counts, so each URL is limited afresh.
        """
        self.site(provider_id)
        with self._lock:
            self._counts = {k: v for k, v in self._counts.items() if k[0] != provider_id}
        if fault is None:
            self.faults.pop(provider_id, None)
        else:
            self.faults[provider_id] = Faults.parse(fault)

    def fault_notes(self, provider_id: str) -> list[str]:
        """Why a set fault does nothing for this provider (bad-jsonld on a non-JSON-LD site...)."""
        faults = self.faults.get(provider_id)
        return faults.notes(self.site(provider_id).shape) if faults else []

    # --- fault bookkeeping (called from handler threads) --------------------------------
    def _count(self, provider_id: str, kind: str, path: str, query: str) -> int:
        """How many requests (this one included) the URL has had under this fault."""
        key = (provider_id, kind, path, query)
        with self._lock:
            self._counts[key] = self._counts.get(key, 0) + 1
            return self._counts[key]

    def _without_last(self, site: Site, count: int) -> Site:
        """The site re-rendered without its last `count` courses (by course id), cached."""
        pid = site.provider["id"]
        with self._lock:
            hidden = self._hidden.get((pid, count))
            if hidden is None:
                courses = sorted(load_devset().courses_of(pid), key=lambda c: c.id)
                hidden = render_site(site.provider, courses[: max(0, len(courses) - count)])
                self._hidden[(pid, count)] = hidden
            return hidden

    def hidden_courses(self, provider_id: str) -> list[str]:
        """Course ids (= course codes) the "hide" fault currently takes off the site."""
        faults = self.faults.get(provider_id)
        hide = faults.get("hide") if faults else None
        if hide is None:
            return []
        ids = sorted(c.id for c in load_devset().courses_of(provider_id))
        return ids[max(0, len(ids) - hide.count) :]

    def _mark_reset(self, sock: socket.socket) -> None:
        with self._lock:
            self._resets.add(id(sock))

    def _take_reset(self, sock: socket.socket) -> bool:
        with self._lock:
            if id(sock) in self._resets:
                self._resets.discard(id(sock))
                return True
            return False

    def directory_page(self) -> Page:
        rows = "\n".join(
            f'<li><a href="http://{escape(host.removesuffix(".example"))}.localhost:{self.port}/">{escape(host)}</a>'
            f" ({escape(site.provider['name_en'])}, {escape(site.shape)})</li>"
            for host, site in sorted(self.sites.items())
        )
        html = (
            "<!DOCTYPE html><html lang=en><meta charset=utf-8><title>Sample provider sites</title>"
            f"<h1>Sample provider sites</h1><p>Use this server as an HTTP proxy: "
            f"<code>curl -x {self.proxy_url} http://coleg-dyfi.example/</code>, or browse "
            f"<code>http://&lt;provider-id&gt;.localhost:{self.port}/</code>.</p><ul>{rows}</ul>"
        )
        return Page(html.encode("utf-8"), kind="directory")
