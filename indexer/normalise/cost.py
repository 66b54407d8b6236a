"""Cost: what a UK (home) learner pays in pounds, and the free / funded flags.

Rules (devsets README, "Cost"): the home/UK fee over the international one; "+ VAT" adds
20% unless an inclusive figure is also given; free means the learner pays nothing; funded
means public or programme money pays all or part (a plain "Free" is free, not funded);
part-funded gives the subsidised price; "Price on application" gives no price, not free,
not funded.
"""

from __future__ import annotations

import re

from indexer.normalise.quality import warn
from indexer.normalise.text import clean, fold, tidy_number, to_number
from indexer.schema import Cost, Warning

VAT_RATE = 0.20

_AMOUNT = re.compile(
    r"(?:£|gbp\s*|\bpounds?\s*)\s*(\d{1,3}(?:,\d{3}){1,3}|\d{1,9})(?:\.(\d{1,2}))?(?!\d)|"
    r"(?<![\d,.])(\d{1,3}(?:,\d{3}){1,3}|\d{1,9})(?:\.(\d{1,2}))?\s*(?:pounds|punt|gbp)\b"
)
_INTERNATIONAL = re.compile(
    r"^\W{0,3}(?:\(|-|for\s+)?\s*(?:international|overseas|non-uk|rhyngwladol|eu/international)"
)
_HOME = re.compile(r"^\W{0,3}(?:\(|-|for\s+)?\s*(?:uk|home|home/eu|cartref|y du)\b")
_INTERNATIONAL_BEFORE = re.compile(
    r"(?:international|overseas|rhyngwladol)(?: learners| students| fee)?\W*$"
)
_HOME_BEFORE = re.compile(r"\b(?:uk|home|cartref)(?: learners| students| fee)?\W*$")
_PLUS_VAT = re.compile(
    r"(?:\+|plus|ex\.?|excl?\.?|excluding|exclusive of|heb gynnwys|\+ ?)\s*(?:vat|taw)\b"
)
_INC_VAT = re.compile(
    r"(?:inc\.?|incl\.?|including|inclusive of|yn cynnwys|gan gynnwys)\s*(?:vat|taw)\b"
)
_FULL_COST = re.compile(
    r"(?:full cost|full price|usual(?:ly)?|was|normally|cost llawn|pris llawn|fel arfer)\W{0,3}$"
)
_FREE = re.compile(
    r"\bfree\b|no fee|no cost|no charge|fully[- ]funded|fully[- ]subsidised|"
    r"am ddim|dim ffi|dim cost|di-?dâl|di-?dal|wedi'i ariannu'n llawn|ariennir yn llawn|yn rhad ac am ddim"
)
_FUNDED = re.compile(
    r"\bfund(?:ed|ing|s)?\b|subsidi[sz]ed|subsidy|bursary|sponsored|"
    r"personal learning account|\bpla\b|free courses for jobs|skills bootcamp|government-funded|"
    r"ariann|ariennir|cymhorthdal|chymhorthdal|cyfrif dysgu personol|grant\b"
)
_ON_APPLICATION = re.compile(
    r"on application|on request|contact us|contact the|please contact|\bpoa\b|to be confirmed|\btbc\b|"
    r"cysylltwch|ar gais|i'w gadarnhau"
)


def _amounts(folded: str) -> list[tuple[float, int, int]]:
    """Every pound figure as (value, start, end)."""
    found = []
    for match in _AMOUNT.finditer(folded):
        whole = match.group(1) or match.group(3)
        pence = match.group(2) or match.group(4)
        value = to_number(whole)
        if value is None:
            continue
        if pence:
            value += int(pence.ljust(2, "0")) / 100
        found.append((value, match.start(), match.end()))
    return found


def _home_fee(folded: str, amounts: list[tuple[float, int, int]]) -> tuple[float | None, bool]:
    """(home fee, only_international): skip figures labelled international or "full cost"."""
    home: list[float] = []
    international_seen = False
    previous_end = 0
    for value, start, end in amounts:
        after, before = folded[end : end + 25], folded[max(0, start - 20) : start]
        label, previous_end = folded[previous_end:start], end  # text since the last figure
        if _INTERNATIONAL_BEFORE.search(label):
            international_seen = True
            continue
        if _HOME_BEFORE.search(label):
            return value, False
        if _INTERNATIONAL.search(after):
            international_seen = True
            continue
        if _FULL_COST.search(before):
            continue
        if _HOME.search(after):
            return value, False
        home.append(value)
    if home:
        return home[0], False
    return None, international_seen


def normalise_cost(text: str | None) -> tuple[Cost, list[Warning]]:
    """Return the cost and any warnings; never raises on provider text."""
    folded = fold(text)
    stated = clean(text)
    if not folded:
        return Cost(), [warn("cost", "missing")]
    warnings: list[Warning] = []
    amounts = _amounts(folded)
    gbp, only_international = _home_fee(folded, amounts)
    if only_international:
        warnings.append(warn("cost", "no_home_fee", stated))

    if gbp is not None and _PLUS_VAT.search(folded):
        ends = [start for _, start, _ in amounts[1:]] + [len(folded)]
        inclusive = [
            value
            for (value, _, end), stop in zip(amounts, ends, strict=True)
            if _INC_VAT.search(folded[end : min(stop, end + 30)])
        ]
        gbp = inclusive[0] if inclusive else gbp * (1 + VAT_RATE)

    says_free = bool(_FREE.search(folded))
    funded = bool(_FUNDED.search(folded))
    if gbp is None and says_free:
        gbp = 0.0
    if gbp is None:
        if _ON_APPLICATION.search(folded):
            return Cost(free=False, funded=False, stated=stated), warnings
        return Cost(stated=stated), [*warnings, warn("cost", "unreadable", stated)]
    free = gbp == 0
    return (
        Cost(gbp=tidy_number(round(gbp, 2)), free=free, funded=funded, stated=stated),
        warnings,
    )
