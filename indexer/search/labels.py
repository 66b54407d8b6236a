"""Bilingual labels for subject codes (CAH), read from the packaged reference data."""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources


@cache
def cah_labels() -> dict[str, dict[str, str]]:
    """CAH code (any level) -> {"en": ..., "cy": ...}, as Discover Uni words them."""
    path = resources.files("indexer") / "data" / "cah_v1.3_bilingual.csv"
    with path.open(encoding="utf-8") as fh:
        return {
            row["cah_code"]: {
                "en": row["label_en_discoveruni"].strip(),
                "cy": row["label_cy_discoveruni"].strip(),
            }
            for row in csv.DictReader(fh)
        }


def subject_label(code: str) -> dict[str, str] | None:
    """The label of a CAH code for facet buckets, or None for an unknown code."""
    return cah_labels().get(code)
