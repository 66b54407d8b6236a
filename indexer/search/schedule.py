"""When a course meets, read from the stated duration and start text: weekend, evening.

Learners ask for "weekend courses" and "evening classes"; providers say it in passing
("Saturdays, 10am-4pm", "1 evening a week (6.30pm-9pm)", "nos Fawrth"). These tags are
derived at index time so a query constraint can match them as a keyword.
"""

from __future__ import annotations

import re

WEEKEND = re.compile(
    r"\b(saturdays?|sundays?|sat|sun|weekends?|dydd sadwrn|ddydd sadwrn|sadwrn|dydd sul|penwythnos(au)?)\b",
    re.IGNORECASE,
)
EVENING = re.compile(
    r"\b(evenings?|gyda'r nos|nos (lun|fawrth|fercher|iau|wener)|min nos)\b", re.IGNORECASE
)
# A session starting at 5pm or later: "6pm", "6.30pm", "18:00".
CLOCK_12 = re.compile(r"\b(\d{1,2})(?:[.:]\d{2})?\s*pm\b", re.IGNORECASE)
CLOCK_24 = re.compile(r"\b(1[7-9]|2[0-2])[:.]\d{2}\b")


def _starts_late(text: str) -> bool:
    first = CLOCK_12.search(text)
    if first and 5 <= int(first.group(1)) <= 10:
        return True
    return bool(CLOCK_24.search(text))


def schedule_tags(*texts: str | None) -> list[str]:
    """["weekend"] and/or ["evening"] when the stated text says so."""
    text = " ".join(t for t in texts if t)
    tags = []
    if WEEKEND.search(text):
        tags.append("weekend")
    if EVENING.search(text) or _starts_late(text):
        tags.append("evening")
    return tags
