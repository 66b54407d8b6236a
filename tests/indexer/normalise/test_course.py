"""normalise_listing: one raw listing to a full Course."""

from datetime import date

from indexer.normalise.course import normalise_listing, reference_date
from indexer.schema import Course, RawListing

RAW = {
    "title_en": "Heat Pump Installation",
    "title_cy": "Gosod Pympiau Gwres",
    "summary_en": "Install and commission air source heat pumps.",
    "description_en": "Hands-on training.\n\nYou will learn to:\n- size a system\n- commission it",
    "duration_text": "3 days, 7 hours per day",
    "level_text": "Level 3",
    "credits_text": "Non-accredited",
    "cost_text": "£450 + VAT",
    "mode_text": "Face to face at our Llandudno campus",
    "start_text": "Starts Mon 12 Oct",
    "location_text": "Llandudno campus",
    "credential_term": "CPD course",
    "provider_id": "north-coast-college",
    "provider_nation": "wales",
    "provider_type": "college",
    "course_code": "NCC-HP3",
    "url": "https://north-coast.example/courses/heat-pumps",
    "fetched_at": "2026-09-01T10:00:00Z",
    "keywords": ["heat pumps", "Heat Pumps", "renewables"],
}


def test_full_listing():
    course = normalise_listing(RAW, today=date(2020, 1, 1))
    assert isinstance(course, Course)
    assert course.id == "north-coast-college:NCC-HP3"
    assert (course.level.framework, course.level.value, course.level.rqf_equivalent) == (
        "cqfw",
        3,
        3,
    )
    assert (course.credits.scheme, course.credit_bearing) == ("none", False)
    assert (course.duration.hours, course.duration.weeks) == (21, None)
    assert (course.cost.gbp, course.cost.free, course.cost.funded) == (540, False, False)
    assert course.mode == "in_person"
    # no year: next 12 October on or after fetched_at (2026-09-01), not after `today`
    assert course.start.dates == ["2026-10-12"]
    assert course.language == "en"
    assert course.credential_type == "cpd"
    assert course.towns == ["Llandudno"]
    assert course.title.cy == "Gosod Pympiau Gwres"
    assert course.more.learning_outcomes == ["size a system", "commission it"]
    assert course.keywords == ["heat pumps", "renewables"]
    assert course.subjects and course.subjects[0].hecos == "100147"
    assert course.mode_stated == RAW["mode_text"] and course.credential_term == "CPD course"
    assert course.level.stated == "Level 3" and course.cost.stated == "£450 + VAT"
    assert 0 < course.quality.completeness <= 1


def test_accepts_a_raw_listing_model():
    course = normalise_listing(RawListing(**RAW))
    assert course.id == "north-coast-college:NCC-HP3"


def test_id_from_url_hash_when_no_code():
    a = normalise_listing(
        {**RAW, "course_code": None, "url": "HTTPS://North-Coast.example/courses/heat-pumps/#top"}
    )
    b = normalise_listing(
        {
            **RAW,
            "course_code": None,
            "url": "https://north-coast.example/courses/heat-pumps?utm_source=x",
        }
    )
    assert a.id == b.id
    assert a.id.startswith("north-coast-college:u") and len(a.id.split(":u")[1]) == 16


def test_empty_listing_gives_nulls_and_warnings():
    course = normalise_listing({}, today=date(2026, 6, 1))
    assert course.level.framework is None and course.cost.gbp is None and course.mode is None
    assert course.start.dates == [] and course.credential_type is None
    fields = {w.field for w in course.quality.warnings}
    assert {"title", "level", "duration", "cost", "start", "mode"} <= fields
    assert course.quality.completeness < 0.2


def test_reference_date():
    assert reference_date("2026-09-01T10:00:00Z", date(2020, 1, 1)) == date(2026, 9, 1)
    assert reference_date(None, date(2020, 1, 1)) == date(2020, 1, 1)
    assert reference_date("yesterday", date(2020, 1, 1)) == date(2020, 1, 1)


def test_json_dump_round_trips():
    course = normalise_listing(RAW)
    assert Course.model_validate(course.model_dump(mode="json")) == course
