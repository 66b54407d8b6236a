"""Apply one provider's crawl to the catalogue: upsert, re-normalise what changed, withdraw with care.

A course is withdrawn only after it is missing from WITHDRAW_AFTER consecutive successful
crawls of its provider (DESIGN.md, decision 4). A failed or partial crawl, or an "ok" crawl
that found nothing at all (a redesigned site looks exactly like that), never counts.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from indexer import models
from indexer.config import Settings
from indexer.crawlreport import CrawlReport
from indexer.db import session_scope
from indexer.identity import course_id
from indexer.normalise.course import normalise_listing
from indexer.schema import RAW_TEXT_FIELDS, ProviderRef, RawListing

WITHDRAW_AFTER = 3
log = logging.getLogger(__name__)
# Fields that make up a listing's meaning; provenance (fetch time, page hash) is left out so
# that a re-crawl of an unchanged course costs no normalisation and no re-index.
_MEANING_FIELDS = (
    *RAW_TEXT_FIELDS,
    "keywords",
    "keywords_cy",
    "entry_requirements",
    "assessment",
    "awarding_body",
    "deadline_text",
    "url",
    "url_cy",
    "course_code",
)


def listing_hash(raw: RawListing) -> str:
    meaning = {name: getattr(raw, name) for name in _MEANING_FIELDS}
    return hashlib.sha256(json.dumps(meaning, sort_keys=True).encode()).hexdigest()


def _parse_time(value: str | None) -> datetime:
    if value:
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
        except ValueError:
            pass
    return datetime.now(UTC)


def upsert_provider(session: Session, provider: ProviderRef) -> models.Provider:
    row = session.get(models.Provider, provider.id)
    if row is None:
        row = models.Provider(id=provider.id, name_en=provider.name.en or provider.id)
        session.add(row)
    row.name_en = provider.name.en or provider.id
    row.name_cy = provider.name.cy
    row.type = provider.type
    row.nation = provider.nation
    row.website = provider.website
    return row


def merge_duplicates(listings: Iterable[RawListing]) -> dict[str, RawListing]:
    """One listing per course id: the same course seen on two pages (or a page and a feed)."""
    merged: dict[str, RawListing] = {}
    for raw in listings:
        cid = course_id(raw.provider_id or "", raw.course_code, raw.url)
        if cid not in merged:
            merged[cid] = raw
            continue
        first = merged[cid]
        # keep the first page's values, fill what it lacked from the later one
        fill = {
            k: v
            for k, v in raw.model_dump().items()
            if v not in (None, [], "") and getattr(first, k) in (None, [], "")
        }
        merged[cid] = first.model_copy(update=fill)
    return merged


def _course_data(
    raw: RawListing, provider: ProviderRef, row: models.Course | None, now: datetime
) -> dict[str, Any]:
    reference = _parse_time(raw.fetched_at).date() if raw.fetched_at else date.today()
    course = normalise_listing(raw, today=reference)
    course.provider = provider
    course.provider_id = provider.id
    course.source.extractor = raw.extractor
    course.source.fetched_at = raw.fetched_at
    course.source.content_hash = raw.content_hash
    course.source.first_seen = (row.first_seen if row else now).isoformat()
    course.source.last_seen = now.isoformat()
    course.source.status = "active"
    return course.model_dump(mode="json")


def apply_crawl(
    session: Session,
    provider: ProviderRef,
    report: CrawlReport,
    listings: Iterable[RawListing],
    touched: dict[str, list[str]] | None = None,
) -> models.CrawlRun:
    """Apply the crawl; `touched`, when given, collects the "changed" and "withdrawn" ids."""
    touched = touched if touched is not None else {}
    changed_ids = touched.setdefault("changed", [])
    withdrawn_ids = touched.setdefault("withdrawn", [])
    upsert_provider(session, provider)
    session.flush()  # no ORM relationships, so the provider row must exist before its run
    now = _parse_time(report.finished_at or report.started_at)
    run = models.CrawlRun(
        provider_id=provider.id,
        started_at=_parse_time(report.started_at),
        finished_at=_parse_time(report.finished_at) if report.finished_at else None,
        status=report.status,
        pages_fetched=report.pages_fetched,
        bytes_fetched=report.bytes_fetched,
        not_modified=report.not_modified,
        listings_found=report.listings_found,
        new=0,
        changed=0,
        unchanged=0,
        withdrawn=0,
        errors=[{"url": e.url, "reason": e.reason} for e in report.errors],
    )
    session.add(run)
    session.flush()

    found = merge_duplicates(
        raw.model_copy(update={"provider_id": provider.id}) for raw in listings
    )
    existing = {
        row.id: row
        for row in session.scalars(
            select(models.Course).where(models.Course.provider_id == provider.id)
        )
    }
    for cid, raw in found.items():
        digest = listing_hash(raw)
        row = existing.get(cid)
        if row is not None and row.listing_hash == digest and row.status == "active":
            run.unchanged += 1
            data = dict(row.data)
            data["source"] = {
                **data.get("source", {}),
                "fetched_at": raw.fetched_at,
                "last_seen": now.isoformat(),
            }
            row.data = data
        else:
            data = _course_data(raw, provider, row, now)
            data["id"] = cid
            if row is None:
                run.new += 1
                row = models.Course(id=cid, provider_id=provider.id, first_seen=now)
                session.add(row)
            else:
                run.changed += 1
            row.data = data
            row.listing_hash = digest
            row.last_changed = now
            row.status = "active"
            row.withdrawn_at = None
            changed_ids.append(cid)
        row.last_seen = now
        row.missed_runs = 0
        _store_raw(session, cid, raw, run)

    if report.status == "ok" and found:
        for cid, row in existing.items():
            if cid in found or row.status != "active":
                continue
            row.missed_runs += 1
            if row.missed_runs >= WITHDRAW_AFTER:
                row.status = "withdrawn"
                row.withdrawn_at = now
                row.data = {
                    **row.data,
                    "source": {**row.data.get("source", {}), "status": "withdrawn"},
                }
                run.withdrawn += 1
                withdrawn_ids.append(cid)
    return run


def _store_raw(session: Session, cid: str, raw: RawListing, run: models.CrawlRun) -> None:
    row = session.get(models.RawListing, cid)
    if row is None:
        row = models.RawListing(course_id=cid, provider_id=run.provider_id)
        session.add(row)
    row.url = raw.url
    row.extractor = raw.extractor
    row.fetched_at = raw.fetched_at
    row.content_hash = raw.content_hash
    row.run_id = run.id
    row.data = raw.model_dump(mode="json", exclude_none=True)


def ingest_crawl(
    provider: ProviderRef,
    report: CrawlReport,
    listings: list[RawListing],
    *,
    settings: Settings | None = None,
) -> dict[str, Any]:
    """Store one crawl run and its listings in one transaction; return the run's counts.

    With a real engine configured (OPENSEARCH_URL) the run's new, changed and withdrawn
    courses then go straight into the live index. If that fails the catalogue is still
    right, and the next `coursefinder reindex` brings the index level with it.
    """
    settings = settings or Settings.from_env()
    touched: dict[str, list[str]] = {}
    with session_scope(settings) as session:
        run = apply_crawl(session, provider, report, listings, touched)
        counts: dict[str, Any] = {
            "run_id": run.id,
            "status": run.status,
            "new": run.new,
            "changed": run.changed,
            "unchanged": run.unchanged,
            "withdrawn": run.withdrawn,
        }
    if settings.opensearch_url and (touched["changed"] or touched["withdrawn"]):
        counts["indexed"] = update_live_index(settings, touched["changed"], touched["withdrawn"])
    return counts


def update_live_index(settings: Settings, changed: list[str], withdrawn: list[str]) -> bool:
    """Push changed courses to the live index; never fails the crawl (the DB is the truth)."""
    from indexer.catalogue import get_course
    from indexer.search.client import Engine
    from indexer.search.incremental import apply_changes

    try:
        with session_scope(settings) as session:
            courses = [c for c in (get_course(session, cid) for cid in changed) if c]
        with Engine.from_settings(settings) as engine:
            apply_changes(engine, courses, withdrawn)
        return True
    except Exception as exc:  # engine down, no live index yet: the next reindex catches up
        log.warning("live index not updated (%s); run `coursefinder reindex`", exc)
        return False
