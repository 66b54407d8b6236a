"""Credits: first-stated scheme, UK equivalents, explicit non-credit statements."""

import pytest

from indexer.normalise.credits import normalise_credits


@pytest.mark.parametrize(
    ("text", "value", "scheme", "uk"),
    [
        ("30 credits", 30, "uk", 30),
        ("Worth 15 credits", 15, "uk", 15),
        ("Credit value: 20", 20, "uk", 20),
        ("credit value:5", 5, "uk", 5),
        ("40 CATS points", 40, "uk", 40),
        ("Gwerth credyd: 10", 10, "uk", 10),
        ("30 credyd", 30, "uk", 30),
        ("10 o gredydau", 10, "uk", 10),
        ("4 credits (Agored Cymru)", 4, "uk", 4),
        ("6 credits (OCN NI)", 6, "uk", 6),
        ("15 SCQF credit points", 15, "scqf", 15),
        ("SCQF credits: 24", 24, "scqf", 24),
        ("8 SCQF points at SCQF level 6", 8, "scqf", 8),
        ("7.5 ECTS", 7.5, "ects", 15),
        ("15 ECTS credits", 15, "ects", 30),
        ("10 ECTS (20 UK credits)", 10, "ects", 20),
        ("30 credits (15 ECTS)", 30, "uk", 30),
        ("60 CREDITS", 60, "uk", 60),
    ],
)
def test_credit_phrases(text, value, scheme, uk):
    credits, bearing, warnings = normalise_credits(text)
    assert (credits.value, credits.scheme, credits.uk_equivalent) == (value, scheme, uk)
    assert bearing is True
    assert warnings == []


@pytest.mark.parametrize(
    "text",
    [
        "Non-credit bearing",
        "No credits",
        "Not credit bearing",
        "This short course does not carry academic credit",
        "Non-accredited",
        "CPD certificate (4 CPD hours)",
        "7 CPD hours",
        "Heb gredydau",
        "Dim credydau",
        "Heb ei achredu",
        "Tystysgrif DPP",
        "0 credits",
    ],
)
def test_non_credit_statements(text):
    credits, bearing, _ = normalise_credits(text)
    assert credits.scheme == "none"
    assert credits.value is None and credits.uk_equivalent is None
    assert bearing is False


def test_nothing_stated_is_all_null():
    credits, bearing, warnings = normalise_credits(None)
    assert credits.scheme is None and bearing is None
    assert [w.code for w in warnings] == ["missing"]


@pytest.mark.parametrize("text", ["lots of credit", "credits: TBC", "£20"])
def test_unreadable_credits(text):
    credits, bearing, warnings = normalise_credits(text)
    assert credits.value is None and bearing is None
    assert warnings[0].code == "unreadable"
