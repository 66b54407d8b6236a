"""End to end: `python -m crawler.run` against the local sample provider sites, into a catalogue.

Each crawl runs in a subprocess (Twisted's reactor cannot restart in one process); the
sample sites run in this process and are reached, as in production, through http_proxy.
The catalogue is a SQLite file per test, so what a crawl does to it can be checked.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from crawler.providers import PROVIDERS_DIR
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


def crawl(
    sites: SampleSites, var: Path, *providers: str, db: str | None = None, **env_extra: str
) -> tuple[int, dict[str, dict], str]:
    """One crawl subprocess; (exit code, report per provider, output)."""
    var.mkdir(parents=True, exist_ok=True)
    report_path = var / f"report-{len(list(var.glob('report-*')))}.json"
    env = sites.crawl_env(COURSEFINDER_VAR=str(var), CRAWLER_PROGRESS="0", **env_extra)
    if db:
        env["DATABASE_URL"] = db
    args = [sys.executable, "-m", "crawler.run", "--fast", "--report-json", str(report_path)]
    args += [] if db else ["--no-ingest"]
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


def catalogue_db(tmp_path: Path) -> str:
    from indexer.migrate import upgrade

    url = f"sqlite:///{tmp_path / 'catalogue.sqlite3'}"
    upgrade(url)
    return url


def courses(db: str) -> dict[str, tuple[str, str, dict]]:
    """id -> (provider, status, data) for every course in the catalogue."""
    engine = create_engine(db)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT id, provider_id, status, data FROM courses")).all()
    engine.dispose()
    return {
        r.id: (r.provider_id, r.status, json.loads(r.data) if isinstance(r.data, str) else r.data)
        for r in rows
    }


def reasons(report: dict) -> set[str]:
    return {e["reason"].split(":")[0] for e in report["errors"]}


@pytest.fixture(scope="module")
def expected_counts() -> Counter:
    return Counter(c.provider_id for c in load_devset().courses)


# One fault per provider, so a single crawl subprocess exercises them all; two providers
# stay healthy as a control. (refuse/hang/huge/... are whole-host or course-page faults.)
FAULTS = {
    "coleg-dyfi": "500",
    "severn-bay-university": "404",
    "clydeside-metropolitan-university": "410",
    "gwaun-derw-training": "429:1",
    "sperrin-regional-college": "refuse",
    "eryri-university": "hang:20",
    "kestrelgate-training": "redirect-loop",
    "uk-skills-commons": "huge",  # 20 MiB course pages
    "pennine-ridge-university": "robots-disallow",
    "coleg-bro-ogwr": "malformed",
    "tywi-valley-university": "bad-jsonld",
    "coleg-taf-elai": "broken-xcri",
    "coleg-alun-a-chlwyd": "cp1252",
    "cromarty-firth-college": "duplicates",
}
BAD_YAML = """id: broken-college
name: {en: Broken College}
type: college
nation: wales
website: broken-college.example
start_urls: ["http://broken-college.example/"]
"""


def test_catalogue_survives_every_fault(tmp_path: Path, expected_counts: Counter) -> None:
    """Healthy crawl into a catalogue, an unchanged re-crawl, then every fault at once."""
    db = catalogue_db(tmp_path)
    var = tmp_path / "var"
    with SampleSites.start(port=0) as sites:
        # 1. healthy: every provider, every course, full provenance, politely fetched
        code, first, output = crawl(sites, var, db=db)
        assert code == 0, output
        assert set(first) == set(expected_counts)
        for provider, report in first.items():
            assert report["status"] == "ok", (provider, report["errors"])
            assert report["listings_found"] == expected_counts[provider], provider
            assert report["ingest"]["new"] == expected_counts[provider], provider
            listings = raw_listings(var, provider)
            codes = {x["course_code"] for x in listings}
            assert len(codes) == len(listings) == expected_counts[provider]
            for listing in listings:
                missing = [f for f in PROVENANCE if not listing.get(f)]
                assert not missing, (provider, listing.get("url"), missing)
            extractors = {x["extractor"] for x in listings}
            assert extractors <= {"jsonld", "microdata", "xcri", "selectors"}
        bilingual = [
            x
            for x in raw_listings(var, "tywi-valley-university")
            if x.get("title_en") and x.get("title_cy")
        ]
        assert bilingual and all(x["url_cy"] != x["url"] for x in bilingual)
        log = sites.request_log
        assert {r.host for r in log if r.path == "/robots.txt"} >= {
            f"{p}.example" for p in expected_counts
        }
        assert all("coursefinder" in (r.user_agent or "") for r in log)
        assert not [r for r in log if r.path.startswith("/admin/")]
        before = courses(db)
        assert len(before) == sum(expected_counts.values())
        assert {status for _p, status, _d in before.values()} == {"active"}
        welsh = " ".join(
            d.get("description", {}).get("cy") or ""
            for p, _s, d in before.values()
            if p == "coleg-alun-a-chlwyd"
        )
        assert "ŵ" in welsh and "ŷ" in welsh

        # 2. unchanged re-crawl: conditional requests, 304s, nothing re-normalised
        code, again, output = crawl(sites, var, db=db)
        assert code == 0, output
        for provider, report in again.items():
            assert report["status"] == "ok", (provider, report["errors"])
            assert report["not_modified"] == report["pages_fetched"], provider
            counts = report["ingest"]
            assert counts["unchanged"] == expected_counts[provider], (provider, counts)
            assert counts["new"] == counts["changed"] == counts["withdrawn"] == 0
        full = sum(r["bytes_fetched"] for r in first.values())
        assert sum(r["bytes_fetched"] for r in again.values()) <= 0.05 * full

        # 3. every fault at once, plus a provider whose YAML file is invalid; a fresh
        # HTTP cache, so the faults are seen rather than answered from the cache
        registry = tmp_path / "providers"
        shutil.copytree(PROVIDERS_DIR, registry)
        (registry / "broken-college.yaml").write_text(BAD_YAML, encoding="utf-8")
        for provider, spec in FAULTS.items():
            sites.set_fault(provider, spec)
        faulty_from = len(sites.request_log)
        code, faulty, output = crawl(
            sites,
            tmp_path / "var2",
            db=db,
            CRAWLER_PROVIDERS_DIR=str(registry),
            CRAWLER_DOWNLOAD_TIMEOUT="3",
            CRAWLER_RETRY_TIMES="1",
        )
    assert code == 0, output  # not every provider failed
    assert set(faulty) == set(expected_counts) | {"broken-college"}

    bad = faulty["broken-college"]
    assert bad["status"] == "failed" and bad["pages_fetched"] == 0
    assert [e["reason"] for e in bad["errors"]] == [
        "invalid provider file broken-college.yaml: website: must be an absolute http(s) URL"
    ]

    def failed_with(provider: str, *expected: str) -> None:
        report = faulty[provider]
        assert report["status"] == "failed", (provider, report["errors"])
        assert reasons(report) and reasons(report) <= set(expected), (provider, reasons(report))

    failed_with("coleg-dyfi", "HTTP 500")
    failed_with("severn-bay-university", "HTTP 404", "listing not updated")
    failed_with("clydeside-metropolitan-university", "HTTP 410", "listing not updated")
    failed_with("sperrin-regional-college", "connection closed without a response")
    failed_with("eryri-university", "timed out")
    failed_with(
        "kestrelgate-training",
        "no response (redirected to a page already seen",
        "too many redirects",
    )
    failed_with("uk-skills-commons", "too large (over the download size cap)")
    failed_with("pennine-ridge-university", "forbidden by robots.txt")
    # recovered in full: waited as told, de-duplicated, decoded, fallen back
    for provider in (
        "gwaun-derw-training",
        "cromarty-firth-college",
        "coleg-alun-a-chlwyd",
        "tywi-valley-university",
        "tamarside-college",
        "lammermuir-college",
    ):
        report = faulty[provider]
        assert report["listings_found"] == expected_counts[provider], (provider, report["errors"])
    for provider in ("gwaun-derw-training", "cromarty-firth-college", "coleg-alun-a-chlwyd"):
        assert faulty[provider]["status"] == "ok", (provider, faulty[provider]["errors"])
        # the very same listings as the healthy crawl: nothing to re-normalise
        assert faulty[provider]["ingest"]["unchanged"] == expected_counts[provider], provider
    tywi = faulty["tywi-valley-university"]
    assert tywi["status"] == "partial" and reasons(tywi) == {"parse error"}
    assert "selectors" in {
        x["extractor"] for x in raw_listings(tmp_path / "var2", tywi["provider_id"])
    }
    # Retry-After: 1 was honoured: each 429 was followed by a wait before the retry
    limited = [
        r for r in sites.request_log[faulty_from:] if r.host == "gwaun-derw-training.example"
    ]
    first_429 = {}
    for r in limited:
        key = (r.path, r.query)
        if r.status == 429:
            first_429.setdefault(key, r.at)
        elif key in first_429:
            assert r.at - first_429[key] >= 0.9, (key, r.at - first_429[key])
    assert first_429
    # a page cut short is reported and its course left as it was
    bro = faulty["coleg-bro-ogwr"]
    assert bro[
        "status"
    ] == "failed" and "page cut short (no closing </body> or </html>)" in reasons(bro)
    # a feed cut half-way still gives the courses before the cut
    xcri = faulty["coleg-taf-elai"]
    assert xcri["status"] == "partial"
    assert 0 < xcri["listings_found"] < expected_counts["coleg-taf-elai"]

    # nothing already in the catalogue was lost: every course still active, and no
    # course's facts were replaced by a half-fetched version
    after = courses(db)
    assert set(after) == set(before)
    assert {status for _p, status, _d in after.values()} == {"active"}
    for cid, (provider, _status, data) in after.items():
        if provider == "tywi-valley-university":
            continue  # re-read from the visible page instead of the broken JSON-LD
        old = before[cid][2]
        assert (data["title"], data["description"]) == (old["title"], old["description"]), cid


def test_exit_status_is_non_zero_only_when_every_provider_failed(tmp_path: Path) -> None:
    with SampleSites.start(port=0, faults={"coleg-dyfi": "500"}) as faulty:
        code, reports, output = crawl(faulty, tmp_path, "coleg-dyfi")
    assert code == 1, output
    assert reports["coleg-dyfi"]["status"] == "failed"


def test_withdrawn_after_three_successful_crawls_without_it(tmp_path: Path) -> None:
    """A course taken off the site is withdrawn on the 3rd ok crawl; a failed one never counts."""
    db = catalogue_db(tmp_path)
    provider = "lammermuir-college"  # feed only: a crawl is two requests
    with SampleSites.start(port=0) as sites:
        code, reports, output = crawl(sites, tmp_path, provider, db=db)
        total = reports[provider]["ingest"]["new"]
        assert code == 0 and total == reports[provider]["listings_found"] > 2, output
        sites.set_fault(provider, "hide:2")
        gone = {f"{provider}:{code}" for code in sites.hidden_courses(provider)}
        history = []
        for spec in ("hide:2", "hide:2,500", "hide:2", "hide:2"):
            sites.set_fault(provider, spec)
            _code, reports, output = crawl(sites, tmp_path, provider, db=db)
            report = reports[provider]
            history.append((report["status"], report["ingest"]["withdrawn"]))
            status = {cid: s for cid, (_p, s, _d) in courses(db).items()}
            withdrawn = {cid for cid, s in status.items() if s == "withdrawn"}
            assert withdrawn in (set(), gone), (withdrawn, gone)
    assert history == [("ok", 0), ("failed", 0), ("ok", 0), ("ok", 2)], history
    assert len(status) == total and withdrawn == gone
