"""What a search asks and what it answers: the contract between the portal and the engine code.

The portal (HTML and JSON API) builds a `SearchParams` from the request and renders a
`SearchPage`; it never builds engine queries itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Facets shown on the search page, in display order. Each maps to a keyword field in the index.
FACETS: tuple[str, ...] = (
    "subject",  # CAH level-1 code, e.g. "CAH11"
    "level",  # RQF/CQFW-equivalent: "entry", "1".."8"
    "duration",  # band id, see DURATION_BANDS
    "mode",  # online | in_person | blended
    "cost",  # free | funded | paid
    "provider",  # provider id
    "language",  # en | cy | bilingual (language of delivery)
    "start",  # YYYY-MM, or "anytime"
)

# (id, lower bound inclusive, upper bound exclusive) in notional hours
DURATION_BANDS: tuple[tuple[str, float | None, float | None], ...] = (
    ("under-10", None, 10),
    ("10-30", 10, 30),
    ("30-100", 30, 100),
    ("100-200", 100, 200),
    ("200-plus", 200, None),
)

SORTS: tuple[str, ...] = ("relevance", "start", "duration", "cost")
PER_PAGE = 20
MAX_RESULT_WINDOW = 10_000
MAX_QUERY_CHARS = 500


@dataclass
class SearchParams:
    q: str = ""
    lang: str = "en"
    page: int = 1
    per_page: int = PER_PAGE
    sort: str = "relevance"
    filters: dict[str, list[str]] = field(default_factory=dict)  # facet name -> selected values
    include_withdrawn: bool = False
    provider_view: str | None = None  # provider id, for the providers' own view
    explain: bool = False
    # facets whose counts the page shows; each one costs an aggregation, so ask only for those
    facets: tuple[str, ...] = FACETS
    # read constraints stated in words ("free", "ar-lein", "level 3") into ranking + chips
    read_constraints: bool = True


@dataclass
class FacetBucket:
    value: str
    count: int
    selected: bool = False
    label: dict[str, str] | None = None  # {"en": ..., "cy": ...} where the value needs one


@dataclass
class Chip:
    """A constraint read from the query's words ('free', 'ar-lein'), shown as a removable filter."""

    facet: str
    value: str
    phrase: str


@dataclass
class SearchPage:
    total: int
    page: int
    per_page: int
    results: list[dict[str, Any]]  # course documents (common schema) plus "_score", "_explain"
    facets: dict[str, list[FacetBucket]]
    query: str = ""
    truncated: bool = False  # the query was cut to MAX_QUERY_CHARS
    suggestion: str | None = None  # "did you mean"
    chips: list[Chip] = field(default_factory=list)
    took_ms: int | None = None

    @property
    def pages(self) -> int:
        last = min(self.total, MAX_RESULT_WINDOW)
        return max(1, -(-last // self.per_page))


class EngineUnavailable(RuntimeError):
    """The search engine cannot be reached; the portal answers 503 and tries again next request."""
