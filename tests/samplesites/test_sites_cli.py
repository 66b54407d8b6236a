"""`coursefinder sites ...` through click's test runner."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from coursefinder.cli import main


def test_render_writes_every_page_and_a_manifest(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["sites", "render", str(tmp_path)])
    assert result.exit_code == 0, result.output
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    course = manifest["http://tywi-valley-university.example/en/courses/computing-for-beginners"]
    assert course["kind"] == "course"
    assert "tvu-001" in (tmp_path / course["file"]).read_text()
    feed = manifest["http://coleg-taf-elai.example/feeds/xcri.xml"]
    assert (tmp_path / feed["file"]).read_bytes().startswith(b"<?xml")
    assert sum(1 for entry in manifest.values() if entry["kind"] == "course") == 480 + 117


def test_serve_rejects_a_bad_fault() -> None:
    result = CliRunner().invoke(main, ["sites", "serve", "--port", "0", "--fault", "coleg-dyfi"])
    assert result.exit_code == 2 and "PROVIDER=FAULT" in result.output
    result = CliRunner().invoke(main, ["sites", "serve", "--port", "0", "--fault", "nowhere=500"])
    assert result.exit_code == 2 and "nowhere" in result.output


def test_urls_lists_start_urls() -> None:
    result = CliRunner().invoke(main, ["sites", "urls"])
    assert result.exit_code == 0
    rows = {line.split("\t")[0]: line.split("\t")[1:] for line in result.output.splitlines()}
    assert len(rows) == 16
    assert rows["coleg-taf-elai"] == [
        "xcri",
        "http://coleg-taf-elai.example/",
        "http://coleg-taf-elai.example/sitemap.xml",
        "http://coleg-taf-elai.example/feeds/xcri.xml",
    ]
