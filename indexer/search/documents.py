"""The indexed document: a Course as the portal reads it, plus derived search fields.

The `_source` keeps the whole common-schema course (`model_dump(mode="json")`), so search
results need no second read from the DB. Derived fields sit beside it under their own
names (`facets.*`, `next_start`, `subjects_text`, `autocomplete`, ...) so they never
shadow a schema field. How each is indexed is in mapping.py.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from indexer.schema import Course
from indexer.search.labels import cah_labels
from indexer.search.models import DURATION_BANDS, FACETS
from indexer.search.schedule import schedule_tags
from indexer.search.welsh import forms

LANGS = ("en", "cy")
SEPARATOR = ":"  # facet_values: "mode:online"
WORD = re.compile(r"\w+", re.UNICODE)


# A listing at least this complete (quality.completeness) is "complete" for ranking
# (ranking.Preferences): a derived flag, since a `range` scored in constant_score makes
# osmem-server 0.1.6 panic when asked to explain (the debug view, providers' ranking page).
COMPLETE_AT = 0.8


def facet_field(facet: str) -> str:
    """The keyword field holding a facet's values (one per name in models.FACETS)."""
    return f"facets.{facet}"


def facet_values(facets: dict[str, Any]) -> list[str]:
    """The `facet_values` of a document's `facets` block: "facet:value" for each value."""
    out: list[str] = []
    for facet in FACETS:
        value = facets.get(facet)
        for item in value if isinstance(value, list) else [value]:
            if item is not None:
                out.append(f"{facet}{SEPARATOR}{item}")
    return out


def duration_band(hours: float | None) -> str | None:
    """The DURATION_BANDS id for notional hours, or None when the hours are unknown."""
    if hours is None:
        return None
    for band, low, high in DURATION_BANDS:
        if (low is None or hours >= low) and (high is None or hours < high):
            return band
    return None


def cost_band(course: Course) -> str | None:
    """free (no fee, no funding scheme), funded (wholly or partly), paid; None if unknown."""
    cost = course.cost
    if cost.funded:
        return "funded"
    if cost.free:
        return "free"
    if cost.gbp is not None and cost.gbp > 0:
        return "paid"
    return None


def _start_day(value: str) -> dt.date | None:
    """A stated start as a date: YYYY-MM-DD, or the first day of a YYYY-MM month."""
    try:
        if len(value) == 7:
            return dt.date.fromisoformat(value + "-01")
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def start_fields(course: Course, today: dt.date) -> dict[str, Any]:
    """Derived start fields: facet months still to come, next start, past-only flag.

    A month-only start counts as current for the whole month. "Start any time" courses
    start today, so they sort first by start date.
    """
    this_month = today.strftime("%Y-%m")
    months: set[str] = set()
    upcoming: list[dt.date] = []
    for value in course.start.dates:
        day = _start_day(value)
        if day is None:
            continue
        if value[:7] >= this_month and (len(value) == 7 or day >= today):
            months.add(value[:7])
            upcoming.append(max(day, today))
    if course.start.anytime:
        upcoming.append(today)
    facet = sorted(months) + (["anytime"] if course.start.anytime else [])
    return {
        "facet": facet,
        "next_start": min(upcoming).isoformat() if upcoming else None,
        "past_only": bool(course.start.dates) and not upcoming,
    }


def _subject_texts(course: Course) -> dict[str, list[str]]:
    """Subject labels in both languages, so a query in either language meets the subject."""
    labels = cah_labels()
    texts: dict[str, list[str]] = {lang: [] for lang in LANGS}
    for subject in course.subjects:
        names = [subject.label.model_dump()]
        names += [labels[c] for c in (subject.cah3, subject.cah2) if c and c in labels]
        if subject.cah1_label:
            names.append(subject.cah1_label.model_dump())
        for name in names:
            for lang in LANGS:
                text = name.get(lang)
                if text and text not in texts[lang]:
                    texts[lang].append(text)
    return texts


def _level_value(course: Course) -> str | None:
    value = course.level.rqf_equivalent
    return None if value is None else str(value).lower()


def _fold(text: str) -> str:
    """Lower case without accents: the form place names are matched in."""
    plain = unicodedata.normalize("NFKD", text.strip().lower())
    return "".join(c for c in plain if not unicodedata.combining(c))


def welsh_radicals(*texts: str | None) -> str:
    """Every word of the Welsh texts with its possible radical forms (see welsh.py).

    Indexed so that a query in the radical form ("marchnata") finds a title that has
    the mutated one ("Cyflwyniad i Farchnata Digidol").
    """
    words: set[str] = set()
    for text in texts:
        for word in WORD.findall((text or "").lower()):
            words |= forms(word)
    return " ".join(sorted(words))


def dedupe_key(course: Course, provider: str | None) -> str:
    """What makes two listings look identical in a result list: same provider, same title
    (case, accents and spacing aside) and the same facts on the card. A results page shows
    one listing per key (results.dedupe)."""
    title = " ".join(WORD.findall(_fold(course.title.en or course.title.cy or "")))
    if not title:
        return f"id:{course.id}"  # nothing to compare: never folded into another
    facts = (course.mode, course.duration.hours, course.cost.gbp, _level_value(course))
    return "|".join([provider or "", title, *("" if f is None else str(f) for f in facts)])


def to_document(course: Course, today: dt.date | None = None) -> dict[str, Any]:
    """The document indexed for `course`; `today` decides which start dates are past."""
    today = today or dt.datetime.now(dt.UTC).date()
    doc = course.model_dump(mode="json")
    start = start_fields(course, today)
    subjects_text = _subject_texts(course)
    provider = course.provider_id or (course.provider.id if course.provider else None)
    doc["facets"] = {
        "subject": sorted({s.cah1 for s in course.subjects if s.cah1}),
        "level": _level_value(course),
        "duration": duration_band(course.duration.hours),
        "mode": course.mode,
        "cost": cost_band(course),
        "provider": provider,
        "language": course.language,
        "start": start["facet"],
    }
    doc["facet_values"] = facet_values(doc["facets"])  # one aggregation counts them all
    doc["dedupe_key"] = dedupe_key(course, provider)
    # subject codes at every level, so related.py can follow a hit's subject (CAH3)
    doc["subject_codes"] = sorted(
        {c for s in course.subjects for c in (s.hecos, s.cah3, s.cah2, s.cah1) if c}
    )
    doc["complete"] = course.quality.completeness >= COMPLETE_AT
    doc["next_start"] = start["next_start"]
    doc["past_only"] = start["past_only"]
    doc["subjects_text"] = subjects_text
    doc["schedule"] = schedule_tags(course.duration.stated, course.start.stated)
    doc["places"] = sorted(
        {_fold(t) for t in course.towns + [loc.town or "" for loc in course.locations] if t}
    )
    doc["nation"] = course.provider.nation if course.provider else None
    level = course.level
    doc["level_stated"] = (
        f"{level.framework}:{level.value}" if level.framework and level.value is not None else None
    )
    doc["cy_radicals"] = welsh_radicals(
        course.title.cy, course.summary.cy, *subjects_text["cy"], *course.keywords
    )
    doc["spell"] = [t for t in (course.title.en, course.title.cy) if t] + [
        *subjects_text["en"],
        *subjects_text["cy"],
        *course.keywords,
    ]
    doc["autocomplete"] = {
        lang: [t for t in [getattr(course.title, lang)] if t] + subjects_text[lang]
        for lang in LANGS
    }
    return doc
