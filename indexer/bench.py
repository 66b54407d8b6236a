"""`coursefinder bench`: throughput and latency figures, printed (a command, not a test).

A synthetic catalogue of N courses is made by cloning the devset's normalised courses with
new ids, shuffled title words, other providers and shifted dates, so the index has realistic
text, facets and value spreads at any size. The figures: reindex throughput; the engine's
own `took` and the client's wall time for a fixed mix of typical faceted queries; the same
mix through the portal's HTML search page and JSON API over real HTTP on loopback; and the
engine process's resident memory.
"""

from __future__ import annotations

import json
import logging
import random
import statistics
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import click

from indexer.config import Settings, shared_dir
from indexer.schema import Course
from indexer.search.models import SearchParams

# A fixed mix of what learners type and tick: free text alone, text + facets, facets alone.
QUERY_MIX: tuple[tuple[str, str, dict[str, list[str]]], ...] = (
    ("python", "en", {}),
    ("cyber security", "en", {"mode": ["online"]}),
    ("leadership", "en", {"level": ["7"]}),
    ("", "en", {"subject": ["CAH11"]}),
    ("project management", "en", {"cost": ["free", "funded"]}),
    ("data analysis", "en", {"duration": ["10-30"]}),
    ("first aid", "en", {"mode": ["in_person"], "start": []}),
    ("dementia care", "en", {}),
    ("", "en", {"language": ["cy"]}),
    ("rheoli prosiectau", "cy", {}),
    ("iechyd meddwl", "cy", {"mode": ["online"]}),
    ("", "cy", {"level": ["3"], "mode": ["blended"]}),
)


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile, as every figure in docs/performance.md uses."""
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1))))
    return ordered[k]


def _fmt(values: list[float]) -> str:
    return f"p50 {percentile(values, 50):7.1f} ms   p95 {percentile(values, 95):7.1f} ms"


def base_courses(devset: Path) -> list[Course]:
    from indexer.normalise.course import normalise_listing

    providers = {p["id"]: p for p in json.loads((devset / "providers.json").read_text())}
    courses = []
    for line in (devset / "courses.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        provider = providers[row["provider_id"]]
        raw = {
            **row["published"],
            "provider_id": row["provider_id"],
            "provider_nation": provider["nation"],
            "provider_type": provider["type"],
            "course_code": row["id"],
            "url": provider["website"] + row["url_path"],
        }
        courses.append(normalise_listing(raw, today=date(2026, 6, 1)))
    return courses


def synthetic_catalogue(base: list[Course], n: int, seed: int = 7) -> Iterator[Course]:
    rng = random.Random(seed)
    providers = sorted({c.provider_id or "" for c in base})
    for i in range(n):
        course = base[i % len(base)].model_copy(deep=True)
        course.id = f"bench-{i:06d}"
        course.course_code = course.id
        course.provider_id = providers[rng.randrange(len(providers))]
        if i >= len(base) and course.title.en:
            words = course.title.en.split()
            rng.shuffle(words)
            course.title.en = " ".join(words)
        shift = timedelta(days=rng.randrange(-60, 240))
        course.start.dates = [
            (date.fromisoformat(d) + shift).isoformat() if len(d) == 10 else d
            for d in course.start.dates
        ]
        yield course


def _rss_mb(pid: int | None) -> float | None:
    if not pid:
        return None
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def _catalogue_with_providers(devset: Path, folder: Path) -> str:
    """A throw-away catalogue holding the providers, so the portal can name them."""
    from indexer.db import session_scope
    from indexer.ingest import upsert_provider
    from indexer.migrate import upgrade
    from indexer.schema import Bilingual, ProviderRef

    url = f"sqlite:///{folder / 'bench.sqlite3'}"
    upgrade(url)
    settings = Settings(database_url=url, opensearch_url=None)
    with session_scope(settings) as session:
        for p in json.loads((devset / "providers.json").read_text()):
            upsert_provider(
                session,
                ProviderRef(
                    id=p["id"],
                    name=Bilingual(en=p["name_en"], cy=p["name_cy"]),
                    type=p["type"],
                    nation=p["nation"],
                    website=p["website"],
                ),
            )
    return url


def _serve(app) -> tuple[str, object]:  # type: ignore[no-untyped-def]
    from werkzeug.serving import make_server

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no access log in the figures

    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}", server


def _http_times(base_url: str, path: str, rounds: int) -> list[float]:
    times = []
    for _ in range(rounds):
        for q, lang, filters in QUERY_MIX:
            params: list[tuple[str, str]] = [("q", q)]
            params += [(k, v) for k, vs in filters.items() for v in vs]
            url = base_url + path.format(lang=lang) + "?" + urllib.parse.urlencode(params)
            if "api" in path:
                url += f"&lang={lang}"
            start = time.perf_counter()
            with urllib.request.urlopen(url) as resp:
                resp.read()
            times.append((time.perf_counter() - start) * 1000)
    return times


@click.command("bench")
@click.option("--courses", "n", default=10_000, show_default=True, type=int)
@click.option(
    "--rounds", default=20, show_default=True, type=int, help="Passes over the query mix."
)
def bench_command(n: int, rounds: int) -> None:
    """Print reindex throughput, engine and HTTP search latency and engine memory for N courses."""
    from indexer.search.client import Engine
    from indexer.search.reindex import reindex
    from indexer.search.service import search
    from portal import create_app

    devset = shared_dir() / "devsets"
    base = base_courses(devset)
    click.echo(f"synthetic catalogue: {n} courses cloned from {len(base)} devset courses")
    with Engine.from_settings() as engine:
        server = getattr(engine, "_server", None)
        click.echo(f"engine: {'embedded osmem-server' if engine.embedded else engine.url}")
        start = time.perf_counter()
        reindex(engine, synthetic_catalogue(base, n), n)
        elapsed = time.perf_counter() - start
        click.echo(f"reindex: {n} docs in {elapsed:.1f} s = {n / elapsed:,.0f} docs/s")

        took, client_ms = [], []
        for _ in range(rounds):
            for q, lang, filters in QUERY_MIX:
                start = time.perf_counter()
                page = search(engine, SearchParams(q=q, lang=lang, filters=dict(filters)))
                client_ms.append((time.perf_counter() - start) * 1000)
                took.append(float(page.took_ms or 0))
        click.echo(f"engine took (server side):   {_fmt(took)}")
        click.echo(f"engine via client (search()): {_fmt(client_ms)}")

        folder = Path(tempfile.mkdtemp(prefix="coursefinder-bench-"))
        app = create_app(
            {
                "ENGINE": engine,
                "TESTING": False,
                "DATABASE_URL": _catalogue_with_providers(devset, folder),
            }
        )
        base_url, http = _serve(app)
        try:
            _http_times(base_url, "/{lang}/search", 1)  # warm templates and caches
            html = _http_times(base_url, "/{lang}/search", rounds)
            api = _http_times(base_url, "/api/v1/search", rounds)
        finally:
            http.shutdown()  # type: ignore[attr-defined]
        click.echo(f"HTTP search page:            {_fmt(html)}")
        click.echo(f"HTTP API search:             {_fmt(api)}")
        # search() may ask the engine more than once (alias lookup, shared facet counts,
        # related courses, "did you mean"), so the engine's time for a page is search()'s
        # wall time, not the main request's `took`; the portal's own share is the rest.
        overhead = percentile(html, 95) - percentile(client_ms, 95)
        click.echo(f"portal overhead: search page p95 minus search() p95 = {overhead:.1f} ms")
        rss = _rss_mb(getattr(server, "pid", None))
        if rss is not None:
            click.echo(f"engine memory (RSS): {statistics.fmean([rss]):,.0f} MB")
