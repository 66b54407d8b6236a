"""How the indexer and the portal reach the search engine (DESIGN.md, decisions 1 and 5).

With no `OPENSEARCH_URL` the bundled osmem-server is started on a free loopback port and
stopped when the process ends; otherwise we connect to the URL, whose path names the alias
(warehouse style: `http://localhost:9200/courses` -> alias `courses`).
"""

from __future__ import annotations

import atexit
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from opensearchpy import OpenSearch

from indexer.config import DEFAULT_ALIAS, Settings

# Short timeouts and no retries: a dead engine must turn into a 503 page quickly, not hang a
# request thread (the portal tries again on the next request).
TIMEOUT_SECONDS = 10
MAX_RETRIES = 1


def split_url(url: str) -> tuple[str, str]:
    """Split an engine URL into (host URL, alias); the path is the alias name."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"OPENSEARCH_URL must look like http://host:9200/alias, got {url!r}")
    alias = parts.path.strip("/") or DEFAULT_ALIAS
    if "/" in alias or alias.startswith((".", "_", "-")):
        raise ValueError(f"OPENSEARCH_URL path must be a plain alias name, got {alias!r}")
    return f"{parts.scheme}://{parts.netloc}", alias


@dataclass
class Engine:
    """A client bound to the alias it searches, plus the embedded server it may own."""

    client: OpenSearch
    alias: str
    url: str
    embedded: bool = False
    _server: Any = field(default=None, repr=False)

    @classmethod
    def connect(cls, url: str, alias: str = DEFAULT_ALIAS) -> Engine:
        """Connect to a running engine at `url` (a bare host URL; any path is ignored)."""
        host, _ = split_url(url)
        client = OpenSearch(
            hosts=[host],
            timeout=TIMEOUT_SECONDS,
            max_retries=MAX_RETRIES,
            retry_on_timeout=False,
        )
        return cls(client=client, alias=alias, url=host)

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> Engine:
        """The engine the configuration asks for: a remote URL, or the bundled osmem-server."""
        settings = settings or Settings.from_env()
        if settings.opensearch_url:
            host, alias = split_url(settings.opensearch_url)
            return cls.connect(host, alias)
        return cls.start_embedded()

    @classmethod
    def start_embedded(cls, alias: str = DEFAULT_ALIAS) -> Engine:
        """Start osmem-server on a free loopback port; it stops with close() or at exit."""
        from osmem_server import OsmemServer  # only embedded mode needs the binary

        # japanese=False: we never analyse Japanese, and it saves start-up memory.
        server = OsmemServer.start(japanese=False)
        engine = cls.connect(server.url, alias)
        engine.embedded = True
        engine._server = server
        atexit.register(engine.close)
        return engine

    def close(self) -> None:
        """Close the connection pool and stop the embedded server, if we started one."""
        self.client.close()
        if self._server is not None:
            self._server.close()
            self._server = None

    def ping(self) -> bool:
        """Whether the engine answers; never raises."""
        try:
            return bool(self.client.ping())
        except Exception:  # ping is a health check: any failure just means "no"
            return False

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
