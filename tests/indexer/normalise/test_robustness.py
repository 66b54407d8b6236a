"""Hostile input: every normaliser and normalise_listing must return, never raise."""

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.normalise.clock import session_hours
from indexer.normalise.cost import normalise_cost
from indexer.normalise.course import normalise_listing
from indexer.normalise.credential import normalise_credential
from indexer.normalise.credits import normalise_credits
from indexer.normalise.dates import normalise_start
from indexer.normalise.duration import normalise_duration
from indexer.normalise.language import normalise_language
from indexer.normalise.levels import normalise_level
from indexer.normalise.mode import normalise_mode
from indexer.normalise.subjects import find_subjects
from indexer.normalise.towns import find_towns
from indexer.schema import RAW_TEXT_FIELDS

# Fragments that steer random text into the rules' hot paths.
FRAGMENTS = [
    "£", "+ VAT", "Level ", "SCQF ", "Lefel ", "credits", "ECTS", "weeks", "wythnos", "awr",
    "hours", "6pm-9pm", "18:00-21:00", "x 2-hour", "days", "/", ".", "2026", "Medi", "Fawrth",
    "Entry ", "Free", "Am ddim", "Online", "Wyneb yn wyneb", "campus", "Caerdydd", "(", ")",
    "\u00c3\u00a9", "\u00e2\u20ac\u201c", "\x00", "\u202e", "\ufeff", "\u0416", "\u4e2d", "\U0001f600",
]  # fmt: skip
hostile = st.one_of(
    st.none(),
    st.text(max_size=200),
    st.lists(
        st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=5), st.integers(0, 99999).map(str)),
        max_size=30,
    ).map("".join),
    st.integers(1, 60_000).map(lambda n: "9" * n),
    st.integers(1, 20_000).map(lambda n: "Level 3 " * n),
)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
REF = date(2026, 6, 1)


@SETTINGS
@given(hostile, hostile)
def test_field_normalisers_return(a, b):
    normalise_level(a, b, nation="wales", provider_type="university")
    normalise_credits(a)
    normalise_duration(a, uk_credits=15, descriptions=(b,))
    normalise_cost(a)
    normalise_start(a, reference=REF)
    normalise_mode(a, b)
    normalise_language(a)
    normalise_credential(a)
    find_towns(a, b)
    find_subjects({"title": {"en": a, "cy": b}})
    session_hours(a or "")


@SETTINGS
@given(st.fixed_dictionaries(dict.fromkeys(RAW_TEXT_FIELDS, hostile)), hostile)
def test_normalise_listing_returns(fields, fetched_at):
    course = normalise_listing({**fields, "fetched_at": fetched_at, "provider_id": "p"}, today=REF)
    assert course.id.startswith("p:")
    assert 0.0 <= course.quality.completeness <= 1.0
    course.model_dump(mode="json")
