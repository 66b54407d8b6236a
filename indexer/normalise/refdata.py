"""Reference tables the normalisers load once: levels, HECoS/CAH, our own YAML data.

The CSVs are the package copies in `indexer/data/` (never retyped); the YAML files under
`indexer/normalise/data/` are ours (subject terms, campus-town gazetteer).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

INDEXER_DATA = Path(__file__).resolve().parent.parent / "data"
NORMALISE_DATA = Path(__file__).resolve().parent / "data"

# levels.csv names frameworks in prose; this maps its first word to our vocabulary.
_FRAMEWORK_PREFIX = {
    "RQF": "rqf",
    "CQFW": "cqfw",
    "SCQF": "scqf",
    "FHEQ": "fheq",
    "FQHEIS": "fqheis",
    "NFQ": "nfq",
    "EQF": "eqf",
}
_LEADING_EQUIV = re.compile(r"^\s*(entry\s*\d|\d+)(.*)$", re.IGNORECASE)


@dataclass(frozen=True)
class LevelRow:
    eqf: int | None
    rqf_equivalent: int | str | None  # 1..8, "entry", or None when the table says it spans two


def _equivalent(cell: str) -> int | str | None:
    """Read "4", "Entry 3 (QCB...)", "4/5" or "4 and 5" into 4, "entry" or None (spans)."""
    match = _LEADING_EQUIV.match(cell or "")
    if not match:
        return None
    head, rest = match.group(1).lower(), match.group(2).strip().lower()
    if head.startswith("entry"):
        return "entry"
    if rest.startswith("/") or rest.startswith("and"):
        return None  # the table says the level spans two RQF levels: no single answer
    return int(head)


@lru_cache(maxsize=1)
def level_table() -> dict[tuple[str, str], LevelRow]:
    """(framework, "3" | "entry3") -> EQF level and RQF/CQFW equivalent, from levels.csv."""
    table: dict[tuple[str, str], LevelRow] = {}
    with (INDEXER_DATA / "levels.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            framework = _FRAMEWORK_PREFIX.get(row["framework"].split()[0])
            if framework is None:
                continue
            level = row["level"].strip().lower().replace(" ", "")
            eqf = int(row["eqf_level"]) if row["eqf_level"].strip().isdigit() else None
            table[(framework, level)] = LevelRow(eqf, _equivalent(row["rqf_cqfw_equivalent"]))
    return table


@dataclass(frozen=True)
class HecosRow:
    code: str
    label: str
    cah3: str
    cah2: str
    cah1: str
    cah3_label_cy: str


@lru_cache(maxsize=1)
def hecos_table() -> dict[str, HecosRow]:
    """HECoS code -> label and CAH groups, from hecos_cah_map.csv."""
    table: dict[str, HecosRow] = {}
    with (INDEXER_DATA / "hecos_cah_map.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            label = row["hecos_label_dfe"].split("|")[0].strip()
            table[row["hecos_code"]] = HecosRow(
                row["hecos_code"],
                label,
                row["cah3_code"],
                row["cah2_code"],
                row["cah1_code"],
                row["cah3_label_cy"],
            )
    return table


@lru_cache(maxsize=1)
def cah_labels() -> dict[str, tuple[str, str]]:
    """CAH code -> (English label, Welsh label) as Discover Uni publishes them."""
    labels: dict[str, tuple[str, str]] = {}
    with (INDEXER_DATA / "cah_v1.3_bilingual.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            labels[row["cah_code"]] = (row["label_en_discoveruni"], row["label_cy_discoveruni"])
    return labels


@lru_cache(maxsize=8)
def load_yaml(name: str) -> Any:
    """One of our own data files under indexer/normalise/data/."""
    with (NORMALISE_DATA / name).open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)
