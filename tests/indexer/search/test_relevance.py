"""`coursefinder relevance` end to end on the devset (the figures live in docs/relevance.md)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from indexer.search.relevance import relevance_command

pytestmark = [pytest.mark.engine, pytest.mark.slow]


def test_relevance_command_prints_figures():
    result = CliRunner().invoke(relevance_command, ["--as-json"])
    assert result.exit_code == 0, result.output
    summary = {row["group"]: row for row in json.loads(result.output)["summary"]}
    assert summary["all"]["queries"] == 70
    assert summary["lang:cy"]["queries"] == 15
    # A regression guard well below the measured figure (0.96), not a target.
    assert summary["all"]["ndcg10"] > 0.8


def test_relevance_of_the_index_crawled_from_the_sample_sites():
    result = CliRunner().invoke(relevance_command, ["--crawl", "--as-json"])
    assert result.exit_code == 0, result.output
    summary = {row["group"]: row for row in json.loads(result.stdout)["summary"]}
    assert summary["all"]["queries"] == 70
    # every devset course was crawled, normalised and indexed with its code: a broken
    # pipeline scores far lower; a guard below the measured 0.95 / 0.94, not a target
    assert summary["all"]["ndcg10"] > 0.8
    assert summary["all"]["recall20"] > 0.8
    assert json.loads(result.stdout)["queries_without_hits"] == []
    assert "TOTAL (16 ok" in result.stderr  # the crawl's report, kept off stdout


def test_url_and_crawl_are_exclusive():
    result = CliRunner().invoke(relevance_command, ["--crawl", "--url", "http://x:9200/a"])
    assert result.exit_code == 2
    assert "choose one" in result.output
