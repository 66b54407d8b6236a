"""Fixtures for crawler tests: saved pages, an isolated var/ folder."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def isolated_var(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test writes var/ (raw JSONL, HTTP cache) under its own tmp folder."""
    var = tmp_path / "var"
    monkeypatch.setenv("COURSEFINDER_VAR", str(var))
    return var
