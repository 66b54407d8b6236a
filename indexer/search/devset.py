"""Devset courses as Course objects, for engine tests and relevance measurement.

This measures *search* alone: the published text (what a page shows) is indexed as it
is, the structured fields come from `truth` (already in the common schema's conventions),
and subjects from the devset's HECoS hint, which the devset README allows sites to render
(schema.org `about`). The normaliser's accuracy is measured separately (`accuracy`).
"""

from __future__ import annotations

import csv
import json
from functools import cache
from importlib import resources
from pathlib import Path

from indexer.config import shared_dir
from indexer.schema import Bilingual, Course, ProviderRef, Subject


def devset_dir() -> Path:
    return shared_dir() / "devsets"


@cache
def _providers(directory: Path) -> dict[str, dict]:
    path = directory / "providers.json"
    if not path.exists():
        return {}
    return {p["id"]: p for p in json.loads(path.read_text(encoding="utf-8"))}


@cache
def _hecos() -> dict[str, dict[str, str]]:
    path = resources.files("indexer") / "data" / "hecos_cah_map.csv"
    with path.open(encoding="utf-8") as fh:
        return {row["hecos_label_dfe"].lower(): row for row in csv.DictReader(fh)}


def _subjects(hint: str | None) -> list[Subject]:
    row = _hecos().get((hint or "").lower())
    if row is None:
        return []
    return [
        Subject(
            hecos=row["hecos_code"],
            label=Bilingual(en=row["hecos_label_dfe"], cy=row["cah3_label_cy"] or None),
            cah3=row["cah3_code"],
            cah2=row["cah2_code"],
            cah1=row["cah1_code"],
            cah1_label=Bilingual(en=row["cah1_label"], cy=row["cah1_label_cy"] or None),
        )
    ]


def course_from_devset(record: dict, providers: dict[str, dict] | None = None) -> Course:
    pub, truth = record["published"], record["truth"]
    provider = (providers or {}).get(record["provider_id"], {})
    website = provider.get("website")
    stated = {
        "level": {**truth["level"], "stated": pub.get("level_text")},
        "credits": {**truth["credits"], "stated": pub.get("credits_text")},
        "duration": {**truth["duration"], "stated": pub.get("duration_text")},
        "cost": {**truth["cost"], "stated": pub.get("cost_text")},
        "start": {**truth["start"], "stated": pub.get("start_text")},
        "mode_stated": pub.get("mode_text"),
        "language_stated": pub.get("language_of_delivery_text"),
        "credential_term": pub.get("credential_term"),
    }
    return Course.model_validate(
        {
            **truth,
            **stated,
            "id": record["id"],
            "provider_id": record["provider_id"],
            "course_code": pub.get("course_code"),
            "provider": ProviderRef(
                id=record["provider_id"],
                name=Bilingual(en=provider.get("name_en"), cy=provider.get("name_cy")),
                type=provider.get("type"),
                nation=provider.get("nation"),
                website=website,
            ),
            "url": f"{website}{record['url_path']}" if website and record.get("url_path") else None,
            "title": {"en": pub.get("title_en"), "cy": pub.get("title_cy")},
            "summary": {"en": pub.get("summary_en"), "cy": pub.get("summary_cy")},
            "description": {"en": pub.get("description_en"), "cy": pub.get("description_cy")},
            "keywords": record.get("subject_keywords", []) + record.get("subject_keywords_cy", []),
            "subjects": _subjects(record.get("hecos_hint")),
        }
    )


def devset_courses(directory: Path | None = None) -> list[Course]:
    """The devset's 480 courses (from `shared/devsets/` unless told otherwise)."""
    directory = directory or devset_dir()
    providers = _providers(directory)
    with (directory / "courses.jsonl").open(encoding="utf-8") as fh:
        return [course_from_devset(json.loads(line), providers) for line in fh if line.strip()]
