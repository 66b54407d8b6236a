"""The schema.org Course mapping shared by the JSON-LD and microdata sites.

Published facts stay the strings the provider wrote ("10 weeks, part-time", "Lefel 3"):
the crawler must not be handed pre-normalised values, so each fact goes into a property
that holds text, even where schema.org would prefer a number or an ISO duration.
samplesites/README.md documents the mapping; templates/course_microdata.html mirrors it.
"""

from __future__ import annotations

import json
from typing import Any

from samplesites.devset import Course
from samplesites.text import plain_text

ORG_TYPES = {"university": "CollegeOrUniversity", "college": "EducationalOrganization"}


def organisation(provider: dict[str, Any], lang: str) -> dict[str, Any]:
    name = provider.get(f"name_{lang}") or provider["name_en"]
    return {
        "@type": ORG_TYPES.get(provider["type"], "EducationalOrganization"),
        "name": name,
        "url": provider["website"] + "/",
    }


def course_jsonld(course: Course, provider: dict[str, Any], lang: str, url: str) -> dict[str, Any]:
    """A schema.org Course with one CourseInstance, for the page in `lang`."""
    facts = course.published
    instance = _drop_empty(
        {
            "@type": "CourseInstance",
            "courseMode": facts.get("mode_text"),
            "courseWorkload": facts.get("duration_text"),
            "startDate": facts.get("start_text"),
            "location": {"@type": "Place", "name": facts["location_text"]}
            if facts.get("location_text")
            else None,
            # Language of delivery as stated; the Course's own inLanguage is the page's.
            "inLanguage": facts.get("language_of_delivery_text"),
        }
    )
    data = {
        "@context": "https://schema.org",
        "@type": "Course",
        "@id": url + "#course",
        "url": url,
        "name": course.text("title", lang),
        "abstract": course.text("summary", lang),
        "description": plain_text(course.text("description", lang)),
        "courseCode": course.id,
        "inLanguage": lang,
        "provider": organisation(provider, lang),
        "educationalCredentialAwarded": facts.get("credential_term"),
        "educationalLevel": facts.get("level_text"),
        "numberOfCredits": facts.get("credits_text"),
        "timeRequired": facts.get("duration_text"),
        "offers": {"@type": "Offer", "description": facts["cost_text"], "url": url}
        if facts.get("cost_text")
        else None,
        "keywords": ", ".join(course.keywords(lang)) or None,
        "about": {"@type": "Thing", "name": course.hecos_hint} if course.hecos_hint else None,
        "hasCourseInstance": instance if len(instance) > 1 else None,
    }
    return _drop_empty(data)


def jsonld_script(data: dict[str, Any]) -> str:
    """JSON safe to place inside <script>: no "</" can end the element early."""
    return json.dumps(data, ensure_ascii=False, indent=2).replace("</", "<\\/")


def _drop_empty(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v not in (None, "", [], {})}
