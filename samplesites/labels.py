"""The few interface strings a provider site shows, in English and Welsh.

Sample sites are fixtures, not the portal, so they keep their words in a table rather
than in Babel catalogues; the labels are what a crawler's selector files key on.
"""

from __future__ import annotations

FACT_LABELS: dict[str, dict[str, str]] = {
    "course_code": {"en": "Course code", "cy": "Cod y cwrs"},
    "credential_term": {"en": "Course type", "cy": "Math o gwrs"},
    "level_text": {"en": "Level", "cy": "Lefel"},
    "credits_text": {"en": "Credits", "cy": "Credydau"},
    "duration_text": {"en": "Duration", "cy": "Hyd"},
    "mode_text": {"en": "Study mode", "cy": "Dull astudio"},
    "start_text": {"en": "Start date", "cy": "Dyddiad dechrau"},
    "location_text": {"en": "Location", "cy": "Lleoliad"},
    "language_of_delivery_text": {"en": "Language of delivery", "cy": "Iaith addysgu"},
    "cost_text": {"en": "Cost", "cy": "Cost"},
}

#: Short machine names for facts, used in class names and data attributes.
FACT_SLUGS: dict[str, str] = {
    "course_code": "code",
    "credential_term": "type",
    "level_text": "level",
    "credits_text": "credits",
    "duration_text": "duration",
    "mode_text": "mode",
    "start_text": "start",
    "location_text": "location",
    "language_of_delivery_text": "language",
    "cost_text": "cost",
}

UI: dict[str, dict[str, str]] = {
    "home": {"en": "Home", "cy": "Hafan"},
    "courses": {"en": "Courses", "cy": "Cyrsiau"},
    "short_courses": {"en": "Short courses for adults", "cy": "Cyrsiau byr i oedolion"},
    "all_courses": {"en": "Browse all short courses", "cy": "Pori pob cwrs byr"},
    "about": {"en": "About us", "cy": "Amdanom ni"},
    "contact": {"en": "Contact", "cy": "Cysylltu"},
    "apply": {"en": "Apply now", "cy": "Gwneud cais nawr"},
    "enquire": {"en": "Enquire about this course", "cy": "Holi am y cwrs hwn"},
    "key_facts": {"en": "Key facts", "cy": "Ffeithiau allweddol"},
    "overview": {"en": "Course overview", "cy": "Trosolwg o'r cwrs"},
    "page_of": {"en": "Page {page} of {pages}", "cy": "Tudalen {page} o {pages}"},
    "next": {"en": "Next page", "cy": "Tudalen nesaf"},
    "prev": {"en": "Previous page", "cy": "Tudalen flaenorol"},
    "cookies": {
        "en": "We use cookies to make this website work and to understand how it is used. "
        "By continuing you accept our use of cookies.",
        "cy": "Rydym yn defnyddio cwcis i wneud i'r wefan hon weithio ac i ddeall sut mae'n "
        "cael ei defnyddio. Drwy barhau rydych yn derbyn ein defnydd o gwcis.",
    },
    "accept": {"en": "Accept cookies", "cy": "Derbyn cwcis"},
    "skip": {"en": "Skip to main content", "cy": "Neidio i'r prif gynnwys"},
    "breadcrumb": {"en": "Breadcrumb", "cy": "Briwsion bara"},
    "privacy": {"en": "Privacy notice", "cy": "Hysbysiad preifatrwydd"},
    "accessibility": {"en": "Accessibility statement", "cy": "Datganiad hygyrchedd"},
    "switch": {"en": "Cymraeg", "cy": "English"},
    "welcome": {
        "en": "Short courses, micro-credentials and professional development for adults.",
        "cy": "Cyrsiau byr, micro-gymwysterau a datblygiad proffesiynol i oedolion.",
    },
    "feed": {"en": "Course feed (XCRI-CAP)", "cy": "Ffrwd cyrsiau (XCRI-CAP)"},
    "count": {"en": "{n} courses", "cy": "{n} cwrs"},
    "rights": {"en": "All rights reserved.", "cy": "Cedwir pob hawl."},
}


def ui(key: str, lang: str, **values: object) -> str:
    text = UI[key][lang]
    return text.format(**values) if values else text
