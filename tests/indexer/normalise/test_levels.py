"""Levels: frameworks, bare levels by nation, HE words, no-level statements, equivalents."""

import pytest

from indexer.normalise.levels import normalise_level


@pytest.mark.parametrize(
    ("text", "nation", "framework", "value", "rqf"),
    [
        ("SCQF Level 7", "scotland", "scqf", 7, 4),
        ("scqf 11", "scotland", "scqf", 11, 7),
        ("Level 6 (SCQF)", "scotland", "scqf", 6, 3),
        ("SCQF level 2", "scotland", "scqf", 2, "entry"),
        ("CQFW level 4", "wales", "cqfw", 4, 4),
        ("Lefel 3 FfCChC", "wales", "cqfw", 3, 3),
        ("FfCChC Lefel 5", "wales", "cqfw", 5, 5),
        ("Level 2 (CQFW Level 5)", "wales", "cqfw", 5, 5),  # year of study, then the real level
        ("RQF L3", "england", "rqf", 3, 3),
        ("FHEQ level 6", "england", "fheq", 6, 6),
        ("Level 7 (Master's level)", "england", "fheq", 7, 7),
        ("Lefel 7 (lefel Meistr)", "wales", "fheq", 7, 7),
        ("EQF Level 4", "wales", "eqf", 4, 3),
        ("European Qualifications Framework level 7", "england", "eqf", 7, 7),
        ("Credit and Qualifications Framework for Wales Level 1", "england", "cqfw", 1, 1),
        ("NFQ Level 6", "northern_ireland", "nfq", 6, None),  # spans RQF 4-5 in levels.csv
        ("Level 3", "wales", "cqfw", 3, 3),
        ("Lefel 2", "wales", "cqfw", 2, 2),
        ("Level 3", "scotland", "scqf", 3, "entry"),
        ("Level 4", "england", "rqf", 4, 4),
        ("Level:2", "northern_ireland", "rqf", 2, 2),
        ("OCN NI Level 1", "northern_ireland", "rqf", 1, 1),
        ("Level 2", "uk", "rqf", 2, 2),
        ("Entry Level 2", "england", "rqf", "entry2", "entry"),
        ("Lefel Mynediad 1", "wales", "cqfw", "entry1", "entry"),
        ("entry 3", "wales", "cqfw", "entry3", "entry"),
        ("Postgraduate", "wales", "fheq", 7, 7),
        ("Ôl-raddedig", "wales", "fheq", 7, 7),
        ("Undergraduate level", "england", "fheq", None, None),
        ("Israddedig", "wales", "fheq", None, None),
        ("No formal level", "wales", "none", None, None),
        ("Not levelled", "scotland", "none", None, None),
        ("Open to everyone (no specific level)", "uk", "none", None, None),
        ("Rhagarweiniol (dim lefel)", "wales", "none", None, None),
    ],
)
def test_level_phrases(text, nation, framework, value, rqf):
    level, _ = normalise_level(text, nation=nation)
    assert (level.framework, level.value, level.rqf_equivalent) == (framework, value, rqf)
    assert level.stated


def test_level_inside_credits_counts():
    level, _ = normalise_level(None, "15 credits at Level 7", nation="wales")
    assert (level.framework, level.value) == ("cqfw", 7)
    level, _ = normalise_level(None, "10 SCQF credit points at SCQF level 9", nation="scotland")
    assert (level.framework, level.value, level.rqf_equivalent) == ("scqf", 9, 6)


def test_credits_without_level_give_no_level():
    level, warnings = normalise_level(None, "20 credits", nation="wales")
    assert level.framework is None
    assert [w.code for w in warnings] == ["missing"]


def test_eqf_level_is_filled_from_levels_csv():
    level, _ = normalise_level("Level 3", nation="england")
    assert level.eqf == 4


@pytest.mark.parametrize("text", ["Advanced", "Level 99", "SCQF level 15", "lefel uchel", "???"])
def test_unreadable_level_is_null_with_warning(text):
    level, warnings = normalise_level(text, nation="scotland")
    assert level.framework is None and level.value is None
    assert warnings and warnings[0].code == "unreadable"
    assert warnings[0].message.cy and warnings[0].message.en


def test_bare_low_level_at_a_university_warns_about_year_of_study():
    level, warnings = normalise_level("Level 2", nation="wales", provider_type="university")
    assert level.value == 2
    assert "year_of_study" in [w.code for w in warnings]


def test_unknown_nation_assumes_rqf_and_says_so():
    level, warnings = normalise_level("Level 3")
    assert level.framework == "rqf"
    assert "assumed_framework" in [w.code for w in warnings]
