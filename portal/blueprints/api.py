"""JSON API v1: search, one course, and the OpenAPI document that describes both.

Language comes from ?lang=en|cy (no URL prefix: one resource, two label languages).
Errors are JSON, never HTML (see blueprints/errors.py).
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, jsonify, request
from flask.typing import ResponseReturnValue

from indexer.search.models import FACETS, Relaxation
from indexer.search.service import get_course, search, suggest
from portal.catalogue import provider_names
from portal.contexts.search import facet_label
from portal.extensions import csrf, get_engine
from portal.openapi import openapi_document
from portal.params import BadSearchParameter, clean_query, parse_search_args

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)  # read-only GET API


def api_language() -> str:
    lang = request.args.get("lang", "en")
    if lang not in current_app.config["LANGUAGES"]:
        raise BadSearchParameter("lang")
    return lang


def public_fields(doc: dict[str, Any]) -> dict[str, Any]:
    """A course document without the engine's private keys (_score, _explain)."""
    return {k: v for k, v in doc.items() if not k.startswith("_")}


def cached(payload: dict[str, Any]) -> ResponseReturnValue:
    response = jsonify(payload)
    response.cache_control.public = True
    response.cache_control.max_age = current_app.config["SEARCH_CACHE_SECONDS"]
    return response


@bp.get("/search")
def search_api() -> ResponseReturnValue:
    lang = api_language()
    params, truncated = parse_search_args(request.args, lang)
    page = search(get_engine(), params)
    names = provider_names(current_app)
    return cached(
        {
            "total": page.total,
            "page": params.page,
            "per_page": page.per_page,
            "pages": page.pages,
            "query": params.q,
            "truncated": truncated or page.truncated,
            "suggestion": page.suggestion,
            "facets": {
                name: [
                    {
                        "value": b.value,
                        "count": b.count,
                        "selected": b.value in params.filters.get(name, []),
                        "label": facet_label(name, b.value, b.label, lang, names)["text"],
                    }
                    for b in buckets
                ]
                for name, buckets in page.facets.items()
            },
            "chips": [
                {
                    "facet": chip.facet,
                    "value": chip.value,
                    "phrase": chip.phrase,
                    "label": facet_label(chip.facet, chip.value, None, lang, names)["text"]
                    if chip.facet in FACETS
                    else chip.phrase,
                }
                for chip in page.chips
            ],
            "results": [public_fields(doc) for doc in page.results],
            "related": [public_fields(doc) for doc in page.related],
            "relax": relax_payload(page.relax, lang, names),
            "include_past": params.include_past,
        }
    )


def relax_payload(
    relax: Relaxation | None, lang: str, names: dict[str, Any]
) -> dict[str, Any] | None:
    """On zero results: the one filter whose removal gives most courses back, and how many."""
    if relax is None:
        return None
    if relax.kind == "facet":
        labels = [facet_label(relax.facet, v, None, lang, names)["text"] for v in relax.values]
    else:
        labels = [relax.phrase]
    return {
        "kind": relax.kind,
        "facet": relax.facet,
        "values": list(relax.values),
        "phrase": relax.phrase,
        "labels": labels,
        "total": relax.total,
    }


@bp.get("/courses/<path:course_id>")
def course_api(course_id: str) -> ResponseReturnValue:
    api_language()
    course = get_course(get_engine(), course_id) if len(course_id) <= 300 else None
    if course is None:
        abort(404)
    return cached(public_fields(course))


@bp.get("/suggest")
def suggest_api() -> ResponseReturnValue:
    """Titles and subjects starting like `q`, for the search box's autocomplete."""
    lang = api_language()
    prefix = clean_query(request.args.get("q"))[:100]
    found = suggest(get_engine(), prefix, lang) if prefix.strip() else []
    return cached({"query": prefix, "suggestions": found})


@bp.get("/openapi.json")
def openapi() -> ResponseReturnValue:
    return jsonify(openapi_document(request.host_url.rstrip("/")))
