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
    # A regression guard well below the measured figure (0.93), not a target.
    assert summary["all"]["ndcg10"] > 0.8
