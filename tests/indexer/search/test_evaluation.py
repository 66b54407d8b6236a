"""Relevance metrics as the devset README defines them."""

from __future__ import annotations

import math

import pytest

from indexer.search.evaluation import Query, ndcg_at_10, recall_at_20, score_queries, summarise


def test_perfect_ranking_scores_one():
    rel = {"a": 3, "b": 2, "c": 1}
    assert ndcg_at_10(["a", "b", "c"], rel) == pytest.approx(1.0)


def test_ndcg_uses_exponential_gain():
    rel = {"a": 3, "b": 1}
    dcg = (2**1 - 1) / math.log2(2) + (2**3 - 1) / math.log2(3)
    idcg = (2**3 - 1) / math.log2(2) + (2**1 - 1) / math.log2(3)
    assert ndcg_at_10(["b", "a"], rel) == pytest.approx(dcg / idcg)


def test_recall():
    rel = {"a": 3, "b": 1, "c": 2}
    assert recall_at_20(["a", "x"], rel) == pytest.approx(1 / 3)
    assert recall_at_20(["a", "x"], rel, min_grade=2) == pytest.approx(1 / 2)
    assert recall_at_20(["a"], {"b": 1}, min_grade=2) is None


def test_summary_groups_by_language_and_category():
    queries = [Query("q1", "python", "en", "subject"), Query("q2", "rheoli", "cy", "welsh")]
    qrels = {"q1": {"a": 3}, "q2": {"b": 3}}
    scores = score_queries(queries, qrels, lambda q: ["a"])
    rows = {r[0]: r for r in summarise(scores)}
    assert rows["all"][1:4] == (2, 0.5, 0.5)
    assert rows["lang:en"][2] == 1.0
    assert rows["cat:welsh"][2] == 0.0
