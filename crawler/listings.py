"""From extractions to RawListing items with provenance, and the EN/CY merge.

Shared by the spider and `coursefinder extract`, so a saved page gives exactly what a
crawl of the same page would. A Welsh page and its English counterpart are two halves
of one listing: `merge` joins them (title_en from one, title_cy from the other).
"""

from __future__ import annotations

import hashlib
from dataclasses import fields as dc_fields
from datetime import UTC, datetime
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from crawler.extractors.chain import extract
from crawler.extractors.page import Page
from crawler.items import RawListing
from crawler.providers import ProviderConfig

_FIELDS = {f.name for f in dc_fields(RawListing)}


def utc_now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def alternates(page: Page, config: ProviderConfig | None) -> dict[str, str]:
    """The page's language versions {"en": url, "cy": url} by the provider's convention:
    hreflang links (default), a URL prefix swap (/en/ <-> /cy/), or a query parameter
    (?lang=cy, the English page having none or lang=en)."""
    mode = config.language_alternates if config is not None else "hreflang"
    if mode == "hreflang":
        return page.alternates()
    if config is None or mode == "none":
        return {}
    patterns = config.url_patterns
    if mode == "url_pattern" and patterns.en and patterns.cy:
        for mine, theirs, lang in (
            (patterns.en, patterns.cy, "cy"),
            (patterns.cy, patterns.en, "en"),
        ):
            if mine in page.url:
                return {lang: page.url.replace(mine, theirs, 1), page.lang: page.url}
        return {}
    if mode == "query":
        param = patterns.query or "lang"
        parts = urlsplit(page.url)
        query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != param]
        english = urlunsplit(parts._replace(query=urlencode(query)))
        welsh = urlunsplit(parts._replace(query=urlencode([*query, (param, "cy")])))
        return {"en": english, "cy": welsh}
    return {}


def page_listings(
    page: Page,
    config: ProviderConfig | None,
    *,
    fetched_at: str | None = None,
    heuristic: bool = True,
) -> list[RawListing]:
    """Every listing on `page`, with provenance; provider fields when `config` is known."""
    fetched_at = fetched_at or utc_now()
    body_hash = sha256(page.body)
    pair = alternates(page, config)
    here = page.canonical()  # a tracking-parameter or trailing-slash copy names its original
    out = []
    for found in extract(page, config, heuristic=heuristic):
        values = {k: v for k, v in found.fields.items() if k in _FIELDS}
        item = RawListing(**values)
        if not page.is_xml_feed:
            # The English page is the canonical URL when there is one (devset convention).
            if page.lang == "cy":
                item.url_cy = here
                item.url = pair.get("en") or here
            else:
                item.url = here
                item.url_cy = pair.get("cy")
        item.url = item.url or here
        item.fetched_at = fetched_at
        item.content_hash = item.content_hash or body_hash
        item.extractor = found.extractor
        if config is not None:
            item.provider_id = config.id
            item.provider_nation = config.nation
            item.provider_type = config.type
        out.append(item)
    return out


def listing_keys(item: RawListing) -> list[str]:
    """Keys under which two halves of one course meet: its code, else its canonical URL."""
    keys = []
    if item.course_code:
        keys.append(f"{item.provider_id}:code:{item.course_code}")
    if item.url:
        keys.append(f"{item.provider_id}:url:{item.url}")
    return keys


def merge(into: RawListing, other: RawListing) -> RawListing:
    """Fill `into`'s gaps from `other`, in place. Both hashes count towards the new one."""
    for name in _FIELDS - {"content_hash", "fetched_at", "extractor"}:
        mine, theirs = getattr(into, name), getattr(other, name)
        if isinstance(mine, list):
            setattr(into, name, list(dict.fromkeys([*mine, *(theirs or [])])))
        elif mine in (None, "") and theirs not in (None, ""):
            setattr(into, name, theirs)
    if other.content_hash and other.content_hash != into.content_hash:
        pair = sorted(h for h in (into.content_hash, other.content_hash) if h)
        into.content_hash = sha256("+".join(pair).encode())
    if other.fetched_at and (into.fetched_at or "") < other.fetched_at:
        into.fetched_at = other.fetched_at
    if other.extractor and into.extractor and other.extractor not in into.extractor.split("+"):
        into.extractor = f"{into.extractor}+{other.extractor}"
    return into


def merge_all(items: list[RawListing]) -> list[RawListing]:
    """Merge halves of the same course across a list (used by `extract` on several files)."""
    seen: dict[str, RawListing] = {}
    out: list[RawListing] = []
    for item in items:
        target = next((seen[k] for k in listing_keys(item) if k in seen), None)
        if target is None:
            out.append(item)
            target = item
        else:
            merge(target, item)
        for key in listing_keys(target):
            seen.setdefault(key, target)
    return out
