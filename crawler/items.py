"""The Scrapy item for one raw listing, mirroring `indexer.schema.RawListing` field for field.

A dataclass with all-`None` defaults, as itemadapter and `ItemLoader` expect; the test suite
checks the two field lists stay identical, so the indexer contract remains the single truth.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class RawListing:
    title_en: str | None = None
    title_cy: str | None = None
    summary_en: str | None = None
    summary_cy: str | None = None
    description_en: str | None = None
    description_cy: str | None = None
    duration_text: str | None = None
    level_text: str | None = None
    credits_text: str | None = None
    cost_text: str | None = None
    mode_text: str | None = None
    start_text: str | None = None
    location_text: str | None = None
    language_of_delivery_text: str | None = None
    credential_term: str | None = None
    keywords: list[str] = field(default_factory=list)
    keywords_cy: list[str] = field(default_factory=list)
    entry_requirements: str | None = None
    assessment: str | None = None
    awarding_body: str | None = None
    deadline_text: str | None = None
    url: str | None = None
    url_cy: str | None = None
    provider_id: str | None = None
    provider_nation: str | None = None
    provider_type: str | None = None
    course_code: str | None = None
    fetched_at: str | None = None
    extractor: str | None = None
    content_hash: str | None = None


# Fields whose value depends on the page language: the extractor fills the page's own
# language and the EN/CY merge takes each from its page.
BILINGUAL_BASES = ("title", "summary", "description")
