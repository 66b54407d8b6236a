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
    # past-only courses (every stated start has gone) are hidden unless asked for
    include_past: bool = False
    provider_view: str | None = None  # provider id, for the providers' own view
    explain: bool = False
    # facets whose counts the page shows; each one costs an aggregation, so ask only for those
    facets: tuple[str, ...] = FACETS
    # read constraints stated in words ("free", "ar-lein", "level 3") into filters + chips
    read_constraints: bool = True
    # fill a short first page with courses in the same subjects (related.py)
    related: bool = True

    def cache_key(self) -> tuple[Any, ...]:
        """Everything that decides the answer, hashable (filters sorted, values in order)."""
        filters = tuple(sorted((k, tuple(v)) for k, v in (self.filters or {}).items() if v))
        return (
            self.q, self.lang, self.page, self.per_page, self.sort, filters,
            self.include_withdrawn, self.include_past, self.provider_view, self.explain,
            tuple(self.facets or ()), self.read_constraints, self.related,
        )  # fmt: skip


@dataclass
class FacetBucket:
    value: str
    count: int
    selected: bool = False
    label: dict[str, str] | None = None  # {"en": ..., "cy": ...} where the value needs one


@dataclass
class Chip:
    """A constraint read from the query's words ('free', 'ar-lein'), shown as a removable filter.

    `facet` is a facet name (models.FACETS) or, for constraints no facet expresses, the
    constraint's kind: "hours", "schedule", "place", "nation", "pace".
    """

    facet: str
    value: str
    phrase: str


@dataclass
class Relaxation:
    """On zero results: the one filter whose removal gives most courses back."""

    kind: str  # "facet" (a ticked facet) or "chip" (a constraint read from the words)
    facet: str
    values: list[str]  # the facet's selected values, or the chip's one value
    phrase: str  # the words typed, for chips; "" for facets
    total: int  # how many courses the search finds without it


@dataclass
class Explanation:
    """Why one result ranked where it did: its score and the largest contributions."""

    score: float
    reasons: list[tuple[str, float]]  # (clause description, score contribution), largest first


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
    relax: Relaxation | None = None  # set on zero results when removing a filter would help
    # page 1 not full: courses in the same subjects as the best hits, shown after them
    related: list[dict[str, Any]] = field(default_factory=list)
    cached: bool = False  # answered from the in-process cache

    @property
    def pages(self) -> int:
        last = min(self.total, MAX_RESULT_WINDOW)
        return max(1, -(-last // self.per_page))


class EngineUnavailable(RuntimeError):
    """The search engine cannot be reached; the portal answers 503 and tries again next request."""
