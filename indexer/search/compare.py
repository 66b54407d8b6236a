"""Before/after search latency in one run: `python -m indexer.search.compare --before DIR`.

DIR is another checkout of this repository (e.g. `git archive HEAD | tar -x -C DIR`). Each
version builds its own index of N synthetic courses on one shared osmem-server, then the
driver alternates rounds of the bench's query mix through each version's own `search()`,
so a busy machine slows both alike. "before" and "after" run with the page cache off
(engine work per request; a checkout older than the cache ignores the setting);
"after+cache" as shipped. Figures are recorded in docs/performance.md.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import click

from indexer.bench import percentile

# Runs inside each checkout (its own indexer package); uses only long-stable interfaces.
WORKER = """
import json, sys, time
from indexer.bench import QUERY_MIX, base_courses, synthetic_catalogue
from indexer.config import shared_dir
from indexer.search.client import Engine
from indexer.search.models import SearchParams
from indexer.search.reindex import reindex
from indexer.search.service import search
url, alias, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
engine = Engine.connect(url, alias)
base = base_courses(shared_dir() / "devsets")
start = time.perf_counter()
reindex(engine, synthetic_catalogue(base, n), n)
print(json.dumps(n / (time.perf_counter() - start)), flush=True)
for _ in sys.stdin:
    out = []
    for q, lang, filters in QUERY_MIX:
        start = time.perf_counter()
        page = search(engine, SearchParams(q=q, lang=lang, filters=dict(filters)))
        out.append([(time.perf_counter() - start) * 1000, page.took_ms or 0])
    print(json.dumps(out), flush=True)
"""


_pct = percentile


@click.command()
@click.option("--before", type=click.Path(file_okay=False, path_type=Path), required=True)
@click.option("--courses", "n", default=10_000, show_default=True, type=int)
@click.option("--rounds", default=10, show_default=True, type=int)
def main(before: Path, n: int, rounds: int) -> None:
    """Print search() and engine-took percentiles of the checkout DIR and of this one."""
    from osmem_server import OsmemServer

    from indexer.config import shared_dir

    here = Path(__file__).resolve().parents[2]
    no_cache = {"COURSEFINDER_SEARCH_PAGE_CACHE_SECONDS": "0"}  # engine work per request
    runs = {
        "before": (before.resolve(), no_cache),
        "after": (here, no_cache),
        "after+cache": (here, {}),
    }
    with OsmemServer.start(japanese=False) as server:
        workers = {}
        try:
            for name, (tree, env) in runs.items():
                workers[name] = subprocess.Popen(
                    [sys.executable, "-c", WORKER, server.url, f"cmp{len(workers)}", str(n)],
                    cwd=tree,
                    env={**os.environ, "PYTHONPATH": str(tree),
                         "COURSEFINDER_SHARED": str(shared_dir()), **env},
                    stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                )  # fmt: skip
                rate = json.loads(workers[name].stdout.readline())  # type: ignore[union-attr]
                click.echo(f"{name}: reindex {rate:,.0f} docs/s")
            times: dict[str, list[list[float]]] = {name: [] for name in workers}
            for _ in range(rounds):
                for name, proc in workers.items():
                    proc.stdin.write("go\n")  # type: ignore[union-attr]
                    proc.stdin.flush()  # type: ignore[union-attr]
                    times[name] += json.loads(proc.stdout.readline())  # type: ignore[union-attr]
        finally:
            for proc in workers.values():
                proc.kill()
    for name, rows in times.items():
        wall, took = [r[0] for r in rows], [r[1] for r in rows]
        click.echo(
            f"{name:<12} n={len(rows)}  search() p50 {_pct(wall, 50):7.1f} p95 {_pct(wall, 95):7.1f}"
            f" ms | took p50 {_pct(took, 50):7.1f} p95 {_pct(took, 95):7.1f} ms"
        )


if __name__ == "__main__":
    main()
