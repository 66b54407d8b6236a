"""Clock ranges ("6pm-8.30pm", "18:00-21:00", "9.30am-12.30pm") to a length in hours.

Kept apart from duration.py because the am/pm inference is fiddly and worth its own table
of tests: "6-8.30pm" means 18:00-20:30, "10am-12pm" is two hours, "18:30-21:00" is 2.5.
"""

from __future__ import annotations

import re

_TIME = r"(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.|yb|yh)?"
_RANGE = re.compile(rf"(?<![\d.:]){_TIME}\s*(?:-|to|until|tan)\s*{_TIME}(?![\d])")


def _to_hours(hour: str, minute: str | None) -> float:
    return int(hour) + (int(minute) / 60 if minute else 0.0)


def _is_pm(suffix: str | None) -> bool | None:
    if not suffix:
        return None
    return suffix.startswith("p") or suffix == "yh"


def _plausible(hour: str, minute: str | None, suffix: str | None) -> bool:
    """A real clock reading: 0-23 (1-12 with am/pm) and minutes under 60."""
    limit = 12 if suffix else 24
    return int(hour) <= limit and (minute is None or int(minute) < 60)


def session_hours(folded: str) -> float | None:
    """Length of the first clock range in `folded` text, or None when there is none.

    A range counts only when it looks like clock times (minutes or am/pm), so "2-3 days"
    or "6 x 2-hour" are not read as times.
    """
    for match in _RANGE.finditer(folded):
        h1, m1, s1, h2, m2, s2 = match.groups()
        if not (m1 or m2 or s1 or s2):
            continue
        if not _plausible(h1, m1, s1) or not _plausible(h2, m2, s2):
            continue
        if m1 and not s1 and m2 and not s2 and int(h1) <= 24 and int(h2) <= 24:
            start, end = _to_hours(h1, m1), _to_hours(h2, m2)  # 24-hour clock
        else:
            start, end = _to_hours(h1, m1), _to_hours(h2, m2)
            end_pm, start_pm = _is_pm(s2), _is_pm(s1)
            if end_pm and end < 12:
                end += 12
            elif end_pm is False and end >= 12:
                end -= 12
            if start_pm and start < 12:
                start += 12
            elif start_pm is False and start >= 12:
                start -= 12
            elif start_pm is None and end_pm and start + 12 <= end:
                start += 12  # "6-8.30pm": the suffix covers both ends
        length = end - start
        if 0 < length <= 14:
            return round(length, 2)
    return None
