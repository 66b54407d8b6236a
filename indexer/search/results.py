"""Turn an engine response into the portal's SearchPage."""

from __future__ import annotations

from typing import Any

from indexer.search.explaining import summarise
from indexer.search.facets import parse_facets
from indexer.search.models import SearchPage, SearchParams
from indexer.search.queries import CourseSearch

# Derived fields the portal never needs to see in a result.
INTERNAL_FIELDS = (
    "autocomplete",
    "subjects_text",
    "cy_radicals",
    "spell",
    "subject_codes",
    "facet_values",
)


def result_document(hit: dict[str, Any]) -> dict[str, Any]:
    """A hit's course document plus its score (and explanation when asked)."""
    doc = {k: v for k, v in hit.get("_source", {}).items() if k not in INTERNAL_FIELDS}
    doc["_score"] = hit.get("_score")
    if "_explanation" in hit:
        doc["_explain"] = summarise(hit["_explanation"])
    return doc


def total_hits(response: dict[str, Any]) -> int:
    total = response.get("hits", {}).get("total", 0)
    return int(total["value"] if isinstance(total, dict) else total)


TYPED = "typed"  # the _name of the clause matching the words as typed (text.py)


def is_weak(response: dict[str, Any], search: CourseSearch) -> bool:
    """Zero results, or none of the first page matched the words as typed (only fuzzy
    or synonym rewrites did): the cases where "did you mean" is worth asking for."""
    if not search.free_text.strip():
        return False
    hits = response.get("hits", {}).get("hits", [])
    if not hits:
        return True
    return not any(TYPED in (h.get("matched_queries") or []) for h in hits)


def dedupe(docs: list[dict[str, Any]], seen: set[str] | None = None) -> list[dict[str, Any]]:
    """The documents without identical-looking repeats (same `dedupe_key`), in order.

    Done on the page rather than with field collapsing: osmem supports `collapse`, but it
    cost about 3x the query itself on large result sets (docs/performance.md). Identical
    listings score alike, so they sit together on one page; a repeat across a page
    boundary can still show.
    """
    seen = set() if seen is None else seen
    out = []
    for doc in docs:
        key = doc.get("dedupe_key")
        if key in seen:
            continue
        if key:
            seen.add(str(key))
        out.append(doc)
    return out


def public(doc: dict[str, Any]) -> dict[str, Any]:
    """A result without the fields only the engine code needs."""
    return {k: v for k, v in doc.items() if k != "dedupe_key"}


def parse_response(
    response: dict[str, Any], search: CourseSearch, params: SearchParams
) -> SearchPage:
    results = [result_document(h) for h in response.get("hits", {}).get("hits", [])]
    return SearchPage(
        total=total_hits(response),
        page=search.page,
        per_page=search.per_page,
        results=dedupe(results) if search.dedupe else results,
        facets=parse_facets(response.get("aggregations", {}), params),
        query=search.text,
        truncated=search.truncated,
        chips=search.chips,
        took_ms=response.get("took"),
    )
