"""Translatable labels for the values the search and the course schema use.

Lazy strings: defined once at import, translated when rendered in a request's language.
"""

from __future__ import annotations

import csv
from functools import lru_cache

from flask_babel import lazy_gettext as _l

from indexer.config import PROJECT_ROOT

FACET_TITLES = {
    "subject": _l("Subject"),
    "level": _l("Level (RQF/CQFW)"),
    "duration": _l("Length of study"),
    "mode": _l("Mode of study"),
    "cost": _l("Cost and funding"),
    "provider": _l("Provider"),
    "language": _l("Language of delivery"),
    "start": _l("Start month"),
}

MODE_LABELS = {
    "online": _l("Online"),
    "in_person": _l("In person"),
    "blended": _l("Blended (online and in person)"),
}

COST_FACET_LABELS = {
    "free": _l("Free"),
    "funded": _l("Funded"),
    "paid": _l("Paid"),
}

LANGUAGE_LABELS = {
    "en": _l("English"),
    "cy": _l("Welsh"),
    "bilingual": _l("Bilingual (English and Welsh)"),
}

DURATION_LABELS = {
    "under-10": _l("Under 10 hours"),
    "10-30": _l("10 to 30 hours"),
    "30-100": _l("30 to 100 hours"),
    "100-200": _l("100 to 200 hours"),
    "200-plus": _l("200 hours or more"),
}

SORT_LABELS = {
    "relevance": _l("Relevance"),
    "start": _l("Start date (soonest first)"),
    "duration": _l("Duration (shortest first)"),
    "cost": _l("Cost (lowest first)"),
}

FRAMEWORK_LABELS = {
    "cqfw": _l("Credit and Qualifications Framework for Wales (CQFW)"),
    "rqf": _l("Regulated Qualifications Framework (RQF)"),
    "scqf": _l("Scottish Credit and Qualifications Framework (SCQF)"),
    "fheq": _l("Framework for Higher Education Qualifications (FHEQ)"),
    "fqheis": _l("Framework for Qualifications of Higher Education Institutions in Scotland"),
    "nfq": _l("National Framework of Qualifications (NFQ)"),
    "eqf": _l("European Qualifications Framework (EQF)"),
    "none": _l("No formal level"),
}

CREDIT_SCHEME_LABELS = {
    "uk": _l("UK credits"),
    "scqf": _l("SCQF credit points"),
    "ects": _l("European credits (ECTS)"),
}

CREDENTIAL_LABELS = {
    "micro-credential": _l("Micro-credential"),
    "short-course": _l("Short course"),
    "cpd": _l("Continuing professional development (CPD)"),
    "bootcamp": _l("Skills bootcamp"),
    "module": _l("Standalone module"),
    "other": _l("Other course"),
}

PATTERN_LABELS = {
    "part_time": _l("Part-time"),
    "full_time": _l("Full-time"),
    "flexible": _l("Flexible"),
}

START_ANYTIME = _l("Start any time")


def level_label(value: str | int | None) -> str | None:
    """'entry' -> 'Entry level', 4 -> 'Level 4' (on the RQF/CQFW scale)."""
    if value is None or value == "":
        return None
    if str(value).startswith("entry"):
        return str(_l("Entry level"))
    return str(_l("Level %(level)s", level=value))


@lru_cache(maxsize=1)
def subject_groups() -> dict[str, dict[str, str]]:
    """CAH level-1 groups, code -> {"en", "cy"} labels (HESA CAH v1.3, Discover Uni Welsh)."""
    groups: dict[str, dict[str, str]] = {}
    with (PROJECT_ROOT / "indexer" / "data" / "cah_v1.3_bilingual.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["cah_level"] == "1":
                groups[row["cah_code"]] = {
                    "en": row["label_en_discoveruni"],
                    "cy": row["label_cy_discoveruni"],
                }
    return groups
