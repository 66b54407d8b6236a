"""Credits: value and scheme as first stated, UK-credit equivalent, credit-bearing flag.

1 UK credit = 1 CATS point = 1 SCQF credit point = 10 notional hours; 1 ECTS = 2 UK credits.
"20 credits (10 ECTS)" is UK 20 and "5 ECTS (10 UK credits)" is ECTS 5: the first figure wins.
CPD hours are not academic credit.
"""

from __future__ import annotations

import re

from indexer.normalise.quality import warn
from indexer.normalise.text import clean, fold, tidy_number, to_number
from indexer.schema import Credits, Warning

UK_PER_UNIT = {"uk": 1.0, "scqf": 1.0, "ects": 2.0}

_NONE = re.compile(
    r"non-?credit|no credits?\b|not credit[- ]?bearing|not credit[- ]rated|does not carry (?:any )?(?:academic )?credit|"
    r"carries no (?:academic )?credit|non-?accredited|not accredited|unaccredited|"
    r"\bcpd (?:hours?|points?|certificate)|\bhours? (?:of )?cpd\b|"
    r"heb gredyd|dim credyd|heb ei achredu|heb achrediad|tystysgrif dpp|oriau dpp|\bdim credydau\b"
)
_N = r"(?<![\d.,])(\d{1,4}(?:[.,]\d{1,2})?)"  # bounded: no quadratic backtracking on digit runs
# figure then unit: "20 credits", "10 CATS points", "20 SCQF credit points", "5 ECTS", "15 o gredydau"
_FIGURE_UNIT = re.compile(
    rf"{_N}\s*(?:"
    r"(?P<scqf>scqf\s*(?:credit\s*)?(?:points?|credits?|pwyntiau|credydau))|"
    r"(?P<ects>ects)|"
    r"(?P<uk>(?:uk\s*|cats\s*|academic\s*)?(?:credits?|credit points?|points?\b|credyd(?:au)?|o gredydau|gredydau|chredyd)|cats(?:\s*points?)?)"
    r")"
)
# label then figure: "Credit value: 15", "Gwerth credyd: 20", "SCQF credit points: 20", "ECTS: 5"
_LABEL_FIGURE = re.compile(
    r"(?:(?P<scqf>scqf\s*(?:credit\s*)?(?:points?|credits?))|(?P<ects>ects(?:\s*credits?)?)|"
    r"(?P<uk>credit value|credits?|gwerth credyd|credydau|cats points?|uk credits?))"
    rf"\s*[:=]\s*{_N}"
)


def normalise_credits(text: str | None) -> tuple[Credits, bool | None, list[Warning]]:
    """Return (credits, credit_bearing, warnings)."""
    folded = fold(text)
    stated = clean(text)
    if not folded:
        return Credits(), None, [warn("credits", "missing")]
    candidates = []
    for pattern in (_FIGURE_UNIT, _LABEL_FIGURE):
        for match in pattern.finditer(folded):
            scheme = next(name for name in ("scqf", "ects", "uk") if match.group(name))
            figure = match.group(1) if pattern is _FIGURE_UNIT else match.groups()[-1]
            candidates.append((match.start(), scheme, figure))
            break
    if candidates:
        _, scheme, figure = min(candidates)
        value = to_number(figure.replace(",", "."))
        if value == 0:
            return Credits(scheme="none", stated=stated), False, []
        if value is not None and 0 < value <= 1000:
            uk = value * UK_PER_UNIT[scheme]
            credits = Credits(
                value=tidy_number(value),
                scheme=scheme,  # type: ignore[arg-type]
                uk_equivalent=tidy_number(uk),
                stated=stated,
            )
            return credits, True, []
    if _NONE.search(folded):
        return Credits(scheme="none", stated=stated), False, []
    return Credits(stated=stated), None, [warn("credits", "unreadable", stated)]
