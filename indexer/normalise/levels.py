"""Qualification levels: framework, value, RQF/CQFW equivalent and EQF level.

Rules (devsets README, "Level"): a named framework wins; a bare "Level N" takes the provider
nation's framework; Masters/Meistr implies FHEQ; "Postgraduate" alone is FHEQ 7,
"Undergraduate" alone is FHEQ with no number; "no level" statements give framework "none";
a level stated only inside the credits string counts. Equivalents come from levels.csv.
"""

from __future__ import annotations

import re

from indexer.normalise.quality import warn
from indexer.normalise.refdata import level_table
from indexer.normalise.text import clean, fold
from indexer.schema import Level, Warning

NATION_DEFAULT = {
    "wales": "cqfw",
    "scotland": "scqf",
    "england": "rqf",
    "northern_ireland": "rqf",
    "uk": "rqf",
}
# Awarding bodies tie a bare level to their nation's framework when the nation is unknown.
_BODY_HINTS = (
    (re.compile(r"\bagored cymru\b"), "cqfw"),
    (re.compile(r"\b(sqa|scottish qualifications authority)\b"), "scqf"),
    (re.compile(r"\b(qqi)\b"), "nfq"),
)
# Full framework names become their acronym before matching.
_NAMES = (
    (
        re.compile(
            r"credit and qualifications? framework for wales|fframwaith credydau a chymwysterau cymru"
        ),
        "cqfw",
    ),
    (re.compile(r"scottish credit and qualifications? framework"), "scqf"),
    (re.compile(r"regulated qualifications? framework"), "rqf"),
    (re.compile(r"framework for higher education qualifications(?: in scotland)?"), "fheq"),
    (re.compile(r"european qualifications? framework"), "eqf"),
    (re.compile(r"national framework of qualifications"), "nfq"),
)
_ACRONYMS = {
    "scqf": "scqf",
    "cqfw": "cqfw",
    "ffcchc": "cqfw",
    "rqf": "rqf",
    "fheq": "fheq",
    "fqheis": "fqheis",
    "nfq": "nfq",
    "qqi": "nfq",
    "eqf": "eqf",
}
_FW = r"(scqf|cqfw|ffcchc|rqf|fheq|fqheis|nfq|qqi|eqf)"
_LVL = r"(?:level|lefel|lvl|lev\.?|l)"
_NUM = r"(\d{1,2})(?!\d|\s*(?:credit|credyd|hour|awr|oriau))"
# "SCQF level 6", "SCQF 6", "(CQFW) Level 3", "FfCChC lefel 2"
_FW_THEN_NUM = re.compile(rf"\b{_FW}\)?\s*(?:{_LVL}\s*)?[:.]?\s*{_NUM}")
# "Level 4 (CQFW)", "Lefel 2 FfCChC"
_NUM_THEN_FW = re.compile(rf"\b{_LVL}\s*[:.]?\s*{_NUM}\s*\(?\s*{_FW}\b")
# "Entry Level 3", "Entry 3", "Lefel Mynediad 3", "E3"
_ENTRY = re.compile(r"\b(?:entry|mynediad|fynediad)\s*(?:level|lefel)?\s*[:.]?\s*([1-3])\b")
_BARE = re.compile(rf"\b(?:level|lefel|lvl|lev\.?)\s*[:.]?\s*{_NUM}")
_MASTERS = re.compile(r"\b(masters?|master's|meistr|feistr)\b")
_POSTGRAD = re.compile(r"\b(post-?graduate|ol-raddedig|ôl-raddedig|ol raddedig)\b")
_UNDERGRAD = re.compile(r"\b(under-?graduate|israddedig)\b")
_NO_LEVEL = re.compile(
    r"\b(no (?:formal |specific |set )?level|not level+ed|unlevel+ed|non-level+ed|"
    r"dim lefel|heb lefel|no qualification level)\b"
)
_FW_ONLY = re.compile(rf"\b{_FW}\b")
_RANGES = {
    "rqf": (1, 8),
    "cqfw": (1, 8),
    "fheq": (4, 8),
    "scqf": (1, 12),
    "fqheis": (7, 12),
    "nfq": (1, 10),
    "eqf": (1, 8),
}


def _with_equivalents(framework: str, value: int | str | None, stated: str | None) -> Level:
    row = level_table().get((framework, str(value))) if value is not None else None
    return Level(
        framework=framework,  # type: ignore[arg-type]
        value=value,
        rqf_equivalent=row.rqf_equivalent if row else None,
        eqf=row.eqf if row else None,
        stated=stated,
    )


def _expand_names(folded: str) -> str:
    if "framework" not in folded and "fframwaith" not in folded:
        return folded
    for pattern, acronym in _NAMES:
        folded = pattern.sub(acronym, folded)
    return folded


def _default_framework(folded: str, nation: str | None) -> str | None:
    for pattern, framework in _BODY_HINTS:
        if pattern.search(folded):
            return framework
    return NATION_DEFAULT.get(nation or "")


def _entry_level(folded: str, entry: re.Match[str], nation: str | None) -> tuple[str | None, str]:
    """("rqf" | "cqfw" | None, "entryN"): entry levels exist only in RQF and CQFW."""
    named = _FW_ONLY.search(folded)
    framework = (
        _ACRONYMS[named.group(1)] if named else (_default_framework(folded, nation) or "rqf")
    )
    return (framework if framework in ("rqf", "cqfw") else None), f"entry{entry.group(1)}"


def _bare_level(
    folded: str, value: int, nation: str | None, provider_type: str | None, stated: str | None
) -> tuple[str, list[Warning]]:
    """Framework of a bare "Level N": one named elsewhere, Masters -> FHEQ, else the nation's."""
    named = _FW_ONLY.search(folded)
    if named:
        return _ACRONYMS[named.group(1)], []
    if _MASTERS.search(folded):
        return "fheq", []
    warnings = []
    framework = _default_framework(folded, nation)
    if framework is None:
        framework = "rqf"
        warnings.append(warn("level", "assumed_framework", stated))
    if provider_type == "university" and value <= 3:
        warnings.append(warn("level", "year_of_study", stated))
    return framework, warnings


def parse_level(
    text: str | None, *, nation: str | None = None, provider_type: str | None = None
) -> tuple[Level | None, list[Warning]]:
    """Read one string; None when it says nothing about a level."""
    folded = _expand_names(fold(text))
    if not folded:
        return None, []
    stated = clean(text)
    if _NO_LEVEL.search(folded):
        return Level(framework="none", stated=stated), []

    warnings: list[Warning] = []
    framework: str | None
    value: int | str
    entry = _ENTRY.search(folded)
    named = _FW_THEN_NUM.search(folded) or _NUM_THEN_FW.search(folded)
    bare = _BARE.search(folded)
    if named and not (entry and entry.start() <= named.start()):
        first, second = named.groups()
        framework, value = (
            (_ACRONYMS[second], int(first)) if first.isdigit() else (_ACRONYMS[first], int(second))
        )
    elif entry:
        framework, value = _entry_level(folded, entry, nation)
        if framework is None:
            return Level(stated=stated), [warn("level", "ambiguous", stated)]
    elif bare:
        value = int(bare.group(1))
        framework, warnings = _bare_level(folded, value, nation, provider_type, stated)
    elif _MASTERS.search(folded) or _POSTGRAD.search(folded):
        return _with_equivalents("fheq", 7, stated), []
    elif _UNDERGRAD.search(folded):
        return Level(framework="fheq", stated=stated), []  # could be 4, 5 or 6
    else:
        return None, []

    if isinstance(value, int):
        low, high = _RANGES[framework]
        if not low <= value <= high:
            return Level(stated=stated), [warn("level", "unreadable", stated)]
    return _with_equivalents(framework, value, stated), warnings


def normalise_level(
    level_text: str | None,
    credits_text: str | None = None,
    *,
    nation: str | None = None,
    provider_type: str | None = None,
) -> tuple[Level, list[Warning]]:
    """Level from the level string, else from a level stated inside the credits string."""
    level, warnings = parse_level(level_text, nation=nation, provider_type=provider_type)
    if level is not None:
        return level, warnings
    if fold(level_text):
        return Level(stated=clean(level_text)), [
            *warnings,
            warn("level", "unreadable", clean(level_text)),
        ]
    in_credits = fold(credits_text)
    if in_credits and re.search(r"\b(level|lefel|lvl)\b|" + _FW, in_credits):
        level, more = parse_level(credits_text, nation=nation, provider_type=provider_type)
        if level is not None and level.framework not in (None, "none"):
            return level, more
    return Level(), [warn("level", "missing")]
