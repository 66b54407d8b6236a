"""Saved pages in, expected raw listings out: one case per fixture folder, compared field by field.

Cases under fixtures/<provider>/<case>/ were saved from the sample sites with
`python -m crawler.snapshot` and checked against the devset's `published` strings, or
written by hand (malformed HTML, invalid JSON-LD, a broken XCRI feed, cp1252 bytes in a
UTF-8 page). `fetched_at` is the only field not compared: it is the time of extraction.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import pytest

from crawler.extract import extract_file
from crawler.listings import merge_all

FIXTURES = Path(__file__).parent / "fixtures"
CASES = sorted(p.parent for p in FIXTURES.glob("*/*/meta.json"))


def _run(case: Path) -> tuple[list[dict], list[str]]:
    meta = json.loads((case / "meta.json").read_text(encoding="utf-8"))
    found, problems = [], []
    for page in meta["pages"]:
        listings, page_problems = extract_file(
            page["url"], (case / page["file"]).read_bytes(), page.get("content_type")
        )
        found += listings
        problems += page_problems
    got = [
        {k: v for k, v in asdict(item).items() if v not in (None, [], "")}
        for item in merge_all(found)
    ]
    return got, problems


@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fixture(case: Path) -> None:
    expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    got, problems = _run(case)
    assert len(got) == len(expected), f"{len(got)} listings found, {len(expected)} expected"
    for n, (want, have) in enumerate(zip(expected, got, strict=True)):
        assert have.pop("fetched_at", None), f"listing {n}: no fetched_at"
        diffs = [
            f"listing {n}, {name}: expected {want.get(name)!r}, got {have.get(name)!r}"
            for name in sorted(set(want) | set(have))
            if want.get(name) != have.get(name)
        ]
        assert not diffs, "\n".join(diffs)
    wanted_problems = json.loads((case / "meta.json").read_text(encoding="utf-8")).get(
        "problems", []
    )
    for fragment in wanted_problems:
        assert any(fragment in p for p in problems), (
            f"no problem mentioning {fragment!r} in {problems}"
        )
    if not wanted_problems:
        assert problems == []


def test_fixtures_cover_every_shape() -> None:
    extractors = {
        item["extractor"]
        for case in CASES
        for item in json.loads((case / "expected.json").read_text())
    }
    assert {"jsonld", "microdata", "xcri", "selectors", "heuristic"} <= extractors
