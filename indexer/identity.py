"""Stable course ids: re-crawling a course updates it, never duplicates it."""

from __future__ import annotations

import hashlib
import re

from w3lib.url import canonicalize_url

_UNSAFE = re.compile(r"[^A-Za-z0-9._~-]+")


def course_id(provider_id: str, course_code: str | None, url: str | None) -> str:
    """`<provider>:<course code>`, else `<provider>:u<hash of the canonical URL>`.

    Codes are made URL-safe (the id is a path segment of the course page and the API) but
    keep their case, since providers' codes are case-sensitive identifiers.
    """
    if course_code and course_code.strip():
        code = _UNSAFE.sub("-", course_code.strip()).strip("-")
        if code:
            return f"{provider_id}:{code}"
    canonical = canonicalize_url(url or "", keep_fragments=False)
    return f"{provider_id}:u{hashlib.sha1(canonical.encode()).hexdigest()[:16]}"
