"""Memoised fact-string normalisers.

A catalogue repeats its fact strings endlessly ("Online", "Short course", "Level 3", "Free",
one provider's house style for dates), and every normaliser is a pure function of its
input. So each distinct input is parsed once; callers get a fresh copy of the result,
because Course models are mutable and must not share state. Warnings are shared: they are
never changed after creation.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from indexer.normalise.copies import fresh as _fresh
from indexer.normalise.cost import normalise_cost
from indexer.normalise.credential import normalise_credential
from indexer.normalise.credits import normalise_credits
from indexer.normalise.dates import normalise_start
from indexer.normalise.duration import normalise_duration
from indexer.normalise.levels import normalise_level
from indexer.normalise.mode import normalise_mode
from indexer.normalise.quality import warn
from indexer.normalise.subjects import clear_subject_caches
from indexer.normalise.text import clear_text_caches
from indexer.normalise.towns import find_towns
from indexer.schema import Cost, CredentialType, Credits, Duration, Level, Mode, Start, Warning

SIZE = 8192


@lru_cache(maxsize=SIZE)
def _level(
    text: str | None, credits: str | None, nation: str | None, ptype: str | None
) -> tuple[Level, list[Warning]]:
    return normalise_level(text, credits, nation=nation, provider_type=ptype)


def level(
    text: str | None, credits: str | None, nation: str | None, ptype: str | None
) -> tuple[Level, list[Warning]]:
    value, warnings = _level(text, credits, nation, ptype)
    return _fresh(value), list(warnings)


@lru_cache(maxsize=SIZE)
def _credits(text: str | None) -> tuple[Credits, bool | None, list[Warning]]:
    return normalise_credits(text)


def credits(text: str | None) -> tuple[Credits, bool | None, list[Warning]]:
    value, bearing, warnings = _credits(text)
    return _fresh(value), bearing, list(warnings)


@lru_cache(maxsize=SIZE)
def _cost(text: str | None) -> tuple[Cost, list[Warning]]:
    return normalise_cost(text)


def cost(text: str | None) -> tuple[Cost, list[Warning]]:
    value, warnings = _cost(text)
    return _fresh(value), list(warnings)


@lru_cache(maxsize=SIZE)
def _start(text: str | None, reference: date) -> tuple[Start, list[Warning]]:
    return normalise_start(text, reference=reference)


def start(text: str | None, reference: date) -> tuple[Start, list[Warning]]:
    value, warnings = _start(text, reference)
    copy = _fresh(value)
    copy.__dict__["dates"] = list(value.dates)
    return copy, list(warnings)


@lru_cache(maxsize=SIZE)
def _mode(text: str | None, location: str | None) -> tuple[Mode | None, list[Warning]]:
    return normalise_mode(text, location)


def mode(text: str | None, location: str | None) -> tuple[Mode | None, list[Warning]]:
    value, warnings = _mode(text, location)
    return value, list(warnings)


@lru_cache(maxsize=SIZE)
def _credential(term: str | None) -> tuple[CredentialType | None, list[Warning]]:
    return normalise_credential(term)


def credential(term: str | None) -> tuple[CredentialType | None, list[Warning]]:
    value, warnings = _credential(term)
    return value, list(warnings)


@lru_cache(maxsize=SIZE)
def _towns(location: str | None, mode_text: str | None) -> tuple[str, ...]:
    return tuple(find_towns(location, mode_text))


def towns(location: str | None, mode_text: str | None) -> list[str]:
    return list(_towns(location, mode_text))


@lru_cache(maxsize=SIZE)
def _duration(text: str, uk_credits: float | None) -> tuple[Duration, list[Warning]]:
    return normalise_duration(text, uk_credits=uk_credits)


def duration(
    text: str | None, uk_credits: float | None, descriptions: tuple[str | None, ...]
) -> tuple[Duration, list[Warning]]:
    """Memoised when the duration string is stated; the description fallback is not."""
    if not text or not text.strip():
        return normalise_duration(text, uk_credits=uk_credits, descriptions=descriptions)
    value, warnings = _duration(text, uk_credits)
    return _fresh(value), list(warnings)


def clear_caches() -> None:
    """Forget every memoised result (benchmarks time first sightings only)."""
    clear_text_caches()
    clear_subject_caches()
    warn.cache_clear()
    for cached in (_level, _credits, _cost, _start, _mode, _credential, _towns, _duration):
        cached.cache_clear()
