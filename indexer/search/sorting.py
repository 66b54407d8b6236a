"""Sort orders and paging."""

from __future__ import annotations

from typing import Any

from indexer.search.models import MAX_RESULT_WINDOW, SORTS, SearchParams
from indexer.search.queries import CourseSearch

MAX_PER_PAGE = 100


def _asc(field: str) -> dict[str, Any]:
    # missing last: a course without a known start/duration/price sorts after the known ones
    return {field: {"order": "asc", "missing": "_last"}}


NEXT_START = _asc("next_start")
TIEBREAK = {"id": {"order": "asc"}}  # deterministic order for equal keys, stable paging

SORT_KEYS: dict[str, list[Any]] = {
    "relevance": ["_score", NEXT_START, TIEBREAK],
    "start": [NEXT_START, "_score", TIEBREAK],
    "duration": [_asc("duration.hours"), NEXT_START, TIEBREAK],
    "cost": [_asc("cost.gbp"), NEXT_START, TIEBREAK],
}


def effective_sort(search: CourseSearch, params: SearchParams) -> str:
    """The sort applied: relevance without free text means "by start date"."""
    sort = params.sort if params.sort in SORTS else "relevance"
    if sort == "relevance" and not search.ranked:
        return "start"
    return sort


class Sorter:
    def __call__(self, search: CourseSearch, params: SearchParams) -> None:
        search.sort = list(SORT_KEYS[effective_sort(search, params)])


def clamp_page(page: Any, per_page: Any) -> tuple[int, int]:
    """(page, per_page) made safe: page >= 1, 1 <= per_page <= MAX_PER_PAGE, and the page
    starts inside the engine's result window (a deeper page becomes the last reachable one)."""
    try:
        per_page = int(per_page)
    except (TypeError, ValueError):
        per_page = 20
    per_page = min(max(per_page, 1), MAX_PER_PAGE)
    try:
        page = int(page)
    except (TypeError, ValueError):
        page = 1
    last = -(-MAX_RESULT_WINDOW // per_page)
    return min(max(page, 1), last), per_page


class Paginator:
    def __call__(self, search: CourseSearch, params: SearchParams) -> None:
        search.page, per_page = clamp_page(params.page, params.per_page)
        search.per_page = per_page
        search.from_ = (search.page - 1) * per_page
        search.size = min(per_page, MAX_RESULT_WINDOW - search.from_)
