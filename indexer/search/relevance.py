"""`coursefinder relevance`: nDCG@10 and recall@20 of the search over the devset queries.

Three ways to get the index measured:
- default: the 480 devset courses as the devset states them, indexed into a throw-away
  embedded engine (see indexer.search.devset): search alone, no crawler or normaliser;
- `--crawl`: the sample provider sites crawled now into a throw-away catalogue, normalised
  and indexed as the demo does: the whole pipeline (about 5 s more);
- `--url`: an index that is already running, as it is.
Started dates are judged on the devset's reference date in the first two; an index built
by someone else judged them on the day it was built, so on a later day it hides courses
the judges counted.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from indexer.search.evaluation import Query, load_judgments, load_queries, score_queries, summarise

if TYPE_CHECKING:
    from indexer.search.client import Engine

DEPTH = 20

REFERENCE_DATE = dt.date(2026, 6, 1)  # the devset pages are judged as crawled that day


def rank_with(
    engine: Engine, key: str = "id", totals: dict[str, int] | None = None
) -> Callable[[Query], list[str]]:
    """A ranking function: the first DEPTH results of the portal's own search, as devset ids.

    `key` is the result field holding the devset id: `id` for the devset index built here,
    `course_code` for an index crawled from the sample sites (they publish the devset id as
    the course code). `totals`, when given, collects each query's number of hits.
    """
    from indexer.search.models import SearchParams
    from indexer.search.service import search

    def rank(query: Query) -> list[str]:
        params = SearchParams(q=query.text, lang=query.language, per_page=DEPTH, facets=())
        page = search(engine, params, today=REFERENCE_DATE)
        if totals is not None:
            totals[query.id] = page.total
        # what page 1 shows, in order: the hits, then related courses (related.py)
        return [str(r.get(key) or r["id"]) for r in page.results + page.related][:DEPTH]

    return rank


def index_crawl(engine: Engine) -> None:
    """Crawl the sample sites into a throw-away catalogue and index it (dates judged on
    REFERENCE_DATE); the crawl's own report goes to stderr, the figures to stdout."""
    from coursefinder.samplecrawl import crawled_catalogue
    from indexer.cli import rebuild_index

    click.echo("crawling the sample provider sites...", err=True)
    report: list[str] = []
    try:
        with crawled_catalogue(report) as settings:
            rebuild_index(engine, settings, today=REFERENCE_DATE)
    except RuntimeError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        click.echo("".join(report), err=True, nl=False)


@click.command("relevance")
@click.option("--url", help="Measure this engine's alias (http://host:9200/alias) instead.")
@click.option(
    "--crawl",
    is_flag=True,
    help="Crawl the sample provider sites and measure the index built from what was found.",
)
@click.option(
    "--devsets",
    type=click.Path(file_okay=False, path_type=Path),
    help="The devsets directory (default: shared/devsets beside the checkout).",
)
@click.option("--per-query", is_flag=True, help="Also print each query's figures.")
@click.option("--as-json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def relevance_command(
    url: str | None, crawl: bool, devsets: Path | None, per_query: bool, as_json: bool
) -> None:
    """Measure search relevance against the devset judgments."""
    if url and crawl:
        raise click.UsageError("--url and --crawl measure different indices: choose one")
    from indexer.search.client import Engine, split_url
    from indexer.search.devset import devset_courses, devset_dir
    from indexer.search.models import EngineUnavailable
    from indexer.search.reindex import reindex

    directory = devsets or devset_dir()
    queries = load_queries(directory / "relevance")
    qrels = load_judgments(directory / "relevance")
    if url:
        host, alias = split_url(url)
        engine = Engine.connect(host, alias)
    elif crawl:
        engine = Engine.start_embedded(alias="relevance")
        try:
            index_crawl(engine)
        except BaseException:
            engine.close()
            raise
    else:
        engine = Engine.start_embedded(alias="relevance")
        courses = devset_courses(directory)
        reindex(engine, courses, len(courses), today=REFERENCE_DATE)
    key = "course_code" if url or crawl else "id"
    totals: dict[str, int] = {}
    try:
        scores = score_queries(queries, qrels, rank_with(engine, key, totals))
    except EngineUnavailable as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        engine.close()
    rows = summarise(scores)
    no_hits = [s.query.text for s in scores if not totals.get(s.query.id)]
    if as_json:
        click.echo(
            json.dumps(
                {
                    "summary": [
                        dict(
                            zip(
                                (
                                    "group",
                                    "queries",
                                    "ndcg10",
                                    "recall20",
                                    "strict_recall20",
                                    "recall20_ceiling",
                                ),
                                r,
                                strict=True,
                            )
                        )
                        for r in rows
                    ],
                    "queries": [
                        {
                            "id": s.query.id,
                            "query": s.query.text,
                            "ndcg10": s.ndcg10,
                            "recall20": s.recall20,
                            "recall20_ceiling": s.recall20_ceiling,
                        }
                        for s in scores
                    ]
                    if per_query
                    else [],
                    "queries_without_hits": no_hits,
                },
                indent=2,
            )
        )
        return
    click.echo(f"{'group':<28}{'n':>4}{'nDCG@10':>10}{'R@20':>8}{'R@20>=2':>9}{'R@20 max':>10}")
    for name, n, ndcg, rec, strict, ceiling in rows:
        click.echo(f"{name:<28}{n:>4}{ndcg:>10.3f}{rec:>8.3f}{strict:>9.3f}{ceiling:>10.3f}")
    click.echo(
        f"queries without hits: {len(no_hits)} of {len(scores)}"
        + (f" ({'; '.join(no_hits)})" if no_hits else "")
    )
    if per_query:
        click.echo()
        for s in scores:
            click.echo(
                f"{s.query.id}  {s.ndcg10:.3f}  {s.recall20:.3f}  (max {s.recall20_ceiling:.3f})"
                f"  [{s.query.category}] {s.query.text}"
            )
