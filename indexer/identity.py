"""Stable course ids: re-crawling a course updates it, never duplicates it.

The one home of the rule, used by the normaliser (Course.id) and by the loader (which
merges the same course seen on two pages, or on a page and a feed).
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_UNSAFE = re.compile(r"[^A-Za-z0-9._~-]+")
_TRACKING = ("utm_", "fbclid", "gclid", "mc_", "_ga")


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, no fragment, no tracking parameters, no trailing slash."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip()
    query = urlencode(
        sorted((k, v) for k, v in parse_qsl(parts.query) if not k.lower().startswith(_TRACKING))
    )
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, query, ""))


def course_id(
    provider_id: str | None, course_code: str | None, url: str | None, fallback: str = ""
) -> str:
    """`<provider>:<course code>`, else `<provider>:u<hash of the canonical URL>`.

    Codes are made URL-safe (the id is a path segment of the course page and the API) but
    keep their case, since providers' codes are case-sensitive identifiers. With neither a
    code nor a URL, `fallback` (e.g. the titles) keeps the id stable across crawls.
    """
    provider = (provider_id or "").strip() or "unknown"
    code = _UNSAFE.sub("-", (course_code or "").strip()).strip("-")
    if code:
        return f"{provider}:{code}"
    basis = canonical_url(url) if url and url.strip() else f"{provider}|{fallback}"
    return f"{provider}:u{hashlib.sha1(basis.encode('utf-8')).hexdigest()[:16]}"
