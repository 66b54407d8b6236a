"""Clock ranges to session lengths."""

import pytest

from indexer.normalise.clock import session_hours


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("6pm-8.30pm", 2.5),
        ("6-8.30pm", 2.5),
        ("18:00-21:00", 3),
        ("09:30-12:30", 3),
        ("10am-12pm", 2),
        ("11am-1pm", 2),
        ("9.30am-4.30pm", 7),
        ("1.30pm-3.30pm", 2),
        ("7pm to 9pm", 2),
        ("13:30 - 15:45", 2.25),
    ],
)
def test_clock_ranges(text, hours):
    assert session_hours(text) == pytest.approx(hours)


@pytest.mark.parametrize("text", ["2-3 days", "6 x 2-hour", "10-12 weeks", "", "25:00-27:00 pm"])
def test_not_clock_ranges(text):
    assert session_hours(text) is None
