"""Numbers, money and dates through Babel in an explicit locale (Welsh month names)."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal

# Babel locale per page language: British English, not Babel's default US English dates.
BABEL_LOCALES = {"en": "en_GB", "cy": "cy_GB"}


def locale_for(lang: str) -> str:
    return BABEL_LOCALES.get(lang, lang)


def number(value: float | int, lang: str) -> str:
    return format_decimal(value, format="#,##0.##", locale=locale_for(lang))


def plural_count(value: float | int) -> int:
    """The count gettext chooses a plural form by: it wants an int.

    A fraction (2.5 hours) takes the 'other' form in English and Welsh alike (CLDR), which
    any integer outside Welsh's special cases 0, 1, 2, 3 and 6 selects, e.g. 100.
    """
    return int(value) if float(value).is_integer() else 100


def money(gbp: float, lang: str) -> str:
    """£445 for whole pounds, £12.50 otherwise: prices read better without '.00'."""
    if float(gbp).is_integer():
        return format_currency(
            gbp, "GBP", format="¤#,##0", currency_digits=False, locale=locale_for(lang)
        )
    return format_currency(gbp, "GBP", locale=locale_for(lang))


def parse_when(value: str | None) -> dt.date | None:
    """A date from 'YYYY-MM-DD', 'YYYY-MM' (first of the month) or an ISO timestamp."""
    if not value:
        return None
    text = value.strip()
    try:
        if len(text) == 7:
            return dt.date.fromisoformat(text + "-01")
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def day(value: dt.date, lang: str) -> str:
    return format_date(value, format="long", locale=locale_for(lang))


def start_date(value: str, lang: str) -> str:
    """'2026-11-23' -> '23 Tachwedd 2026'; '2026-09' -> 'Medi 2026'; unparseable as given."""
    when = parse_when(value)
    if when is None:
        return value
    if len(value.strip()) == 7:
        return format_date(when, format="LLLL y", locale=locale_for(lang))
    return day(when, lang)


def next_start(dates: list[str], today: dt.date) -> str | None:
    """The first stated start on or after today (a month counts until it ends)."""
    upcoming = []
    for value in dates:
        when = parse_when(value)
        if when is None:
            continue
        if len(value) == 7:
            if (when.year, when.month) >= (today.year, today.month):
                upcoming.append((when, value))
        elif when >= today:
            upcoming.append((when, value))
    return min(upcoming)[1] if upcoming else None
