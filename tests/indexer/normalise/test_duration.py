"""Duration: hours, weeks and self-paced from English and Welsh phrasings."""

import pytest

from indexer.normalise.duration import normalise_duration


@pytest.mark.parametrize(
    ("text", "hours", "weeks", "self_paced"),
    [
        ("24 hours", 24, None, False),
        ("A 2-day course (14 hours in total)", 14, None, False),
        ("1 day (7 hours)", 7, None, False),
        ("One-day workshop (5 hours)", 5, None, False),
        ("3 days, 6 hours a day", 18, None, False),
        ("Half-day session (3.5 hours)", 3.5, None, False),
        ("16 guided learning hours", 16, None, False),
        ("4 CPD hours", 4, None, False),
        ("6 weeks, 3 hours per week", 18, 6, False),
        ("12 weeks (about 5 hours of study a week)", 60, 12, False),
        ("8 weeks, part-time (around 4 hours a week)", 32, 8, False),
        ("20-week programme, 6 hours per week", 120, 20, False),
        ("5 x 2-hour weekly sessions", 10, 5, False),
        ("10 x 3-hour sessions", 30, None, False),
        ("4 weekly sessions of 2.5 hours", 10, 4, False),
        ("3 wks x 4 hrs", 12, 3, False),
        ("Tuesdays, 7pm-9pm, for 6 weeks", 12, 6, False),
        ("1 evening a week for 4 weeks (6.30pm\u20139pm)", 10, 4, False),
        ("Mondays 10am\u201312.30pm over 8 weeks", 20, 8, False),
        ("6 weekly sessions on Fridays, 9.30am-12.30pm", 18, 6, False),
        ("Self-paced, about 12 hours of study", 12, None, True),
        ("Study at your own pace \u2013 roughly 40 hours", 40, None, True),
        ("Flexible, online: about 8 hours to complete", 8, None, True),
        ("Self-paced \u2013 approx. 5 hours; 3 months' access to materials", 5, None, True),
        ("2 days", None, None, False),
        ("A one-week residential", None, 1, False),
        # Welsh
        ("12 awr", 12, None, False),
        ("Un diwrnod (5 awr)", 5, None, False),
        ("Tri diwrnod (21 awr)", 21, None, False),
        ("6 wythnos, 2 awr yr wythnos", 12, 6, False),
        ("8 wythnos (tua 10 awr o astudio yr wythnos)", 80, 8, False),
        ("Nos Lun, 18:00\u201320:30, am 6 wythnos", 15, 6, False),
        ("Bob dydd Gwener, 09:00\u201312:00, am 4 wythnos", 12, 4, False),
        ("3 sesiwn wythnosol o 2 awr", 6, 3, False),
        ("5 sesiwn fyw ar-lein o 2 awr", 10, None, False),
        ("Ar eich cyflymder eich hun \u2013 tua 15 awr; mynediad am 6 mis", 15, None, True),
        ("Hyblyg: tua 9 awr", 9, None, True),
        ("Dau ddiwrnod", None, None, False),
    ],
)
def test_duration_phrases(text, hours, weeks, self_paced):
    duration, _ = normalise_duration(text)
    assert (duration.hours, duration.weeks, duration.self_paced) == (hours, weeks, self_paced)
    assert duration.stated


def test_credits_fix_the_hours_and_keep_weeks():
    duration, warnings = normalise_duration("10 weeks, part-time", uk_credits=20)
    assert (duration.hours, duration.weeks, duration.hours_derived) == (200, 10, True)
    assert "hours_from_credits" in [w.code for w in warnings]


def test_credit_hours_conflict_is_reported():
    duration, warnings = normalise_duration("30 hours", uk_credits=10)
    assert "hours_conflict" in [w.code for w in warnings]
    assert (duration.hours, duration.hours_derived) == (100, True)


def test_stated_hours_that_agree_with_credits_are_not_an_estimate():
    duration, warnings = normalise_duration("Self-paced, approx. 200 hours of study", uk_credits=20)
    assert (duration.hours, duration.hours_derived, duration.self_paced) == (200, False, True)
    assert warnings == []


def test_notional_hours_with_credits_have_no_weeks():
    duration, warnings = normalise_duration(
        "15 credits (150 notional learning hours)", uk_credits=15
    )
    assert (duration.hours, duration.weeks) == (150, None)
    assert warnings == []


def test_days_only_warns():
    duration, warnings = normalise_duration("3 days")
    assert duration.hours is None
    assert [w.code for w in warnings] == ["days_only"]


def test_description_is_used_when_duration_is_missing():
    description = (
        "A practical introduction.\n\nThe course runs over seven weeks, with three hours of "
        "study each week. Assessment is by portfolio."
    )
    duration, warnings = normalise_duration(None, descriptions=(description,))
    assert (duration.hours, duration.weeks) == (21, 7)
    assert "from_description" in [w.code for w in warnings]


def test_welsh_description_is_used():
    description = "Mae'r cwrs yn para pum wythnos, gyda dwy awr o astudio bob wythnos."
    duration, _ = normalise_duration(None, descriptions=(None, description))
    assert (duration.hours, duration.weeks) == (10, 5)


def test_description_without_duration_gives_null():
    description = "You will learn face to face in small groups. Assessment is by a short test."
    duration, warnings = normalise_duration(None, descriptions=(description,))
    assert (duration.hours, duration.weeks) == (None, None)
    assert [w.code for w in warnings] == ["missing"]


@pytest.mark.parametrize("text", ["TBC", "varies", "ongoing", "\u2014"])
def test_unreadable_duration(text):
    duration, warnings = normalise_duration(text)
    assert duration.hours is None and duration.weeks is None
    assert warnings and warnings[0].code == "unreadable"
