"""`coursefinder extract --url URL FILE` on each shape: JSON-LD, microdata, XCRI, plain HTML."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from coursefinder.cli import main

FIXTURES = Path(__file__).parent / "fixtures"


def _extract(case: str, url: str, file: str = "page.html") -> tuple[list[dict], str]:
    result = CliRunner().invoke(main, ["extract", "--url", url, str(FIXTURES / case / file)])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    return [json.loads(line) for line in lines], result.stderr


@pytest.mark.parametrize(
    ("case", "url", "extractor", "code"),
    [
        (
            "pennine-ridge-university/jsonld-he-level",
            "http://pennine-ridge-university.example/short-courses/bim-fundamentals",
            "jsonld",
            "pru-016",
        ),
        (
            "eryri-university/microdata-start-no-year",
            "http://eryri-university.example/en/short-courses/introduction-to-gis-and-mapping",
            "microdata",
            "eru-020",
        ),
        (
            "gwaun-derw-training/selectors-divs",
            "http://gwaun-derw-training.example/training/solar-pv-installation",
            "selectors",
            "gdt-011",
        ),
    ],
)
def test_extract_html_shapes(case: str, url: str, extractor: str, code: str) -> None:
    listings, _ = _extract(case, url)
    assert len(listings) == 1
    listing = listings[0]
    assert (listing["extractor"], listing["course_code"], listing["url"]) == (extractor, code, url)
    assert listing["provider_id"] == url.split("//")[1].split(".")[0]
    assert listing["title_en"] and listing["fetched_at"].endswith("Z")
    assert len(listing["content_hash"]) == 64


def test_extract_xcri_feed_prints_one_line_per_course() -> None:
    listings, _ = _extract(
        "coleg-taf-elai/xcri-feed", "http://coleg-taf-elai.example/feeds/xcri.xml", "page.xml"
    )
    assert [x["course_code"] for x in listings] == ["cte-001", "cte-002", "cte-003"]
    assert {x["extractor"] for x in listings} == {"xcri"}
    assert listings[0]["title_cy"] == "Rhaglennu Python: Y Camau Cyntaf"
    # per-course hashes: one course changing does not make every course look changed
    assert len({x["content_hash"] for x in listings}) == 3


def test_extract_plain_html_without_provider_uses_heuristic() -> None:
    listings, _ = _extract(
        "no-provider/cp1252-in-utf8-welsh", "http://canolfan-crefft.example/cy/cyrsiau/gwaith-coed"
    )
    (listing,) = listings
    assert listing["extractor"] == "heuristic"
    assert listing["title_cy"] == "Gwaith coed: gwneud bŵrdd a thŷ adar"
    assert listing["duration_text"] == "Pum noson, 6pm–8pm"  # "Hyd" label
    assert listing["cost_text"].startswith("£45")  # "Cost:" label, cp1252 pound sign repaired
    assert "provider_id" not in listing


def test_selectors_of_the_matching_provider_are_used_for_its_host(tmp_path: Path) -> None:
    # The same bytes under an unknown host fall back to the heuristic.
    page = FIXTURES / "kestrelgate-training/selectors-missing-cost/page.html"
    result = CliRunner().invoke(main, ["extract", "--url", "http://elsewhere.example/x", str(page)])
    assert json.loads(result.stdout.splitlines()[0])["extractor"] == "heuristic"


def test_extract_reports_problems_on_stderr() -> None:
    listings, stderr = _extract(
        "tywi-valley-university/invalid-jsonld-block",
        "http://tywi-valley-university.example/en/courses/bookkeeping-basics",
    )
    assert [x["course_code"] for x in listings] == ["tvu-900"]
    assert "invalid JSON-LD" in stderr


def test_extract_nothing_found(tmp_path: Path) -> None:
    page = tmp_path / "empty.html"
    page.write_text("<html><body><p>Nothing here</p></body></html>")
    result = CliRunner().invoke(main, ["extract", "--url", "http://x.example/", str(page)])
    assert result.exit_code == 0 and result.stdout == ""
