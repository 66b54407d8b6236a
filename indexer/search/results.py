"""Turn an engine response into the portal's SearchPage."""

from __future__ import annotations

from typing import Any

from indexer.search.facets import parse_facets
from indexer.search.models import SearchPage, SearchParams
from indexer.search.queries import CourseSearch
from indexer.search.spelling import suggestion

# Derived fields the portal never needs to see in a result.
INTERNAL_FIELDS = ("autocomplete", "subjects_text", "cy_radicals", "spell")


def result_document(hit: dict[str, Any]) -> dict[str, Any]:
    """A hit's course document plus its score (and explanation when asked)."""
    doc = {k: v for k, v in hit.get("_source", {}).items() if k not in INTERNAL_FIELDS}
    doc["_score"] = hit.get("_score")
    if "_explanation" in hit:
        doc["_explain"] = hit["_explanation"]
    return doc


def total_hits(response: dict[str, Any]) -> int:
    total = response.get("hits", {}).get("total", 0)
    return int(total["value"] if isinstance(total, dict) else total)


def parse_response(
    response: dict[str, Any], search: CourseSearch, params: SearchParams
) -> SearchPage:
    return SearchPage(
        total=total_hits(response),
        page=search.page,
        per_page=search.per_page,
        results=[result_document(h) for h in response.get("hits", {}).get("hits", [])],
        facets=parse_facets(response.get("aggregations", {}), params),
        query=search.text,
        truncated=search.truncated,
        chips=search.chips,
        suggestion=suggestion(response, search),
        took_ms=response.get("took"),
    )
