"""Mode of study (online / in person / blended) and study pattern (part/full time, flexible).

Blended when the text says so or names both online and on-site teaching ("Online with
on-campus workshops"); online and in person from the usual English and Welsh phrases.
"""

from __future__ import annotations

import re

from indexer.normalise.quality import warn
from indexer.normalise.text import clean, fold
from indexer.schema import Mode, Pattern, Warning

_BLENDED = re.compile(
    r"\bblended\b|\bhybrid\b|\bcyfunol\b|\bgyfunol\b|\bhybrid\b|\bmixed mode\b|\bdull cymysg\b"
)
_ONLINE = re.compile(
    r"\bon-?line\b|\bdistance\b|\bremote(?:ly)?\b|\bvirtual\b|\bweb-?based\b|\be-?learning\b|"
    r"\bar-?lein\b|\bar lein\b|\bo bell\b|\bzoom\b|\bmicrosoft teams\b|\bwebinars?\b"
)
_IN_PERSON = re.compile(
    r"face[- ]?to[- ]?face|\bf2f\b|\bin[- ]person\b|on[- ]campus|on[- ]site|\bclassroom|\bcampus\b|"
    r"\bworkshops? at\b|\bin the workplace\b|wyneb yn wyneb|ystafell ddosbarth|\bcampws\b|\bgampws\b|"
    r"\bwyneb-yn-wyneb\b|\bar y safle\b|\bworkplace-based\b"
)
# Online delivery that merely mentions a campus name is still online ("Online (UK-wide)").
_PART_TIME = re.compile(
    r"part[- ]?time|rhan[- ]?amser|evenings?\b|weekly|yr wythnos|wythnosol|noson"
)
_FULL_TIME = re.compile(r"full[- ]?time|llawn[- ]?amser|intensive|dwys\b")


def normalise_mode(
    mode_text: str | None, location_text: str | None = None
) -> tuple[Mode | None, list[Warning]]:
    """Mode from the mode string; from the location string (with a warning) if that is all."""
    folded = fold(mode_text)
    source, inferred = folded, False
    if not folded:
        source, inferred = fold(location_text), True
        if not source:
            return None, [warn("mode", "missing")]
    online, in_person = bool(_ONLINE.search(source)), bool(_IN_PERSON.search(source))
    mode: Mode | None
    if _BLENDED.search(source) or (online and in_person):
        mode = "blended"
    elif online:
        mode = "online"
    elif in_person or inferred:
        # a location with no online cue ("Wrexham Campus") means the course is taught there
        mode = "in_person"
    else:
        mode = None
    if mode is None:
        return None, [warn("mode", "unreadable", clean(mode_text))]
    if inferred:
        return mode, [warn("mode", "inferred", clean(location_text))]
    return mode, []


def study_pattern(
    duration_text: str | None, mode_text: str | None, *, self_paced: bool
) -> Pattern | None:
    """Part-time, full-time or flexible, when the text says or implies it."""
    folded = f"{fold(duration_text)} {fold(mode_text)}"
    if _FULL_TIME.search(folded):
        return "full_time"
    if self_paced:
        return "flexible"
    if _PART_TIME.search(folded):
        return "part_time"
    return None
