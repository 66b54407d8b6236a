"""Relevance metrics over the devset judgments (definitions from shared/devsets/README.md)."""

from __future__ import annotations

import csv
import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Query:
    id: str
    text: str
    language: str
    category: str


@dataclass(frozen=True)
class QueryScore:
    query: Query
    ndcg10: float
    recall20: float
    strict_recall20: float | None
    recall20_ceiling: float = 1.0  # the best recall@20 any ranking could reach


def recall_ceiling(rel: dict[str, int], depth: int = 20, min_grade: int = 1) -> float:
    """The best recall@depth possible: a relevant set larger than `depth` caps it."""
    wanted = sum(1 for g in rel.values() if g >= min_grade)
    return min(1.0, depth / wanted) if wanted else 1.0


def load_queries(directory: Path) -> list[Query]:
    with (directory / "queries.tsv").open(encoding="utf-8") as fh:
        return [
            Query(row["query_id"], row["query"], row["language"], row["category"])
            for row in csv.DictReader(fh, delimiter="\t")
        ]  # `intent` is deliberately not read: it must never reach the system


def load_judgments(directory: Path) -> dict[str, dict[str, int]]:
    qrels: dict[str, dict[str, int]] = defaultdict(dict)
    with (directory / "judgments.tsv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            qrels[row["query_id"]][row["course_id"]] = int(row["grade"])
    return dict(qrels)


def ndcg_at_10(ranked: list[str], rel: dict[str, int]) -> float:
    dcg = sum((2 ** rel.get(c, 0) - 1) / math.log2(i + 2) for i, c in enumerate(ranked[:10]))
    ideal = sorted(rel.values(), reverse=True)[:10]
    idcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def recall_at_20(ranked: list[str], rel: dict[str, int], min_grade: int = 1) -> float | None:
    wanted = {c for c, g in rel.items() if g >= min_grade}
    return len(wanted & set(ranked[:20])) / len(wanted) if wanted else None


def score_queries(
    queries: Iterable[Query], qrels: dict[str, dict[str, int]], rank: Callable[[Query], list[str]]
) -> list[QueryScore]:
    """Score every query that has judgments with the ranking function `rank`."""
    out = []
    for query in queries:
        rel = qrels.get(query.id)
        if not rel:
            continue
        ranked = rank(query)
        out.append(
            QueryScore(
                query,
                ndcg_at_10(ranked, rel),
                recall_at_20(ranked, rel) or 0.0,
                recall_at_20(ranked, rel, min_grade=2),
                recall_ceiling(rel),
            )
        )
    return out


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def summarise(scores: list[QueryScore]) -> list[tuple[str, int, float, float, float, float]]:
    """Rows of (group, queries, nDCG@10, recall@20, strict recall@20, best possible
    recall@20): all, per language, per category."""
    groups: dict[str, list[QueryScore]] = {"all": scores}
    for s in scores:
        groups.setdefault(f"lang:{s.query.language}", []).append(s)
    for s in scores:
        groups.setdefault(f"cat:{s.query.category}", []).append(s)
    rows = []
    for name, members in groups.items():
        strict = [s.strict_recall20 for s in members if s.strict_recall20 is not None]
        rows.append(
            (
                name,
                len(members),
                _mean([s.ndcg10 for s in members]),
                _mean([s.recall20 for s in members]),
                _mean(strict),
                _mean([s.recall20_ceiling for s in members]),
            )
        )
    return rows
