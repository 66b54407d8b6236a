"""Score adjustments beyond text matching."""

from __future__ import annotations

from indexer.search.models import SearchParams
from indexer.search.queries import CourseSearch

# Past-only courses (every stated start has gone) stay findable, since a provider often
# re-runs them, but rank below courses one can still join. Hidden would be too strong for
# this first version: the crawler may simply not have seen next year's dates yet.
PAST_ONLY_WEIGHT = 0.3


class PastOnlyDemoter:
    """Multiply the score of past-only courses by PAST_ONLY_WEIGHT when ranking by text."""

    def __call__(self, search: CourseSearch, params: SearchParams) -> None:
        if search.ranked and params.sort == "relevance":
            search.score_functions.append(
                {"filter": {"term": {"past_only": True}}, "weight": PAST_ONLY_WEIGHT}
            )
