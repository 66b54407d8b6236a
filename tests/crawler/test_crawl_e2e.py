"""End to end: `python -m crawler.run` against the local sample provider sites.

Each crawl runs in a subprocess (Twisted's reactor cannot restart in one process); the
sample sites run in this process and are reached, as in production, through http_proxy.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from samplesites.devset import load_devset
from samplesites.server import SampleSites

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

PROVENANCE = (
    "url",
    "fetched_at",
    "content_hash",
    "extractor",
    "provider_id",
    "provider_nation",
    "provider_type",
    "course_code",
)


def crawl(sites: SampleSites, var: Path, *providers: str) -> tuple[int, dict[str, dict], str]:
    report_path = var / f"report-{len(list(var.glob('report-*')))}.json"
    env = dict(
        os.environ,
        http_proxy=sites.proxy_url,
        no_proxy="127.0.0.1,localhost",
        COURSEFINDER_VAR=str(var),
    )
    env.pop("HTTP_PROXY", None)
    args = [
        sys.executable,
        "-m",
        "crawler.run",
        "--fast",
        "--no-ingest",
        "--report-json",
        str(report_path),
    ]
    args += [arg for pid in providers for arg in ("--provider", pid)]
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=240)
    reports = (
        {r["provider_id"]: r for r in json.loads(report_path.read_text())}
        if report_path.exists()
        else {}
    )
    return done.returncode, reports, done.stdout + done.stderr


def raw_listings(var: Path, provider: str) -> list[dict]:
    files = sorted((var / "raw" / provider).glob("*.jsonl"))
    return [json.loads(line) for line in files[-1].read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def expected_counts() -> Counter:
    return Counter(c.provider_id for c in load_devset().courses)


@pytest.fixture(scope="module")
def sites() -> Iterator[SampleSites]:
    with SampleSites.start(port=0) as running:
        yield running


def test_every_provider_yields_all_its_courses(
    sites: SampleSites, tmp_path: Path, expected_counts: Counter
) -> None:
    code, reports, output = crawl(sites, tmp_path)
    assert code == 0, output
    assert set(reports) == set(expected_counts)
    for provider, report in reports.items():
        assert report["status"] == "ok", (provider, report["errors"])
        assert report["listings_found"] == expected_counts[provider], provider
        listings = raw_listings(tmp_path, provider)
        assert (
            len({x["course_code"] for x in listings}) == len(listings) == expected_counts[provider]
        )
        for listing in listings:
            missing = [f for f in PROVENANCE if not listing.get(f)]
            assert not missing, (provider, listing.get("url"), missing)
        assert {x["extractor"] for x in listings} <= {"jsonld", "microdata", "xcri", "selectors"}
    bilingual = [
        x
        for x in raw_listings(tmp_path, "tywi-valley-university")
        if x.get("title_en") and x.get("title_cy")
    ]
    assert bilingual and all(x["url_cy"] != x["url"] for x in bilingual)
    # polite: robots.txt asked for, named user agent, nothing disallowed fetched
    log = sites.request_log
    assert {r.host for r in log if r.path == "/robots.txt"} >= {
        f"{p}.example" for p in expected_counts
    }
    assert all("coursefinder" in (r.user_agent or "") for r in log)
    assert not [r for r in log if r.path.startswith("/admin/")]


FAULTS = {
    "coleg-dyfi": "500",
    "gwaun-derw-training": "429",
    "tywi-valley-university": "bad-jsonld",
    "coleg-alun-a-chlwyd": "cp1252",
    "kestrelgate-training": "redirect-loop",
    "cromarty-firth-college": "duplicates",
    "pennine-ridge-university": "robots-disallow",
    "coleg-taf-elai": "broken-xcri",
    "uk-skills-commons": "huge:6",
}


def test_faulty_providers_are_reported_and_never_stop_the_others(
    tmp_path: Path, expected_counts: Counter
) -> None:
    with SampleSites.start(port=0, faults=FAULTS) as faulty:
        code, reports, output = crawl(faulty, tmp_path, *FAULTS)
    assert code == 0, output  # not every provider failed

    def reasons(provider: str) -> set[str]:
        return {e["reason"].split(":")[0] for e in reports[provider]["errors"]}

    assert reports["coleg-dyfi"]["status"] == "failed" and reasons("coleg-dyfi") == {"HTTP 500"}
    assert reports["pennine-ridge-university"]["status"] == "failed"
    assert reasons("pennine-ridge-university") == {"forbidden by robots.txt"}
    assert reports["uk-skills-commons"]["status"] == "failed"
    assert reasons("uk-skills-commons") == {"too large (over the download size cap)"}
    assert reports["kestrelgate-training"]["status"] == "failed"
    assert all(r.startswith("no response") for r in reasons("kestrelgate-training"))
    # recovered in full: retried after Retry-After, de-duplicated, decoded, fallen back
    for provider in (
        "gwaun-derw-training",
        "cromarty-firth-college",
        "coleg-alun-a-chlwyd",
        "tywi-valley-university",
    ):
        assert reports[provider]["listings_found"] == expected_counts[provider], (
            provider,
            reports[provider]["errors"],
        )
    assert reports["gwaun-derw-training"]["status"] == "ok"
    assert reports["cromarty-firth-college"]["status"] == "ok"
    welsh = " ".join(
        x.get("description_cy") or "" for x in raw_listings(tmp_path, "coleg-alun-a-chlwyd")
    )
    assert "\ufffd" not in welsh and any(ch in welsh for ch in "âŵŷ")
    fallback = {x["extractor"] for x in raw_listings(tmp_path, "tywi-valley-university")}
    assert "selectors" in fallback  # broken JSON-LD: the visible facts were used instead
    assert reports["tywi-valley-university"]["status"] == "partial"
    # a feed cut half-way still gives the courses before the cut
    xcri = reports["coleg-taf-elai"]
    assert (
        xcri["status"] == "partial"
        and 0 < xcri["listings_found"] < expected_counts["coleg-taf-elai"]
    )


def test_exit_status_is_non_zero_only_when_every_provider_failed(tmp_path: Path) -> None:
    with SampleSites.start(port=0, faults={"coleg-dyfi": "500"}) as faulty:
        code, reports, output = crawl(faulty, tmp_path, "coleg-dyfi")
    assert code == 1, output
    assert reports["coleg-dyfi"]["status"] == "failed"


def test_recrawl_sends_conditional_requests(sites: SampleSites, tmp_path: Path) -> None:
    crawl(sites, tmp_path, "pennine-ridge-university")
    code, reports, output = crawl(sites, tmp_path, "pennine-ridge-university")
    again = reports["pennine-ridge-university"]
    assert code == 0 and again["status"] == "ok" and again["listings_found"] == 30
    assert again["not_modified"] == again["pages_fetched"], output  # robots.txt included
    assert again["bytes_fetched"] < 5000  # 304s carry no body
