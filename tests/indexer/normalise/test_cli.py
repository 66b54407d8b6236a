"""`coursefinder normalise`: order kept, bad lines reported and survived."""

import json

from click.testing import CliRunner

from indexer.normalise.cli import normalise_command


def test_order_kept_and_bad_lines_survived():
    lines = [
        json.dumps(
            {"title_en": "First", "provider_id": "p", "course_code": "A1", "cost_text": "Free"}
        ),
        "{not json",
        json.dumps(["a list"]),
        "",
        json.dumps(
            {"title_en": "Second", "provider_id": "p", "course_code": "B2", "keywords": "oops"}
        ),
        json.dumps({"title_cy": "Trydydd", "provider_id": "p", "course_code": "C3"}),
    ]
    result = CliRunner().invoke(
        normalise_command, ["--today", "2026-06-01"], input="\n".join(lines) + "\n"
    )
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o.get("id") for o in out] == ["p:A1", None, None, None, "p:C3"]
    assert [o.get("line") for o in out if "error" in o] == [2, 3, 5]
    assert out[0]["cost"] == {
        "gbp": 0,
        "free": True,
        "funded": False,
        "note": None,
        "stated": "Free",
    }
    assert "line 2" in result.stderr and "line 5" in result.stderr
    assert result.exit_code == 1


def test_clean_run_exits_zero():
    result = CliRunner().invoke(normalise_command, input=json.dumps({"title_en": "x"}) + "\n")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["title"]["en"] == "x"
