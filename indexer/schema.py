"""The two contracts the indexer owns: the raw listing (crawler output) and the course (common schema v1).

Field names and nesting of `Course` follow `truth` in `shared/devsets/courses.jsonl` so that
evaluations can compare them directly (DESIGN.md, "Contracts"). Everything else in the common
schema is added beside those fields, never instead of them.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = 1

Lang = Literal["en", "cy"]
Framework = Literal["scqf", "cqfw", "rqf", "fheq", "fqheis", "nfq", "eqf", "none"]
CreditScheme = Literal["uk", "scqf", "ects", "none"]
Mode = Literal["online", "in_person", "blended"]
Pattern = Literal["part_time", "full_time", "flexible"]
Delivery = Literal["en", "cy", "bilingual"]
CredentialType = Literal["micro-credential", "short-course", "cpd", "bootcamp", "module", "other"]
ProviderType = Literal["university", "college", "private", "public_body"]
Nation = Literal["wales", "england", "scotland", "northern_ireland", "uk"]

# The raw-listing fields of DESIGN.md: strings exactly as found, absent (None) when not found.
RAW_TEXT_FIELDS = (
    "title_en",
    "title_cy",
    "summary_en",
    "summary_cy",
    "description_en",
    "description_cy",
    "duration_text",
    "level_text",
    "credits_text",
    "cost_text",
    "mode_text",
    "start_text",
    "location_text",
    "language_of_delivery_text",
    "credential_term",
)


# The fact strings among them, the ones the normalisers read.
FACT_FIELDS = RAW_TEXT_FIELDS[RAW_TEXT_FIELDS.index("duration_text") :]


class RawListing(BaseModel):
    """One course as a crawler found it: strings as stated plus provenance. Never interpreted here."""

    model_config = ConfigDict(extra="ignore")

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
    # extras a page may carry
    keywords: list[str] = Field(default_factory=list)
    keywords_cy: list[str] = Field(default_factory=list)
    entry_requirements: str | None = None
    assessment: str | None = None
    awarding_body: str | None = None
    deadline_text: str | None = None
    # identity and provenance
    url: str | None = None
    url_cy: str | None = None
    provider_id: str | None = None
    provider_nation: str | None = None
    provider_type: str | None = None
    course_code: str | None = None
    fetched_at: str | None = None
    extractor: str | None = None
    content_hash: str | None = None


class Bilingual(BaseModel):
    en: str | None = None
    cy: str | None = None


class Level(BaseModel):
    framework: Framework | None = None
    value: int | str | None = None  # int, or "entry1".."entry3"
    rqf_equivalent: int | str | None = None  # 1..8 or "entry"
    eqf: int | None = None
    stated: str | None = None


class Credits(BaseModel):
    value: float | None = None
    scheme: CreditScheme | None = None
    uk_equivalent: float | None = None
    stated: str | None = None


class Duration(BaseModel):
    hours: float | None = None
    weeks: float | None = None
    self_paced: bool = False
    hours_derived: bool = False  # hours computed from credits, never shown as stated
    hours_per_week: float | None = None
    stated: str | None = None


class Cost(BaseModel):
    gbp: float | None = None
    free: bool | None = None
    funded: bool | None = None
    note: str | None = None  # funding note, international fee, VAT remark
    stated: str | None = None


class Start(BaseModel):
    dates: list[str] = Field(default_factory=list)  # YYYY-MM-DD or YYYY-MM
    anytime: bool = False
    deadline: str | None = None
    stated: str | None = None


class Location(BaseModel):
    name: str | None = None
    town: str | None = None
    postcode: str | None = None
    lat: float | None = None
    lon: float | None = None


class Subject(BaseModel):
    hecos: str
    label: Bilingual
    cah3: str | None = None
    cah2: str | None = None
    cah1: str | None = None
    cah1_label: Bilingual | None = None


class Warning(BaseModel):
    field: str
    code: str
    message: Bilingual
    phrase: str | None = None


class Quality(BaseModel):
    completeness: float = 0.0
    warnings: list[Warning] = Field(default_factory=list)


class ProviderRef(BaseModel):
    id: str
    name: Bilingual = Field(default_factory=Bilingual)
    type: str | None = None
    nation: str | None = None
    website: str | None = None


class Source(BaseModel):
    extractor: str | None = None
    fetched_at: str | None = None
    content_hash: str | None = None
    first_seen: str | None = None
    last_seen: str | None = None
    status: Literal["active", "withdrawn"] = "active"


class More(BaseModel):
    entry_requirements: str | None = None
    assessment: str | None = None
    awarding_body: str | None = None
    stackable: bool | None = None
    stacks_into: str | None = None
    learning_outcomes: list[str] = Field(default_factory=list)


class Course(BaseModel):
    """Common schema v1. Truth-compatible fields first, in the devset's names."""

    id: str
    provider_id: str | None = None
    course_code: str | None = None
    level: Level = Field(default_factory=Level)
    credits: Credits = Field(default_factory=Credits)
    duration: Duration = Field(default_factory=Duration)
    cost: Cost = Field(default_factory=Cost)
    mode: Mode | None = None
    start: Start = Field(default_factory=Start)
    language: Delivery = "en"
    credential_type: CredentialType | None = None
    credit_bearing: bool | None = None
    towns: list[str] = Field(default_factory=list)
    # the rest of the common schema
    schema_version: int = SCHEMA_VERSION
    provider: ProviderRef | None = None
    url: str | None = None
    url_cy: str | None = None
    source: Source = Field(default_factory=Source)
    title: Bilingual = Field(default_factory=Bilingual)
    summary: Bilingual = Field(default_factory=Bilingual)
    description: Bilingual = Field(default_factory=Bilingual)
    credential_term: str | None = None
    pattern: Pattern | None = None
    mode_stated: str | None = None
    language_stated: str | None = None
    subjects: list[Subject] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)
    locations: list[Location] = Field(default_factory=list)
    more: More = Field(default_factory=More)
    quality: Quality = Field(default_factory=Quality)
