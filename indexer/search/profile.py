"""Where a search request's engine time goes: `python -m indexer.search.profile`.

Builds (or reuses, with --url) an index of N synthetic courses (indexer.bench's catalogue),
then times variants of each request body of the bench's query mix directly against the
engine, interleaved round by round so a busy machine slows every variant alike. Prints the
engine's own `took` (median per query, summed over the mix) for each variant: the body as
shipped, without each part, and with the parts earlier versions sent (one filter
aggregation per facet, a function_score pass, a suggester on every request).
Figures are recorded in docs/performance.md.
"""

from __future__ import annotations

import copy
import datetime as dt
import statistics
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any
from unittest import mock

import click

Body = dict[str, Any]
TODAY = dt.date(2026, 6, 1)


def _old_aggs(body: Body) -> Body:
    """One filter aggregation per facet, each of the other facets' selections (before).

    The bodies are the query builder's; service.shared_counts (browsing with a facet
    chosen) rewrites some of them further at run time, which this profile does not show.
    """
    from indexer.search.facets import AGG_PREFIX
    from indexer.search.models import FACETS

    post = body.get("post_filter", {}).get("bool", {}).get("filter", [])
    out = copy.deepcopy(body)
    sizes = {"subject": 50, "provider": 200, "start": 36}
    aggs: dict[str, Any] = {}
    for facet in FACETS:
        field = f"facets.{facet}"
        others = [c for c in post if field not in c.get("terms", {})]
        aggs[AGG_PREFIX + facet] = {
            "filter": {"bool": {"filter": others}} if others else {"match_all": {}},
            "aggs": {"values": {"terms": {"field": field, "size": sizes.get(facet, 20)}}},
        }
    out["aggs"] = aggs
    return out


def _with_function_score(body: Body) -> Body:
    out = copy.deepcopy(body)
    out["query"] = {
        "function_score": {
            "query": body["query"],
            "functions": [{"filter": {"term": {"past_only": True}}, "weight": 0.3}],
            "score_mode": "multiply",
            "boost_mode": "multiply",
        }
    }
    return out


def _without(*keys: str) -> Callable[[Body], Body]:
    def drop(body: Body) -> Body:
        return {k: v for k, v in body.items() if k not in keys}

    return drop


@contextmanager
def _patched(target: str, value: Any) -> Iterator[None]:
    with mock.patch(target, value):
        yield


def bodies(places: frozenset[str], associations: Any = None, **patches: Any) -> list[Body]:
    from indexer.bench import QUERY_MIX
    from indexer.search.associations import EMPTY
    from indexer.search.models import SearchParams
    from indexer.search.queries import build_search
    from indexer.search.spelling import suggest_body

    out = []
    with _patched_all(patches):
        for q, lang, filters in QUERY_MIX:
            built = build_search(
                SearchParams(q=q, lang=lang, filters=dict(filters)),
                places=places,
                today=TODAY,
                associations=associations or EMPTY,
            )
            body = built.to_dict()
            if patches.get("suggest_always"):
                body["suggest"] = (suggest_body(built) or {}).get("suggest", {})
                if not body["suggest"]:
                    del body["suggest"]
            out.append(body)
    return out


@contextmanager
def _patched_all(patches: dict[str, Any]) -> Iterator[None]:
    import contextlib

    targets = {
        "no_synonyms": ("indexer.search.text.alternatives", lambda *a, **k: []),
        "no_fuzzy": ("indexer.search.text.FUZZY_MIN_LENGTH", 10**6),
        "no_spread": ("indexer.search.text.spread_clause", lambda *a, **k: None),
    }
    with contextlib.ExitStack() as stack:
        for name, on in patches.items():
            if on and name in targets:
                stack.enter_context(_patched(*targets[name]))
        yield


def variants(places: frozenset[str], associations: Any = None) -> dict[str, list[Body]]:
    shipped = bodies(places, associations)
    out: dict[str, list[Body]] = {
        "as shipped": shipped,
        "- aggregations": [_without("aggs")(b) for b in shipped],
        "- fuzzy clause": bodies(places, associations, no_fuzzy=True),
        "- synonym rewrites": bodies(places, associations, no_synonyms=True),
        "- keyword associations": bodies(places),
        "- spread clause": bodies(places, associations, no_spread=True),
        "+ suggester on every request": bodies(places, associations, suggest_always=True),
        "+ one filter agg per facet": [_old_aggs(b) for b in shipped],
        "+ past-only function_score": [_with_function_score(b) for b in shipped],
        "+ all three (earlier shape)": [
            _with_function_score(_old_aggs(b))
            for b in bodies(places, associations, suggest_always=True)
        ],
    }
    return out


@click.command()
@click.option("--courses", "n", default=10_000, show_default=True, type=int)
@click.option("--rounds", default=7, show_default=True, type=int)
@click.option("--url", help="Use this engine's alias (http://host:9200/alias) as it is.")
def main(n: int, rounds: int, url: str | None) -> None:
    """Print the engine time of each part of the search request."""
    from indexer.bench import QUERY_MIX, base_courses, synthetic_catalogue
    from indexer.config import shared_dir
    from indexer.search.client import Engine, split_url
    from indexer.search.reindex import reindex
    from indexer.search.vocabulary import known_associations, known_places

    if url:
        engine = Engine.connect(*split_url(url))
    else:
        engine = Engine.start_embedded(alias="profile")
        base = base_courses(shared_dir() / "devsets")
        reindex(engine, synthetic_catalogue(base, n), n, today=TODAY)
    with engine:
        table = variants(known_places(engine), known_associations(engine))
        took: dict[str, dict[int, list[float]]] = defaultdict(lambda: defaultdict(list))
        for _ in range(rounds):
            for name, group in table.items():
                for i, body in enumerate(group):
                    response = engine.client.search(index=engine.alias, body=body)
                    took[name][i].append(float(response["took"]))
        click.echo(f"engine took, median per query, summed over {len(table['as shipped'])} queries")
        for name in table:
            per_query = [statistics.median(v) for v in took[name].values()]
            worst = max(range(len(per_query)), key=per_query.__getitem__)
            q, lang, filters = QUERY_MIX[worst]
            click.echo(
                f"  {name:<32}{sum(per_query):8.0f} ms   slowest {per_query[worst]:5.0f} ms:"
                f" {q!r} {lang} {filters}"
            )


if __name__ == "__main__":
    main()
