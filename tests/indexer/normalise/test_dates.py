"""Start dates: UK order, two-digit years, month-only, no year, Welsh months, anytime."""

from datetime import date

import pytest

from indexer.normalise.dates import normalise_deadline, normalise_start

REF = date(2026, 6, 1)


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("Starts 14 September 2026", ["2026-09-14"]),
        ("Start date: 03/02/2027", ["2027-02-03"]),
        ("Starts 3.2.27", ["2027-02-03"]),
        ("Starts 07/10/26", ["2026-10-07"]),
        ("Starts 2027-01-11", ["2027-01-11"]),
        ("Next intake: October 2026", ["2026-10"]),
        ("Starting in March 2027", ["2027-03"]),
        ("Starts 1st October 2026 or 2nd February 2027", ["2026-10-01", "2027-02-02"]),
        (
            "Dates: 05/10/2026; 11/01/2027 and 19/04/2027",
            ["2026-10-05", "2027-01-11", "2027-04-19"],
        ),
        ("Starts Thu 8 Oct 2026", ["2026-10-08"]),
        ("Starts Weds 13 Jan", ["2027-01-13"]),  # no year: next one on or after 1 June 2026
        ("Starts Friday 12 June", ["2026-06-12"]),
        ("Starts 1 June", ["2026-06-01"]),
        ("Starts in September", ["2026-09"]),
        ("Starts in May", ["2027-05"]),
        ("September 21, 2026", ["2026-09-21"]),
        ("Runs 12 Sept \u2013 5 Dec 2026", ["2026-09-12"]),
        (
            "Mon 5 Jan 2027 to Fri 9 Jan 2027; Mon 12 Apr 2027 to Fri 16 Apr 2027",
            ["2027-01-05", "2027-04-12"],
        ),
        ("14 Medi tan 30 Tachwedd 2026", ["2026-09-14"]),
        # Welsh
        ("Yn dechrau ar 12 Hydref 2026", ["2026-10-12"]),
        ("Dyddiad dechrau: Dydd Mawrth 2 Mawrth 2027", ["2027-03-02"]),
        ("Yn dechrau ddydd Llun 7 Medi 2026", ["2026-09-07"]),
        ("Dechrau: 16 Chwefror 2027; 4 Mai 2027", ["2027-02-16", "2027-05-04"]),
        ("Yn dechrau ym mis Medi", ["2026-09"]),
        ("Yn dechrau ym mis Tachwedd 2026", ["2026-11"]),
        ("Dosbarthiadau o fis Fawrth 2027", ["2027-03"]),
        ("Yn dechrau ar 9 Rhagfyr", ["2026-12-09"]),
        ("Dyddiadau dechrau: 14/09/2026 neu 11/01/2027", ["2026-09-14", "2027-01-11"]),
    ],
)
def test_start_dates(text, dates):
    start, _ = normalise_start(text, reference=REF)
    assert start.dates == dates
    assert start.anytime is False


@pytest.mark.parametrize(
    "text",
    [
        "Start any time",
        "Enrol anytime",
        "Rolling start dates",
        "Start whenever you like",
        "Flexible start \u2013 join at any time",
        "Dechrau unrhyw bryd",
        "Cofrestrwch unrhyw bryd",
    ],
)
def test_anytime(text):
    start, warnings = normalise_start(text, reference=REF)
    assert start.anytime is True and start.dates == []
    assert warnings == []


def test_nothing_stated():
    start, warnings = normalise_start(None, reference=REF)
    assert (start.dates, start.anytime) == ([], False)
    assert [w.code for w in warnings] == ["missing"]


def test_year_assumed_and_past_dates_are_reported():
    _, warnings = normalise_start("Starts 19 Oct", reference=REF)
    assert "year_assumed" in [w.code for w in warnings]
    _, warnings = normalise_start("Started 10/01/2025", reference=REF)
    assert "past_date" in [w.code for w in warnings]


@pytest.mark.parametrize("text", ["TBC", "31/02/2027", "Spring term", "??"])
def test_unreadable_start(text):
    start, warnings = normalise_start(text, reference=REF)
    assert start.dates == []
    assert warnings[0].code == "unreadable"


def test_deadline():
    assert normalise_deadline("Apply by 30 August 2026", reference=REF) == "2026-08-30"
    assert normalise_deadline(None, reference=REF) is None
