"""Load the devset catalogue, keeping only what a provider's website may publish.

`truth` and `meta` are dropped here, at the only place the files are read, so no later
rendering code can leak them into a page even by accident (devsets/README.md).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from indexer.config import shared_dir

#: The keys of a devset course line that a sample site may render.
PUBLIC_KEYS = (
    "id",
    "provider_id",
    "url_path",
    "url_paths",
    "listing_languages",
    "subject_keywords",
    "subject_keywords_cy",
    "hecos_hint",
    "published",
)

#: The fact strings of `published`, in the order pages show them.
FACT_FIELDS = (
    "credential_term",
    "level_text",
    "credits_text",
    "duration_text",
    "mode_text",
    "start_text",
    "location_text",
    "language_of_delivery_text",
    "cost_text",
)


@dataclass(frozen=True)
class Course:
    """One devset course as its provider publishes it (no `truth`, no `meta`)."""

    id: str
    provider_id: str
    url_path: str
    url_paths: dict[str, str]
    listing_languages: tuple[str, ...]
    subject_keywords: tuple[str, ...]
    subject_keywords_cy: tuple[str, ...]
    hecos_hint: str | None
    published: dict[str, Any]

    @classmethod
    def from_line(cls, record: dict[str, Any]) -> Course:
        data = {key: record.get(key) for key in PUBLIC_KEYS}
        # The devset's own provider code is deliberately not published: the devset id is
        # the course code the sample sites show (DESIGN.md, "Contracts").
        published = {k: v for k, v in (data["published"] or {}).items() if k != "course_code"}
        return cls(
            id=data["id"],
            provider_id=data["provider_id"],
            url_path=data["url_path"],
            url_paths=dict(data["url_paths"]),
            listing_languages=tuple(data["listing_languages"]),
            subject_keywords=tuple(data["subject_keywords"] or ()),
            subject_keywords_cy=tuple(data["subject_keywords_cy"] or ()),
            hecos_hint=data["hecos_hint"],
            published=published,
        )

    def text(self, field: str, lang: str) -> str | None:
        """A language-specific published string (`title`, `summary`, `description`)."""
        return self.published.get(f"{field}_{lang}")

    def facts(self) -> dict[str, str]:
        """The stated fact strings, verbatim, without the ones the page does not state."""
        return {f: self.published[f] for f in FACT_FIELDS if self.published.get(f) is not None}

    @cached_property
    def facts_lang(self) -> str:
        from samplesites.language import facts_language

        return facts_language(self)

    def keywords(self, lang: str) -> tuple[str, ...]:
        return self.subject_keywords_cy if lang == "cy" else self.subject_keywords


@dataclass(frozen=True)
class Devset:
    providers: list[dict[str, Any]]
    courses: list[Course]

    def courses_of(self, provider_id: str) -> list[Course]:
        return [c for c in self.courses if c.provider_id == provider_id]


def load_devset(root: Path | None = None) -> Devset:
    """Read providers.json and courses.jsonl from the shared devsets folder."""
    root = root or shared_dir() / "devsets"
    providers = json.loads((root / "providers.json").read_text(encoding="utf-8"))
    with (root / "courses.jsonl").open(encoding="utf-8") as lines:
        courses = [Course.from_line(json.loads(line)) for line in lines if line.strip()]
    return Devset(providers=providers, courses=courses)
