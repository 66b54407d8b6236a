"""One raw listing in, one Course out: calls each normaliser and collects their warnings.

This is the single place that knows the order of the rules (credits before duration,
because hours come from credits; the crawl date before start dates, because a date without
a year is the next one after the crawl).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any, TypeVar

from indexer.identity import course_id
from indexer.normalise import memo
from indexer.normalise.dates import normalise_deadline
from indexer.normalise.language import normalise_language
from indexer.normalise.mode import study_pattern
from indexer.normalise.quality import build_quality, warn
from indexer.normalise.subjects import find_subjects
from indexer.normalise.text import clean, clean_block, tidy_keywords
from indexer.schema import (
    Bilingual,
    Cost,
    Course,
    Credits,
    Duration,
    Level,
    Location,
    More,
    ProviderRef,
    RawListing,
    Source,
    Start,
    Warning,
)

T = TypeVar("T")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
# One pass over the whole description, line by line: [^\S\n] is \s within a line.
_OUTCOME = re.compile(r"^[^\S\n]*(?:[-•✓*]|\d{1,2}[.)])[^\S\n]+(.+)$", re.MULTILINE)
_ONLINE_ONLY = re.compile(
    r"^\W*(online|ar-lein|on-line|distance learning|dysgu o bell)\b", re.IGNORECASE
)


def reference_date(fetched_at: str | None, today: date | None) -> date:
    """The crawl date when known (dates in the past are judged against it), else today."""
    if fetched_at:
        match = _ISO_DATE.search(fetched_at)
        if match:
            try:
                return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
            except ValueError:
                pass
    return today or datetime.now().date()


def _guarded(field: str, warnings: list[Warning], default: T, fn: Callable[[], T]) -> T:
    """Run one normaliser; a bug in it costs one field, never the whole listing."""
    try:
        return fn()
    except Exception:  # provider text must never stop a run (issue 3)
        warnings.append(warn(field, "unreadable"))
        return default


def _learning_outcomes(description: str | None) -> list[str]:
    """Bulleted or numbered lines of the (cleaned) description, in order."""
    if not description:
        return []
    return [match.group(1).strip() for match in _OUTCOME.finditer(description)]


def _keywords(raw: RawListing) -> list[str]:
    """Page keywords in both languages, tidied, first spelling kept, no repeats."""
    return list(tidy_keywords(tuple(raw.keywords), tuple(raw.keywords_cy)))


def _run(
    field: str, warnings: list[Warning], fallback: Callable[[], Any], fn: Any, *args: Any
) -> Any:
    """Call one normaliser returning (value..., warnings); keep its warnings.

    A bug in it costs one field (its fallback value and an "unreadable" warning), never the
    whole listing.
    """
    try:
        *values, more = fn(*args)
    except Exception:  # provider text must never stop a run (issue 3)
        warnings.append(warn(field, "unreadable"))
        return fallback()
    warnings.extend(more)
    return values[0] if len(values) == 1 else tuple(values)


def _none() -> None:
    return None


def warm_up() -> None:
    """Load every table and compile every rule now, not inside the first listing.

    Benchmarks call this before timing; long-running services may call it at start-up.
    """
    normalise_listing(
        {
            "title_en": "Cyber security",
            "title_cy": "Seiberddiogelwch",
            "keywords": ["computing"],
            "keywords_cy": ["cyfrifiadureg"],
            "duration_text": "1 day (6 hours)",
            "level_text": "Level 3",
            "credits_text": "10 credits",
            "cost_text": "£10",
            "mode_text": "Online",
            "start_text": "Starts 1 September 2026",
            "location_text": "Cardiff campus",
            "credential_term": "Short course",
        },
        today=date(2026, 1, 1),
    )


def normalise_listing(raw: RawListing | Mapping[str, Any], *, today: date | None = None) -> Course:
    """Turn one raw listing into a Course carrying every field of the common schema."""
    if not isinstance(raw, RawListing):
        raw = RawListing.model_validate(dict(raw))
    warnings: list[Warning] = []
    reference = reference_date(raw.fetched_at, today)
    nation, ptype = clean(raw.provider_nation), clean(raw.provider_type)

    level = _run(
        "level", warnings, Level, memo.level, raw.level_text, raw.credits_text, nation, ptype
    )
    credits, credit_bearing = _run(
        "credits", warnings, lambda: (Credits(), None), memo.credits, raw.credits_text
    )
    duration = _run(
        "duration",
        warnings,
        Duration,
        memo.duration,
        raw.duration_text,
        credits.uk_equivalent,
        (raw.description_en, raw.description_cy),
    )
    cost = _run("cost", warnings, Cost, memo.cost, raw.cost_text)
    mode = _run("mode", warnings, _none, memo.mode, raw.mode_text, raw.location_text)
    start = _run("start", warnings, Start, memo.start, raw.start_text, reference)
    if raw.deadline_text:
        start.deadline = _guarded(
            "start",
            warnings,
            None,
            lambda: normalise_deadline(raw.deadline_text, reference=reference),
        )
    language, language_stated = _guarded(
        "language",
        warnings,
        ("en", None),
        lambda: normalise_language(raw.language_of_delivery_text),
    )
    credential_type = _run("credential_type", warnings, _none, memo.credential, raw.credential_term)
    towns = _guarded("location", warnings, [], lambda: memo.towns(raw.location_text, raw.mode_text))

    title = Bilingual(en=clean(raw.title_en), cy=clean(raw.title_cy))
    summary = Bilingual(en=clean(raw.summary_en), cy=clean(raw.summary_cy))
    description = Bilingual(en=clean_block(raw.description_en), cy=clean_block(raw.description_cy))
    if not (title.en or title.cy):
        warnings.append(warn("title", "missing"))
    if not (description.en or description.cy or summary.en or summary.cy):
        warnings.append(warn("description", "missing"))
    location_text = clean(raw.location_text)
    if not location_text and not towns and mode != "online":
        warnings.append(warn("location", "missing"))
    locations = [Location(name=location_text, town=town) for town in towns]
    if location_text and not towns and not _ONLINE_ONLY.match(location_text):
        locations.append(Location(name=location_text))
    keywords = _keywords(raw)
    subjects = _guarded(
        "subjects",
        warnings,
        [],
        lambda: find_subjects(
            {
                "title": {"en": title.en, "cy": title.cy},
                "keywords": {"en": raw.keywords, "cy": raw.keywords_cy},
                "summary": {"en": summary.en, "cy": summary.cy},
            }
        ),
    )
    if not subjects:
        warnings.append(warn("subjects", "missing"))

    provider_id = clean(raw.provider_id)
    return Course(
        id=course_id(raw.provider_id, raw.course_code, raw.url, f"{title.en}|{title.cy}"),
        provider_id=provider_id,
        course_code=clean(raw.course_code),
        level=level,
        credits=credits,
        duration=duration,
        cost=cost,
        mode=mode,
        start=start,
        language=language,
        credential_type=credential_type,
        credit_bearing=credit_bearing,
        towns=towns,
        provider=ProviderRef(id=provider_id or "unknown", type=ptype, nation=nation),
        url=clean(raw.url),
        url_cy=clean(raw.url_cy),
        source=Source(
            extractor=raw.extractor, fetched_at=raw.fetched_at, content_hash=raw.content_hash
        ),
        title=title,
        summary=summary,
        description=description,
        credential_term=clean(raw.credential_term),
        pattern=study_pattern(raw.duration_text, raw.mode_text, self_paced=duration.self_paced),
        mode_stated=clean(raw.mode_text),
        language_stated=language_stated,
        subjects=subjects,
        keywords=keywords,
        locations=locations,
        more=More(
            entry_requirements=clean_block(raw.entry_requirements),
            assessment=clean_block(raw.assessment),
            awarding_body=clean(raw.awarding_body),
            learning_outcomes=_learning_outcomes(description.en or description.cy),
        ),
        quality=build_quality(warnings),
    )
