"""Filters in filter context (cacheable, unscored): status, provider view, facet selections."""

from __future__ import annotations

import re

from indexer.search.documents import facet_field
from indexer.search.models import DURATION_BANDS, FACETS, SearchParams
from indexer.search.queries import CourseSearch

# Closed vocabularies are checked exactly; open ones (subjects, providers, months) by shape.
# Anything else is dropped, so a hand-edited URL can never cause an engine error.
ALLOWED: dict[str, re.Pattern[str] | frozenset[str]] = {
    "subject": re.compile(r"^CAH\d{2}$"),
    "level": frozenset({"entry", *map(str, range(1, 9))}),
    "duration": frozenset(band for band, _, _ in DURATION_BANDS),
    "mode": frozenset({"online", "in_person", "blended"}),
    "cost": frozenset({"free", "funded", "paid"}),
    "provider": re.compile(r"^[a-z0-9][a-z0-9_-]{0,99}$"),
    "language": frozenset({"en", "cy", "bilingual"}),
    "start": re.compile(r"^(\d{4}-(0[1-9]|1[0-2])|anytime)$"),
}


def clean_values(facet: str, values: list[str]) -> list[str]:
    """The selected values that can exist for `facet`, in order, without duplicates."""
    rule = ALLOWED.get(facet)
    if rule is None:
        return []
    out: list[str] = []
    for raw in values:
        value = str(raw).strip()
        if facet == "subject":
            value = value.upper()
        ok = value in rule if isinstance(rule, frozenset) else bool(rule.match(value))
        if ok and value not in out:
            out.append(value)
    return out


def selected(params: SearchParams) -> dict[str, list[str]]:
    """Known facets with at least one valid selected value; unknown names are ignored."""
    out: dict[str, list[str]] = {}
    for facet in FACETS:
        values = clean_values(facet, list(params.filters.get(facet) or []))
        if values:
            out[facet] = values
    return out


class StatusFilter:
    """Hide withdrawn courses unless asked (providers and advisers may want them)."""

    def __call__(self, search: CourseSearch, params: SearchParams) -> None:
        if not params.include_withdrawn:
            # must_not rather than term "active": a document without a status still shows.
            search.must_not.append({"term": {"source.status": "withdrawn"}})


class ProviderViewFilter:
    """Restrict to one provider's listings (the providers' own view)."""

    def __call__(self, search: CourseSearch, params: SearchParams) -> None:
        if params.provider_view:
            search.filter.append({"term": {"provider_id": params.provider_view}})


class FacetFilter:
    """Facet selections: OR within a facet, AND across facets, applied as post_filter."""

    def __call__(self, search: CourseSearch, params: SearchParams) -> None:
        for facet, values in selected(params).items():
            search.facet_filters[facet] = {"terms": {facet_field(facet): values}}
