"""Start dates: every stated start as YYYY-MM-DD (or YYYY-MM), and "start any time".

Numeric dates are day/month/year (UK order); two-digit years are 20yy. A date without a year
is the next such date on or after the reference date (the crawl date). Month names in English
and Welsh, including the mutated Welsh forms ("Fawrth", "Fedi", "Nhachwedd").
"""

from __future__ import annotations

import re
from datetime import date

from indexer.normalise.quality import warn
from indexer.normalise.text import clean, fold
from indexer.schema import Start, Warning

MONTHS: dict[str, int] = {
    # English, full and abbreviated
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
    # Welsh, with soft, nasal and aspirate mutations, and common abbreviations
    "ionawr": 1, "ion": 1,
    "chwefror": 2, "chwef": 2,
    "mawrth": 3, "fawrth": 3, "maw": 3,
    "ebrill": 4, "ebr": 4,
    "mai": 5, "fai": 5,
    "mehefin": 6, "fehefin": 6, "meh": 6,
    "gorffennaf": 7, "orffennaf": 7, "ngorffennaf": 7, "gorff": 7,
    "awst": 8,
    "medi": 9, "fedi": 9,
    "hydref": 10, "hyd": 10,
    "tachwedd": 11, "dachwedd": 11, "nhachwedd": 11, "thachwedd": 11, "tach": 11,
    "rhagfyr": 12, "ragfyr": 12, "rhag": 12,
}  # fmt: skip
# Names that are also ordinary words: a month only beside a day number or a year.
_NEEDS_CONTEXT = {"may", "mai", "fai", "mar", "hyd", "maw", "rhag", "ion", "dec", "jan"}
_MONTH = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th|af|ain|ed|fed|eg|ydd)?"
_YEAR = r"(\d{4}|'?\d{2}(?!\d))"

_ANYTIME = re.compile(
    r"any ?time|rolling|whenever|at your convenience|start when you|year-round|all year|"
    r"unrhyw bryd|pryd bynnag|ar unrhyw adeg|treigl"
)
_ISO = re.compile(r"\b(20\d{2})-(\d{1,2})-(\d{1,2})\b")
_NUMERIC = re.compile(r"(?<![\d/.-])(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?![\d/.-])")
_DAY_MONTH = re.compile(rf"\b{_DAY}\s*(?:of\s+)?{_MONTH}(?:,?\s*{_YEAR})?\b")
_EN_MONTH = "(january|february|march|april|june|july|august|september|october|november|december)"
_MONTH_DAY = re.compile(rf"\b{_EN_MONTH}\s+{_DAY}(?:,?\s*(\d{{4}}))?\b")  # "September 14, 2026"
# Welsh weekdays share words with months ("dydd Mawrth" is Tuesday): blank them out first.
_WEEKDAY_CY = re.compile(
    r"\b(?:dydd|ddydd|nos|bob dydd)\s+(?:llun|mawrth|fawrth|mercher|fercher|iau|gwener|wener|sadwrn|sul)\b"
)
_MONTH_YEAR = re.compile(rf"\b{_MONTH}\s*,?\s*(\d{{4}})\b")
_MONTH_ALONE = re.compile(
    rf"\b(?:in|from|starts?|starting|mis|ym mis|o|yn)\s+{_MONTH}\b|^{_MONTH}\b"
)


_DIGIT = re.compile(r"\d")
_RANGE_GAP = re.compile(
    r"\s*(?:-|to|until|till|tan|hyd at|hyd)\s*(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s*)?"
)


def _year(token: str | None) -> int | None:
    if not token:
        return None
    token = token.lstrip("'")
    return 2000 + int(token) if len(token) == 2 else int(token)


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _next_on_or_after(month: int, day: int | None, reference: date) -> tuple[int, str | None]:
    """Year of the next such date on or after `reference` (a month alone counts if current)."""
    year = reference.year
    if (month, day or 31) < (reference.month, reference.day if day else 1):
        year += 1
    if day is None:
        return year, f"{year:04d}-{month:02d}"
    iso = _valid(year, month, day)
    if iso is None and (month, day) == (2, 29):
        year += (4 - year % 4) % 4 or 4
        iso = _valid(year, month, day)
    return year, iso


def _find_dates(folded: str, reference: date) -> tuple[list[tuple[int, int, str]], bool]:
    """(start, end, iso) for every date, in text order; second value: a year was assumed.

    The end of a range ("12 Sept - 5 Dec", "5 Jan to 9 Jan") is not a start date: dropped.
    """
    if "dydd" in folded or "nos " in folded:
        folded = _WEEKDAY_CY.sub(lambda m: " " * len(m.group(0)), folded)
    digits = _DIGIT.search(folded) is not None
    separators = digits and ("/" in folded or "." in folded or "-" in folded)
    found: list[tuple[int, int, str]] = []
    assumed = False
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        for s, e in taken:  # noqa: SIM110 - a plain loop; all() of a generator costs more
            if end > s and start < e:
                return False
        return True

    for match in _ISO.finditer(folded) if separators else ():
        iso = _valid(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        if iso:
            found.append((*match.span(), iso))
            taken.append(match.span())
    for match in _NUMERIC.finditer(folded) if separators else ():
        if not free(*match.span()):
            continue
        day, month, year = int(match.group(1)), int(match.group(2)), _year(match.group(3))
        iso = _valid(year or 0, month, day) if year else None
        if iso:
            found.append((*match.span(), iso))
            taken.append(match.span())
    for match in _DAY_MONTH.finditer(folded) if digits else ():
        if not free(*match.span()):
            continue
        day, month = int(match.group(1)), MONTHS[match.group(2)]
        year = _year(match.group(3))
        if year is None:
            assumed = True
            _, iso = _next_on_or_after(month, day, reference)
        else:
            iso = _valid(year, month, day)
        if iso:
            found.append((*match.span(), iso))
            taken.append(match.span())
    for match in _MONTH_DAY.finditer(folded) if digits else ():
        if not free(*match.span()) or match.group(1) in _NEEDS_CONTEXT:
            continue
        month, day, year = MONTHS[match.group(1)], int(match.group(2)), _year(match.group(3))
        if year is None:
            assumed = True
            _, iso = _next_on_or_after(month, day, reference)
        else:
            iso = _valid(year, month, day)
        if iso:
            found.append((*match.span(), iso))
            taken.append(match.span())
    for match in _MONTH_YEAR.finditer(folded) if digits else ():
        if not free(*match.span()):
            continue
        found.append((*match.span(), f"{int(match.group(2)):04d}-{MONTHS[match.group(1)]:02d}"))
        taken.append(match.span())
    for match in _MONTH_ALONE.finditer(folded):
        name = match.group(1) or match.group(2)
        if not free(*match.span()) or (name in _NEEDS_CONTEXT and match.group(2)):
            continue
        assumed = True
        _, iso = _next_on_or_after(MONTHS[name], None, reference)
        if iso:
            found.append((*match.span(), iso))
            taken.append(match.span())
    found.sort()
    starts: list[tuple[int, int, str]] = []
    for item in found:
        if starts and _RANGE_GAP.fullmatch(folded[starts[-1][1] : item[0]]):
            continue
        starts.append(item)
    return starts, assumed


def normalise_start(text: str | None, *, reference: date) -> tuple[Start, list[Warning]]:
    """Return the start dates and any warnings; never raises on provider text."""
    folded = fold(text)
    stated = clean(text)
    if not folded:
        return Start(), [warn("start", "missing")]
    found, assumed = _find_dates(folded, reference)
    dates: list[str] = []
    for _, _, iso in found:
        if iso not in dates:
            dates.append(iso)
    if not dates and _ANYTIME.search(folded):
        return Start(anytime=True, stated=stated), []
    warnings: list[Warning] = []
    if not dates:
        warnings.append(warn("start", "unreadable", stated))
    if assumed:
        warnings.append(warn("start", "year_assumed", stated))
    if any(iso < reference.isoformat()[: len(iso)] for iso in dates):
        warnings.append(warn("start", "past_date", stated))
    return Start(dates=dates, stated=stated), warnings


def normalise_deadline(text: str | None, *, reference: date) -> str | None:
    """First date in an application-deadline string, or None."""
    folded = fold(text)
    if not folded:
        return None
    found, _ = _find_dates(folded, reference)
    return found[0][2] if found else None
