"""Stable course ids: provider id + course code, else a hash of the canonical URL."""

from __future__ import annotations

import hashlib
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from indexer.normalise.text import clean

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
    """`provider:code` when the code is known, else `provider:u<sha1(canonical url)[:16]>`."""
    provider = clean(provider_id) or "unknown"
    code = clean(course_code)
    if code:
        return f"{provider}:{code}"
    basis = canonical_url(url) if clean(url) else f"{provider}|{fallback}"
    return f"{provider}:u{hashlib.sha1(basis.encode('utf-8')).hexdigest()[:16]}"
