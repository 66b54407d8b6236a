"""Read search parameters from a query string, the same way for the HTML pages and the API.

Unknown facet values are dropped rather than refused: a stale bookmark should still give a
useful page. Only nonsense (a page that is not a positive number) is a 400.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import BadRequest

from indexer.search.models import (
    DURATION_BANDS,
    FACETS,
    MAX_QUERY_CHARS,
    MAX_RESULT_WINDOW,
    PER_PAGE,
    SORTS,
    SearchParams,
)

MAX_VALUES_PER_FACET = 20
MAX_VALUE_CHARS = 100
_FREE_VALUE = re.compile(r"^[A-Za-z0-9_.:-]+$")  # subject codes and provider ids
_MONTH = re.compile(r"^20\d\d-(0[1-9]|1[0-2])$")
# control characters (NUL, ESC...) mean nothing in a search and are not allowed in HTML
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")

# Facets whose values form a closed set; anything else is silently ignored.
CLOSED_VALUES: dict[str, tuple[str, ...]] = {
    "level": ("entry", "1", "2", "3", "4", "5", "6", "7", "8"),
    "duration": tuple(band for band, _low, _high in DURATION_BANDS),
    "mode": ("online", "in_person", "blended"),
    "cost": ("free", "funded", "paid"),
    "language": ("en", "cy", "bilingual"),
}


class BadSearchParameter(BadRequest):
    """A parameter that cannot mean anything (page=abc); shown as a 400 page."""

    def __init__(self, name: str) -> None:
        super().__init__(description=name)
        self.parameter = name


def _valid(facet: str, value: str) -> bool:
    if not value or len(value) > MAX_VALUE_CHARS:
        return False
    if facet in CLOSED_VALUES:
        return value in CLOSED_VALUES[facet]
    if facet == "start":
        return value == "anytime" or bool(_MONTH.match(value))
    return bool(_FREE_VALUE.match(value))


def parse_page(raw: str | None) -> int:
    if raw is None or raw.strip() == "":
        return 1
    try:
        page = int(raw.strip())
    except ValueError:
        raise BadSearchParameter("page") from None
    if page < 1:
        raise BadSearchParameter("page")
    # Past the result window nothing can be fetched; clamp to its last page instead of failing.
    return min(page, -(-MAX_RESULT_WINDOW // PER_PAGE))


_TRUE = ("1", "true", "yes", "on")


def parse_flag(raw: str | None) -> bool:
    """A yes/no parameter: "1", "true", "yes" or "on" mean yes; anything else means no."""
    return (raw or "").strip().lower() in _TRUE


def parse_filters(args: MultiDict[str, str] | Mapping[str, list[str]]) -> dict[str, list[str]]:
    filters: dict[str, list[str]] = {}
    for facet in FACETS:
        raw = args.getlist(facet) if isinstance(args, MultiDict) else list(args.get(facet, []))
        values: list[str] = []
        for value in raw:
            value = value.strip()
            if _valid(facet, value) and value not in values:
                values.append(value)
        if values:
            filters[facet] = values[:MAX_VALUES_PER_FACET]
    return filters


def clean_query(raw: str | None) -> str:
    """Free text as typed, without control characters or runs of white space."""
    return " ".join(_CONTROL.sub(" ", raw or "").split())


def parse_search_args(args: MultiDict[str, str], lang: str) -> tuple[SearchParams, bool]:
    """Return the search parameters and whether the query text had to be shortened."""
    q = clean_query(args.get("q"))  # newlines and runs of spaces mean nothing here
    truncated = len(q) > MAX_QUERY_CHARS
    q = q[:MAX_QUERY_CHARS]
    sort = args.get("sort", "relevance")
    params = SearchParams(
        q=q,
        lang=lang,
        page=parse_page(args.get("page")),
        sort=sort if sort in SORTS else "relevance",
        filters=parse_filters(args),
        include_past=parse_flag(args.get("include_past")),
    )
    return params, truncated
