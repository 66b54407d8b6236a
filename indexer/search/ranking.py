"""Which courses are candidates at all, beyond text: past-only ones are hidden by default.

The issue asks for "past-only and withdrawn courses never shown by default". A filter (in
filter context, so cacheable) rather than the earlier 0.3x score multiplier: it also
removes a function_score wrapper that cost a pass over every matching document.
`SearchParams.include_past` brings them back (e.g. a provider checking its old listings).
"""

from __future__ import annotations

from indexer.search.models import SearchParams
from indexer.search.queries import CourseSearch


class PastOnlyFilter:
    """Hide courses whose every stated start date has gone, unless params.include_past."""

    def __call__(self, search: CourseSearch, params: SearchParams) -> None:
        if not params.include_past:
            search.must_not.append({"term": {"past_only": True}})
