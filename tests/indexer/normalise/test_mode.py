"""Mode of study and study pattern."""

import pytest

from indexer.normalise.mode import normalise_mode, study_pattern


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("Online", "online"),
        ("Fully online", "online"),
        ("on-line", "online"),
        ("Distance learning", "online"),
        ("Live online classes via Zoom", "online"),
        ("Online \u2013 self-paced", "online"),
        ("Ar-lein", "online"),
        ("Dysgu o bell", "online"),
        ("In person", "in_person"),
        ("Face to face", "in_person"),
        ("face-to-face at our Llandudno campus", "in_person"),
        ("F2F", "in_person"),
        ("On campus", "in_person"),
        ("Classroom-based", "in_person"),
        ("Wyneb yn wyneb", "in_person"),
        ("Yn yr ystafell ddosbarth", "in_person"),
        ("Wyneb yn wyneb ar gampws Wrecsam", "in_person"),
        ("Blended", "blended"),
        ("Hybrid", "blended"),
        ("Online with on-campus practical days", "blended"),
        ("Blended (online + campus workshops)", "blended"),
        ("Cyfunol", "blended"),
        ("Dysgu cyfunol", "blended"),
    ],
)
def test_mode_phrases(text, mode):
    assert normalise_mode(text) == (mode, [])


def test_mode_from_location_when_mode_missing():
    mode, warnings = normalise_mode(None, "Swansea campus")
    assert mode == "in_person"
    assert [w.code for w in warnings] == ["inferred"]
    assert normalise_mode(None, "Online")[0] == "online"


def test_mode_missing_and_unreadable():
    assert normalise_mode(None, None) == (None, normalise_mode(None, None)[1])
    assert normalise_mode(None, None)[1][0].code == "missing"
    mode, warnings = normalise_mode("Tuesday mornings")
    assert mode is None and warnings[0].code == "unreadable"


@pytest.mark.parametrize(
    ("duration", "mode", "self_paced", "pattern"),
    [
        ("10 weeks, part-time", None, False, "part_time"),
        ("10 wythnos, rhan-amser", None, False, "part_time"),
        ("1 evening a week for 6 weeks", None, False, "part_time"),
        ("5 days, full-time", None, False, "full_time"),
        ("Self-paced", "Online", True, "flexible"),
        ("2 days", "In person", False, None),
    ],
)
def test_study_pattern(duration, mode, self_paced, pattern):
    assert study_pattern(duration, mode, self_paced=self_paced) == pattern
