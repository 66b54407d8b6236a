"""Duration: notional learning hours, span in weeks, self-paced flag.

Rules (devsets README, "Duration"): with credits, hours = UK credits x 10; otherwise the total
the text gives (stated total, weeks x hours a week, sessions x hours, days x hours a day,
clock ranges x weeks). Days without hours give no hours. Weeks only when a weekly span is
stated; none for day courses, non-weekly blocks and self-paced study. An access period is
not a duration. When the duration string is missing, a sentence of the description saying
how long the course runs is used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.normalise.clock import session_hours
from indexer.normalise.quality import warn
from indexer.normalise.text import clean, fold, tidy_number, to_number, words_to_digits
from indexer.schema import Duration, Warning

# Numbers are bounded and never start inside a longer digit run, so a hostile run of
# digits cannot make these patterns backtrack quadratically.
_N = r"(?<![\d.])(\d{1,5}(?:\.\d{1,2})?)"
_HOUR = r"(?:hours?|hrs?|awr|oriau|h)\b"
_WEEK = r"(?:weeks?|wks?|wythnos(?:au)?)\b"

_ACCESS = re.compile(
    r"(?<!\d)\d{1,3}\s*(?:months?|mis|weeks?|wythnos|years?|blynedd)'?s?'?\s*(?:of\s*)?(?:access|mynediad)[^;,]*|"
    r"(?:access|mynediad)\s*(?:for|am)\s*\d{1,3}\s*(?:months?|mis|weeks?|wythnos|years?|blynedd)"
)
_SELF_PACED = re.compile(
    r"self[- ]?paced|own pace|your own time|at any pace|\bflexible\b|\bhyblyg\b|"
    r"cyflymder eich hun|eich amser eich hun|eich pwysau eich hun"
)
_WEEKS_X_HOURS = re.compile(rf"{_N}\s*-?\s*{_WEEK}\s*x\s*{_N}\s*-?\s*{_HOUR}")
_SESSIONS_X = re.compile(rf"{_N}\s*x\s*{_N}\s*-?\s*{_HOUR}")
_SESSIONS_OF = re.compile(
    rf"{_N}\s*(?:weekly\s*|wythnosol\s*)?(?:live\s*|fyw\s*)?(?:online\s*|ar-lein\s*)?"
    rf"(?:sessions?|sesiwn|sesiynau|classes|workshops?|gweithdai)\s*"
    rf"(?:wythnosol\s*)?(?:fyw\s*)?(?:ar-lein\s*)?(?:of|o|x)\s*{_N}\s*-?\s*{_HOUR}"
)
_PER_WEEK = re.compile(
    rf"{_N}\s*-?\s*{_HOUR}\s*(?:of (?:study|learning|teaching|tuition)\s*|o (?:astudio|ddysgu|addysgu)\s*)?"
    r"(?:per|a|an|each|every|/|yr|bob|y|the)\s*(?:week|wk|wythnos)\b"
)
_PER_DAY = re.compile(
    rf"{_N}\s*-?\s*{_HOUR}\s*(?:per|a|each|every|/|y|bob)\s*(?:day|dydd|diwrnod)\b"
)
_DAYS = re.compile(
    r"(?<![\d.])(\d{1,3}(?:\.\d{1,2})?|half)\s*-?\s*(?:days?|diwrnod|ddiwrnod|niwrnod)\b"
)
_WEEKS = re.compile(rf"{_N}\s*-?\s*{_WEEK}")
_SESSION_COUNT = re.compile(
    r"(?<!\d)(\d{1,3})\s*(weekly\s*|wythnosol\s*)?(?:live\s*|fyw\s*)?(?:online\s*|ar-lein\s*)?"
    r"(?:sessions?|sesiwn|sesiynau|classes|evenings|workshops|gweithdai)\b"
)
_TOTAL = re.compile(
    rf"{_N}\s*-?\s*(?:notional\s*(?:learning\s*)?|guided\s*(?:learning\s*)?|cpd\s*|study\s*|learning\s*|contact\s*)?"
    r"(?:hours?|hrs?|awr|oriau|o oriau)\b"
)
_WEEKLY = re.compile(
    r"\bweekly\b|\bwythnosol\b|\ba week\b|\bper week\b|yr wythnos|bob wythnos|\beach week\b"
)
_DESCRIPTION_CUE = re.compile(
    r"\b(runs?|lasts?|takes?|spread|over|para|rhedeg|dros)\b.*\b(weeks?|wythnos|hours?|awr|oriau|days?|diwrnod)\b"
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")


@dataclass
class _Reading:
    hours: float | None = None
    weeks: float | None = None
    days: float | None = None


def _num(token: str) -> float:
    return 0.5 if token == "half" else (to_number(token) or 0.0)


def _read(text: str) -> _Reading:
    """Pull hours, weeks and days out of folded text with number words as digits."""
    if "access" in text or "mynediad" in text:
        text = _ACCESS.sub(" ", text)
    reading = _Reading()
    # Cue words, tested once: a pattern is searched only when a word it cannot match without
    # is in the text (most patterns do not apply to a given phrase). The text only loses
    # matched parts below, so a cue found here may be stale, never missing: a stale cue
    # costs one search that finds nothing, and the result is the same.
    week = "week" in text or "wk" in text or "wythnos" in text
    day = "day" in text or "dydd" in text or "diwrnod" in text or "niwrnod" in text
    session = (
        "session" in text
        or "sesiwn" in text
        or "sesiynau" in text
        or "class" in text
        or "workshop" in text
        or "gweithdai" in text
        or "evenings" in text
    )
    times = "x" in text
    weekly = week and _WEEKLY.search(text) is not None

    hours_per_week: float | None = None
    if match := times and _WEEKS_X_HOURS.search(text):
        reading.weeks, hours_per_week = _num(match.group(1)), _num(match.group(2))
        text = text.replace(match.group(0), " ")
    if match := (session and _SESSIONS_OF.search(text)) or (times and _SESSIONS_X.search(text)):
        count, each = _num(match.group(1)), _num(match.group(2))
        reading.hours = count * each
        if weekly and reading.weeks is None:
            reading.weeks = count
        text = text.replace(match.group(0), " ")
    if match := week and _PER_WEEK.search(text):
        hours_per_week = _num(match.group(1))
        text = text.replace(match.group(0), " ")
    per_day = None
    if match := day and _PER_DAY.search(text):
        per_day = _num(match.group(1))
        text = text.replace(match.group(0), " ")
    if match := day and _DAYS.search(text):
        reading.days = _num(match.group(1))
    if reading.weeks is None and (match := week and _WEEKS.search(text)):
        reading.weeks = _num(match.group(1))
    clock = (
        session_hours(text)
        if ":" in text
        or "am" in text
        or "pm" in text
        or "." in text
        or "yb" in text
        or "yh" in text
        else None
    )
    count_match = _SESSION_COUNT.search(text) if session else None
    sessions = _num(count_match.group(1)) if count_match else None
    if count_match and count_match.group(2) and reading.weeks is None:
        reading.weeks = sessions
    hour = "h" in text or "awr" in text or "oriau" in text
    total_match = _TOTAL.search(text) if hour else None
    total = _num(total_match.group(1)) if total_match else None

    if reading.hours is None:
        if hours_per_week is not None and reading.weeks:
            reading.hours = hours_per_week * reading.weeks
        elif per_day is not None and reading.days:
            reading.hours = per_day * reading.days
        elif clock is not None:
            reading.hours = clock * (reading.weeks or sessions or reading.days or 1)
        elif total is not None:
            reading.hours = total
    return reading


def _from_description(description: str | None) -> _Reading | None:
    """The first description sentence that says how long the course runs, read as duration."""
    folded = fold(description)
    if not folded:
        return None
    for sentence in _SENTENCE.split(folded):
        sentence = words_to_digits(sentence)
        if _DESCRIPTION_CUE.search(sentence) and re.search(r"\d", sentence):
            reading = _read(sentence)
            if reading.hours is not None or reading.weeks is not None:
                return reading
    return None


def normalise_duration(
    text: str | None,
    *,
    uk_credits: float | None = None,
    descriptions: tuple[str | None, ...] = (),
) -> tuple[Duration, list[Warning]]:
    """Return the duration and any warnings; never raises on provider text."""
    folded = words_to_digits(fold(text))
    stated = clean(text)
    warnings: list[Warning] = []
    self_paced = bool(_SELF_PACED.search(folded)) if folded else False
    reading: _Reading | None = _read(folded) if folded else None
    if reading is None:
        for description in descriptions:
            reading = _from_description(description)
            if reading is not None:
                warnings.append(warn("duration", "from_description"))
                break

    hours = reading.hours if reading else None
    weeks = reading.weeks if reading else None
    derived = False
    if uk_credits:
        # Notional hours follow from credits (10 per UK credit). They count as derived,
        # and are shown as an estimate, only when the page did not state them itself.
        credit_hours = uk_credits * 10
        if hours is None:
            warnings.append(warn("duration", "hours_from_credits"))
            derived = True
        elif abs(hours - credit_hours) > 0.01 * credit_hours:
            warnings.append(warn("duration", "hours_conflict", stated))
            derived = True
        hours = credit_hours
    if self_paced:
        weeks = None
    if weeks is not None and not 0 < weeks <= 260:
        weeks = None
    if hours is not None and not 0 < hours <= 10000:
        hours = None

    if not folded and reading is None:
        if not derived:
            warnings.append(warn("duration", "missing"))
    elif hours is None and reading is not None and reading.days:
        warnings.append(warn("duration", "days_only", stated))
    elif hours is None and weeks is None and not self_paced:
        warnings.append(warn("duration", "unreadable", stated))

    hours_per_week = round(hours / weeks, 2) if hours and weeks else None
    return (
        Duration(
            hours=tidy_number(hours) if hours is not None else None,
            weeks=tidy_number(weeks) if weeks is not None else None,
            self_paced=self_paced,
            hours_derived=derived,
            hours_per_week=hours_per_week,
            stated=stated,
        ),
        warnings,
    )
