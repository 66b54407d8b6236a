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


def test_lines_pydantic_refuses_take_the_json_loads_path():
    # NaN and a lone surrogate escape: json.loads reads both, pydantic's parser refuses them,
    # so those lines go the long way round. A lone surrogate cannot be written as UTF-8: that
    # line is reported (it used to end the run) and the next line is still normalised.
    lines = ['{"title_en": "Nan", "provider_id": "p", "course_code": "N1", "extra": NaN}']
    lines.append('{"title_en": "Caf\\ud800", "provider_id": "p", "course_code": "S1"}')
    lines.append('{"title_en": "a", "title_en": "Twice", "provider_id": "p", "course_code": "D1"}')
    result = CliRunner().invoke(
        normalise_command, ["--today", "2026-06-01"], input="\n".join(lines) + "\n"
    )
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o.get("id") for o in out] == ["p:N1", None, "p:D1"]
    assert out[1]["line"] == 2 and "line 2" in result.stderr
    assert out[2]["title"]["en"] == "Twice"  # the last of repeated keys, as json.loads
    assert result.exit_code == 1


def test_output_is_the_models_json_and_gc_is_left_as_found():
    import gc

    from indexer.normalise.course import normalise_listing

    raw = {"title_en": "Welsh for beginners", "cost_text": "£1,200 + VAT", "provider_id": "p"}
    result = CliRunner().invoke(normalise_command, ["--today", "2026-06-01"], input=json.dumps(raw))
    expected = normalise_listing(raw, today=__import__("datetime").date(2026, 6, 1))
    assert json.loads(result.stdout) == expected.model_dump(mode="json")
    assert gc.get_freeze_count() == 0
