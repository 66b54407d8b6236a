"""What the portal calls: search, one course, autocomplete.

Engine failures the portal cannot fix (connection refused, timeout, no live index) become
EngineUnavailable, which the portal answers with a 503 page.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from opensearchpy.exceptions import ConnectionError as TransportConnectionError
from opensearchpy.exceptions import NotFoundError, TransportError

from indexer.search.cache import COUNTS, PAGES, cache_key
from indexer.search.client import Engine
from indexer.search.facets import AGG_PREFIX, FacetAggregator, terms, wanted_facets
from indexer.search.models import EngineUnavailable, SearchPage, SearchParams
from indexer.search.queries import CourseSearch, build_search
from indexer.search.related import related_body
from indexer.search.relaxing import best_relaxation
from indexer.search.results import dedupe, is_weak, parse_response, public, result_document
from indexer.search.spelling import corrected_free_text, suggest_body, suggestion
from indexer.search.vocabulary import query_vocabulary

SUGGESTIONS = 8
MIN_PREFIX = 2  # shorter prefixes expand to too many words to be useful
MAX_PREFIX_WORDS = 5
WORD = re.compile(r"\w+", re.UNICODE)


@contextmanager
def engine_errors(engine: Engine) -> Iterator[None]:
    """Translate transport failures into EngineUnavailable (ConnectionTimeout included)."""
    try:
        yield
    except TransportConnectionError as exc:
        raise EngineUnavailable(f"search engine at {engine.url} unreachable: {exc}") from exc
    except NotFoundError as exc:
        raise EngineUnavailable(f"no live index behind alias {engine.alias!r}: {exc}") from exc
    except TransportError as exc:
        if isinstance(exc.status_code, int) and exc.status_code >= 500:
            raise EngineUnavailable(f"search engine error: {exc}") from exc
        raise  # a 4xx means we built a bad request: a bug to see, not an outage


def search(engine: Engine, params: SearchParams, *, today: dt.date | None = None) -> SearchPage:
    """Run one search and return the page of results with its facets.

    `today` decides which month "starting in January" means (default: today). Answers
    are cached briefly per live index (see cache.py); on zero or weak results a second,
    small request asks for a spelling correction, on zero results a few counts find the
    filter whose removal helps most, and a first page that is not full is followed by
    related courses (related.py).
    """
    with engine_errors(engine):
        key = cache_key(engine, params, today)
        hit = PAGES.get(key)
        if hit is not None:
            hit.cached = True
            return hit
        index = str(key[1]) if key else None
        places, associations = query_vocabulary(engine, index, params)
        built = build_search(params, places=places, today=today, associations=associations)
        known = shared_counts(engine, index, built, params)
        response = main_request(engine, built.to_dict())
        for name, buckets in known.items():
            response.setdefault("aggregations", {})[name] = {"buckets": buckets}
        page = parse_response(response, built, params)
        if is_weak(response, built) and params.page == 1:
            page.suggestion = spelling_suggestion(engine, built)
        if page.total == 0:
            page.relax = best_relaxation(engine, params, places, today, associations)
        if params.related and params.page == 1 and page.total < built.size:
            page.related = related_courses(engine, built, params, page)
    page.results = [public(doc) for doc in page.results]
    page.related = [public(doc) for doc in page.related]
    PAGES.put(key, page)
    return page


def main_request(engine: Engine, body: dict[str, Any]) -> dict[str, Any]:
    """The search itself. Asked to explain, osmem-server 0.1.6 fails on some clauses (a
    `range`, e.g. "under 20 hours"): the results are then fetched without explanations,
    so the debug view still shows them, unexplained, rather than an outage."""
    try:
        return engine.client.search(index=engine.alias, body=body)
    except TransportError:
        if not body.get("explain"):
            raise
    return engine.client.search(index=engine.alias, body={**body, "explain": False})


def shared_counts(
    engine: Engine, index: str | None, built: CourseSearch, params: SearchParams
) -> dict[str, list[dict[str, Any]]]:
    """Browsing (no free text) with facet values chosen, e.g. a subject link: a chosen
    facet's counts depend on the *other* choices only, not on its own value, so they come
    from COUNTS (small size-0 requests, one msearch for those not cached, then shared by
    every value of that facet), and the choices move from post_filter into the query, so
    the hits and the other facets' counts scan the chosen courses, not the whole index.

    Returns {aggregation name: raw buckets} to merge into the response."""
    if built.ranked or not built.facet_filters or index is None:
        return {}
    chosen = list(built.facet_filters)
    if not set(chosen) <= set(wanted_facets(params)):
        return {}
    base = built.query()
    found: dict[str, list[dict[str, Any]]] = {}
    missing: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []
    for facet in chosen:
        others = built.facet_filter(exclude=facet)
        query = base if others is None else {"bool": {"filter": [base, others]}}
        key = (engine.url, index, facet, json.dumps(query, sort_keys=True))
        buckets = COUNTS.get(key)
        if buckets is None:
            missing.append((facet, key, query))
        else:
            found[AGG_PREFIX + facet] = buckets
    if missing:
        lines: list[dict[str, Any]] = []
        for facet, _, query in missing:
            aggs = {AGG_PREFIX + facet: terms(facet)}
            lines += [{"index": engine.alias}, {"size": 0, "track_total_hits": False,
                                                 "query": query, "aggs": aggs}]  # fmt: skip
        responses = engine.client.msearch(body=lines)["responses"]
        for (facet, key, _), response in zip(missing, responses, strict=True):
            if "error" in response:
                return {}  # leave the request as built: its own aggregations count
            buckets = response["aggregations"][AGG_PREFIX + facet]["buckets"]
            COUNTS.put(key, buckets)
            found[AGG_PREFIX + facet] = buckets
    built.filter.extend(built.facet_filters.pop(facet) for facet in chosen)
    built.aggs.clear()
    FacetAggregator(skip=frozenset(chosen))(built, params)
    return found


def related_courses(
    engine: Engine, built: CourseSearch, params: SearchParams, page: SearchPage
) -> list[dict[str, Any]]:
    """Courses in the best hits' subjects, to fill page 1 (see related.py)."""
    lang = params.lang if params.lang in ("en", "cy") else "en"
    body = related_body(built, lang, page.results, built.size - len(page.results))
    if body is None:
        return []
    response = engine.client.search(index=engine.alias, body=body)
    related = [result_document(hit) for hit in response["hits"]["hits"]]
    if not built.dedupe:
        return related
    return dedupe(related, seen={str(d.get("dedupe_key")) for d in page.results})


def spelling_suggestion(engine: Engine, built: CourseSearch) -> str | None:
    """ "Did you mean": the query with misspelt words corrected, or None."""
    body = suggest_body(built)
    if body is None:
        return None
    response = engine.client.search(index=engine.alias, body=body)
    built.corrected_text = corrected_free_text(response, built)
    return suggestion(response, built)


def get_course(engine: Engine, course_id: str) -> dict[str, Any] | None:
    """One course document by id, or None when there is no such course."""
    with engine_errors(engine):
        # A search rather than GET by id: GET through an alias is not allowed on every
        # engine version, and the id may come straight from a URL.
        response = engine.client.search(
            index=engine.alias,
            body={"query": {"term": {"id": course_id}}, "size": 1},
        )
    hits = response["hits"]["hits"]
    if not hits:
        return None
    return public(result_document(hits[0])) | {"_score": None}


def _folded(text: str) -> list[str]:
    plain = unicodedata.normalize("NFKD", text.lower())
    return WORD.findall("".join(c for c in plain if not unicodedata.combining(c)))


def _matches_prefix(candidate: str, prefix_words: list[str]) -> bool:
    words = _folded(candidate)
    return all(any(w.startswith(p) for w in words) for p in prefix_words)


def suggest(engine: Engine, prefix: str, lang: str) -> list[str]:
    """Up to SUGGESTIONS titles and subject names in `lang` whose words start like `prefix`."""
    lang = lang if lang in ("en", "cy") else "en"
    words = _folded(prefix[:100])
    if not words or len("".join(words)) < MIN_PREFIX:
        return []
    field = f"autocomplete.{lang}"
    body = {
        "size": 20,
        "_source": [field],
        "query": {
            "bool": {
                # every word typed must start some word of the title or subject name
                "filter": [{"prefix": {field: w}} for w in words[:MAX_PREFIX_WORDS]],
                "must_not": [{"term": {"source.status": "withdrawn"}}],
            }
        },
        "sort": [{"next_start": {"order": "asc", "missing": "_last"}}, {"id": "asc"}],
    }
    with engine_errors(engine):
        response = engine.client.search(index=engine.alias, body=body)
    out: list[str] = []
    for hit in response["hits"]["hits"]:
        for candidate in hit["_source"].get("autocomplete", {}).get(lang, []):
            if candidate not in out and _matches_prefix(candidate, words):
                out.append(candidate)
    return out[:SUGGESTIONS]
