"""The accuracy command's comparison and report on a tiny hand-made devset."""

import json

from click.testing import CliRunner

from indexer.normalise.accuracy import accuracy_command, match


def test_match_follows_the_devset_rules():
    assert match(100.5, 100) and not match(102, 100)
    assert match(0, 0) and not match(0.001, 0)
    assert match(["b", "a"], ["a", "b"])
    assert not match(1, True) and match(False, False)
    assert match(None, None) and not match(0, None)


def _devset(tmp_path):
    providers = [
        {"id": "demo", "nation": "england", "type": "college", "website": "http://demo.example"}
    ]
    truth = {
        "level": {"framework": "rqf", "value": 2, "rqf_equivalent": 2},
        "credits": {"value": None, "scheme": "none", "uk_equivalent": None},
        "duration": {"hours": 12, "weeks": 6, "self_paced": False},
        "cost": {"gbp": 90, "free": False, "funded": False},
        "mode": "online",
        "start": {"dates": ["2026-09-14"], "anytime": False},
        "language": "en",
        "credential_type": "short-course",
        "credit_bearing": False,
        "towns": [],
    }
    published = {
        "title_en": "Spreadsheets",
        "duration_text": "6 weeks, 2 hours per week",
        "level_text": "Level 2",
        "credits_text": "No credits",
        "cost_text": "£90",
        "mode_text": "Online",
        "start_text": "Starts 14/09/2026",
        "credential_term": "Short course",
    }
    course = {
        "id": "dem-001",
        "provider_id": "demo",
        "url_path": "/c/1",
        "published": published,
        "truth": truth,
        "meta": {"facts_language": "en", "messy": []},
    }
    wrong = {**course, "id": "dem-002", "truth": {**truth, "mode": "blended"}}
    (tmp_path / "providers.json").write_text(json.dumps(providers))
    path = tmp_path / "courses.jsonl"
    path.write_text("\n".join(json.dumps(c) for c in (course, wrong)) + "\n")
    return path


def test_accuracy_report(tmp_path):
    result = CliRunner().invoke(
        accuracy_command, ["--devset", str(_devset(tmp_path)), "--failures", "mode"]
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    mode_line = next(line for line in lines if line.startswith("mode "))
    assert "50.00" in mode_line
    assert any(line.startswith("duration.hours") and "100.00" in line for line in lines)
    assert "listings per CPU-second" in result.output
    assert "dem-002: got 'online', want 'blended'" in result.output
