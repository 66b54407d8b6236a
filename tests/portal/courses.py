"""Courses the portal tests index: built here as common-schema objects, one per situation."""

from __future__ import annotations

from typing import Any

from indexer.schema import Course

TVU = {
    "id": "tywi-valley-university",
    "name": {"en": "Tywi Valley University", "cy": "Prifysgol Dyffryn Tywi"},
    "type": "university",
    "nation": "wales",
    "website": "http://tywi-valley-university.example",
}
COLEG = {
    "id": "coleg-glannau",
    "name": {"en": "Glannau College", "cy": "Coleg y Glannau"},
    "type": "college",
    "nation": "wales",
    "website": "http://coleg-glannau.example",
}
NORTH = {
    "id": "northern-skills",
    "name": {"en": "Northern Skills Academy", "cy": None},
    "type": "private",
    "nation": "scotland",
    "website": "http://northern-skills.example",
}

COMPUTING = {
    "hecos": "100366",
    "label": {"en": "Computer science", "cy": "Cyfrifiadureg"},
    "cah3": "CAH11-01-01",
    "cah2": "CAH11-01",
    "cah1": "CAH11",
    "cah1_label": {"en": "Computing", "cy": "Cyfrifiadura"},
}
LANGUAGES = {
    "hecos": "101164",
    "label": {"en": "Welsh language", "cy": "Cymraeg"},
    "cah3": "CAH19-01-07",
    "cah2": "CAH19-01",
    "cah1": "CAH19",
    "cah1_label": {"en": "Language and area studies", "cy": "Astudiaethau iaith ac ardal"},
}
HEALTH = {
    "hecos": "100473",
    "label": {"en": "Health and safety", "cy": "Iechyd a diogelwch"},
    "cah3": "CAH02-06-01",
    "cah2": "CAH02-06",
    "cah1": "CAH02",
    "cah1_label": {
        "en": "Subjects allied to medicine",
        "cy": "Pynciau’n gysylltiedig â meddygaeth",
    },
}


def course(provider: dict[str, Any], code: str, **fields: Any) -> Course:
    base: dict[str, Any] = {
        "id": f"{provider['id']}:{code}",
        "provider_id": provider["id"],
        "course_code": code,
        "provider": provider,
        "url": f"{provider['website']}/courses/{code}",
        "source": {
            "extractor": "jsonld",
            "fetched_at": "2026-06-01T09:00:00+00:00",
            "first_seen": "2026-06-01T09:00:00+00:00",
            "last_seen": "2026-10-14T09:00:00+00:00",
            "status": "active",
        },
    }
    base.update(fields)
    return Course.model_validate(base)


def catalogue() -> list[Course]:
    courses = [
        course(
            TVU,
            "tvu-001",
            title={"en": "Computing for Beginners"},
            summary={"en": "A friendly introduction to how computers work."},
            description={
                "en": "This course explains how computers work.\n\nYou will design simple algorithms."
            },
            level={
                "framework": "cqfw",
                "value": 4,
                "rqf_equivalent": 4,
                "stated": "Level 4 (CQFW)",
            },
            credits={
                "value": 15,
                "scheme": "uk",
                "uk_equivalent": 15,
                "stated": "Credit value: 15",
            },
            credit_bearing=True,
            duration={"hours": 150, "weeks": 10, "hours_derived": True, "stated": "Over 10 weeks"},
            cost={"gbp": 0, "free": True, "funded": True, "stated": "£0 (fully funded)"},
            mode="blended",
            start={"dates": ["2030-09-16"], "stated": "Start date: 16 September 2030"},
            language="en",
            credential_type="micro-credential",
            subjects=[COMPUTING],
            towns=["Carmarthen"],
            locations=[{"name": "Carmarthen Campus", "town": "Carmarthen"}],
        ),
        course(
            COLEG,
            "cg-010",
            title={"cy": "Cymraeg Gwaith: Mynediad"},
            summary={"cy": "Cwrs i ddechreuwyr sy'n defnyddio'r Gymraeg yn y gwaith."},
            level={
                "framework": "cqfw",
                "value": "entry3",
                "rqf_equivalent": "entry",
                "stated": "Lefel Mynediad 3",
            },
            credits={"scheme": "none"},
            credit_bearing=False,
            duration={"hours": 30, "weeks": 10, "stated": "10 wythnos"},
            cost={"free": True, "funded": False, "stated": "Am ddim"},
            mode="online",
            start={"dates": ["2030-10"], "stated": "Hydref 2030"},
            language="cy",
            credential_type="short-course",
            subjects=[LANGUAGES],
        ),
        course(
            COLEG,
            "cg-020",
            title={"en": "First Aid at Work", "cy": "Cymorth Cyntaf yn y Gwaith"},
            summary={
                "en": "Become a qualified first aider.",
                "cy": "Dewch yn swyddog cymorth cyntaf.",
            },
            level={"framework": "rqf", "value": 3, "rqf_equivalent": 3, "stated": "Level 3"},
            duration={"hours": 18, "stated": "3 days (18 hours)"},
            cost={"gbp": 95, "free": False, "funded": False, "stated": "£95"},
            mode="in_person",
            start={"anytime": True, "stated": "Start any time"},
            language="bilingual",
            credential_type="cpd",
            subjects=[HEALTH],
            url_cy="http://coleg-glannau.example/cy/cyrsiau/cg-020",
        ),
        course(
            NORTH,
            "ns-100",
            title={"en": "Leading Teams in Construction"},
            level={"framework": "scqf", "value": 8, "rqf_equivalent": 5, "stated": "SCQF Level 8"},
            credits={
                "value": 8,
                "scheme": "scqf",
                "uk_equivalent": 8,
                "stated": "8 SCQF credit points",
            },
            credit_bearing=True,
            duration={"hours": 80, "hours_derived": True},
            cost={"gbp": 150, "free": False, "funded": True, "stated": "£150 (part-funded)"},
            mode="online",
            start={"dates": ["2030-11-02", "2031-01-12"]},
            language="en",
            credential_type="other",
        ),
        course(
            NORTH,
            "ns-200",
            title={"en": "Project Management Essentials"},
            cost={"free": False, "funded": False, "stated": "Price on application"},
            mode="online",
            start={"dates": ["2020-01"]},
            language="en",
            quality={
                "completeness": 0.45,
                "warnings": [
                    {
                        "field": "duration",
                        "code": "missing",
                        "message": {
                            "en": "No course length was found.",
                            "cy": "Ni chafwyd hyd y cwrs.",
                        },
                    },
                    {
                        "field": "level",
                        "code": "ambiguous",
                        "message": {
                            "en": "The level could mean more than one framework.",
                            "cy": "Gallai'r lefel olygu mwy nag un fframwaith.",
                        },
                        "phrase": "Intermediate",
                    },
                ],
            },
        ),
    ]
    # Enough similar courses for a second page of results (20 a page).
    courses += [
        course(
            TVU,
            f"tvu-1{n:02d}",
            title={"en": f"Data Skills Workshop {n}", "cy": f"Gweithdy Sgiliau Data {n}"},
            level={"framework": "cqfw", "value": 2, "rqf_equivalent": 2},
            duration={"hours": 6 + n},
            cost={"gbp": 20 + n, "free": False, "funded": False},
            mode="in_person",
            start={"dates": [f"2031-{1 + n % 12:02d}-01"]},
            language="en",
            subjects=[COMPUTING],
        )
        for n in range(1, 23)
    ]
    return courses
