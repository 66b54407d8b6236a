"""Providers: the list under /<lang>/providers and each provider's view of its own listings.

Everything here is read from the catalogue DB (the truth): every listing as the portal
shows it with what could not be read, raw beside normalised, crawl history and a CSV in
the common schema. "How it ranks" asks the search engine, as a learner's search would.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask import Blueprint, abort, current_app, g, make_response, render_template, request
from flask.typing import ResponseReturnValue
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from indexer import models
from indexer.catalogue import course_from_row
from indexer.db import session_scope
from indexer.search.facets import SIZES as FACET_SIZES
from indexer.search.models import MAX_QUERY_CHARS, PER_PAGE, EngineUnavailable, SearchParams
from indexer.search.service import search
from portal.catalogue import read_providers
from portal.config import settings_for
from portal.contexts.content import pick
from portal.contexts.export import course_row, to_csv
from portal.contexts.provider_report import listing_rows, raw_rows, run_rows, warnings_context, when
from portal.contexts.providers import providers_context
from portal.contexts.shortlist import dates_passed
from portal.extensions import get_engine
from portal.i18n import add_language_prefix, current_language
from portal.params import clean_query

bp = Blueprint("providers", __name__, url_prefix="/<lang:lang_code>/providers")
add_language_prefix(bp)

RANK_DEPTH = 100  # how far down the results "how it ranks" looks
TITLE_CHECKS = 50  # courses checked against a search for their own title
RUNS_SHOWN = 20


class CatalogueUnavailable(RuntimeError):
    """The catalogue DB cannot be read; shown as a 503 like an engine failure."""


@contextmanager
def catalogue() -> Iterator[Session]:
    try:
        with session_scope(settings_for(current_app)) as db:
            yield db
    except SQLAlchemyError as exc:
        current_app.logger.warning("providers: catalogue unavailable: %s", exc)
        raise CatalogueUnavailable(str(exc)) from exc


@bp.get("/")
def index() -> ResponseReturnValue:
    lang = current_language()
    try:
        providers = read_providers(current_app)
    except SQLAlchemyError as exc:
        current_app.logger.warning("providers list: catalogue unavailable: %s", exc)
        raise CatalogueUnavailable(str(exc)) from exc
    found = searchable_counts(lang)
    if found is not None:  # the figure must be what the link to the search shows
        counts, complete = found
        providers = [
            {**p, "courses": counts.get(p["id"], 0 if complete else p["courses"])}
            for p in providers
        ]
    return render_template("public/providers.html", providers=providers_context(providers, lang))


def searchable_counts(lang: str) -> tuple[dict[str, int], bool] | None:
    """Provider id -> courses a learner finds (past-only courses and duplicates left out).

    The catalogue counts every active listing, more than the search shows. Providers
    missing from a full facet (it keeps only the largest) keep their catalogue count;
    Returns (counts, whether every provider with a course is in them), or None when the
    engine cannot answer.
    """
    try:
        page = search(get_engine(), SearchParams(lang=lang, per_page=1, facets=("provider",)))
    except EngineUnavailable:
        current_app.logger.warning("providers list: engine unavailable, catalogue counts shown")
        return None
    buckets = page.facets.get("provider", [])
    return {b.value: b.count for b in buckets}, len(buckets) < FACET_SIZES["provider"]


def load_provider(db: Session, provider_id: str) -> dict[str, Any]:
    row = db.get(models.Provider, provider_id) if len(provider_id) <= 100 else None
    if row is None:
        g.not_found_kind = "provider"
        abort(404)
    lang = current_language()
    names = {"en": row.name_en, "cy": row.name_cy}
    return {
        "id": row.id,
        "name": pick(names, lang) or {"text": row.id, "lang": lang, "foreign": False},
        "website": row.website,
    }


def provider_courses(db: Session, provider_id: str) -> list[dict[str, Any]]:
    rows = db.scalars(
        select(models.Course)
        .where(models.Course.provider_id == provider_id)
        .order_by(models.Course.id)
    )
    return [course_from_row(row).model_dump(mode="json") for row in rows]


@bp.get("/<provider_id>/")
def report(provider_id: str) -> ResponseReturnValue:
    lang = current_language()
    with catalogue() as db:
        provider = load_provider(db, provider_id)
        courses = provider_courses(db, provider_id)
        raw_urls = dict(
            db.execute(
                select(models.RawListing.course_id, models.RawListing.url).where(
                    models.RawListing.provider_id == provider_id
                )
            ).all()
        )
        runs = db.scalars(
            select(models.CrawlRun)
            .where(models.CrawlRun.provider_id == provider_id)
            .order_by(models.CrawlRun.started_at.desc(), models.CrawlRun.id.desc())
            .limit(RUNS_SHOWN)
        ).all()
        run_list = run_rows(runs, lang)
    listings = listing_rows(courses, raw_urls, lang, dt.date.today())
    return render_template(
        "providers/report.html",
        p=provider,
        listings=listings,
        runs=run_list,
        active=sum(1 for row in listings if not row["withdrawn"]),
    )


@bp.get("/<provider_id>/courses/<path:course_id>")
def listing(provider_id: str, course_id: str) -> ResponseReturnValue:
    lang = current_language()
    with catalogue() as db:
        provider = load_provider(db, provider_id)
        row = db.get(models.Course, course_id) if len(course_id) <= 200 else None
        if row is None or row.provider_id != provider_id:
            abort(404)
        course = course_from_row(row).model_dump(mode="json")
        raw = db.get(models.RawListing, course_id)
        raw_data = dict(raw.data) if raw else {}
        provenance = {
            "url": (raw.url if raw else None) or course.get("url"),
            "extractor": (raw.extractor if raw else None)
            or (course.get("source") or {}).get("extractor"),
            "fetched": when(raw.fetched_at if raw else None, lang),
            "first_seen": when(row.first_seen, lang),
            "last_seen": when(row.last_seen, lang),
            "last_changed": when(row.last_changed, lang),
            "withdrawn": when(row.withdrawn_at, lang) if row.status == "withdrawn" else None,
        }
    today = dt.date.today()
    detail = listing_rows([course], {course_id: provenance["url"]}, lang, today)[0]
    return render_template(
        "providers/listing.html",
        p=provider,
        row=detail,
        raw_found=raw is not None,
        fields=raw_rows(raw_data, course, lang, today),
        source=provenance,
        warnings=warnings_context(course, lang),
    )


def _explain_lines(explain: Any, depth: int = 0, limit: int = 6) -> list[str]:
    """Why a result scored what it did, as short lines ("2.31 – title.en:python").

    The search service summarises the engine's explanation (score and largest parts);
    a raw explanation tree (older service) is read from its top levels instead.
    """
    reasons = getattr(explain, "reasons", None)
    if reasons is not None:
        return [f"{value:.3g} – {what}" for what, value in list(reasons)[:limit]]
    lines: list[str] = []
    if not isinstance(explain, dict) or depth > 2:
        return lines
    description = str(explain.get("description", ""))[:200]
    value = explain.get("value")
    if description:
        lines.append(
            f"{value:.3g} – {description}" if isinstance(value, (int, float)) else description
        )
    for detail in explain.get("details") or []:
        if len(lines) >= limit:
            break
        lines.extend(_explain_lines(detail, depth + 1, limit - len(lines)))
    return lines[:limit]


@bp.get("/<provider_id>/ranking")
def ranking(provider_id: str) -> ResponseReturnValue:
    lang = current_language()
    q = clean_query(request.args.get("q"))[:MAX_QUERY_CHARS]
    with catalogue() as db:
        provider = load_provider(db, provider_id)
        courses = [
            c
            for c in provider_courses(db, provider_id)
            if (c.get("source") or {}).get("status") != "withdrawn"
        ]
    titles = {
        c["id"]: pick(c.get("title"), lang) or {"text": c["id"], "lang": lang} for c in courses
    }
    engine = get_engine()
    positions: list[dict[str, Any]] = []
    total = None
    if q:
        page = search(
            engine,
            SearchParams(q=q, lang=lang, per_page=RANK_DEPTH, explain=True, facets=()),
        )
        total = page.total
        for n, doc in enumerate(page.results, start=1):
            if doc.get("provider_id") == provider_id:
                positions.append(
                    {
                        "position": n,
                        "page": (n - 1) // PER_PAGE + 1,
                        "id": doc["id"],
                        "title": titles.get(doc["id"]) or pick(doc.get("title"), lang),
                        "score": f"{doc['_score']:.3g}" if doc.get("_score") is not None else "",
                        "why": _explain_lines(doc.get("_explain")),
                    }
                )
        found = {p["id"] for p in positions}
        missing = [{"id": cid, "title": titles[cid]} for cid in titles if cid not in found]
    else:
        missing = []
    unseen = []
    today = dt.date.today()
    for course in courses[:TITLE_CHECKS]:
        title = titles[course["id"]]["text"]
        own = search(
            engine, SearchParams(q=title[:MAX_QUERY_CHARS], lang=lang, per_page=PER_PAGE, facets=())
        )
        if course["id"] not in {doc["id"] for doc in own.results}:
            unseen.append(
                {
                    "id": course["id"],
                    "title": titles[course["id"]],
                    "past": dates_passed(course, today),
                }
            )
    return render_template(
        "providers/ranking.html",
        p=provider,
        q=q,
        total=total,
        positions=positions,
        missing=missing,
        unseen=unseen,
        depth=RANK_DEPTH,
        checked=min(len(courses), TITLE_CHECKS),
    )


@bp.get("/<provider_id>/listings.csv")
def listings_csv(provider_id: str) -> ResponseReturnValue:
    with catalogue() as db:
        load_provider(db, provider_id)
        rows = [course_row(c) for c in provider_courses(db, provider_id)]
    response = make_response(to_csv(rows))
    response.mimetype = "text/csv"
    response.charset = "utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="{provider_id}-listings.csv"'
    return response
