"""A course document -> what a results row and a course page show.

The page answers "how long, how much, what level, when, where" at a glance; every value
comes from the normalised course, never re-interpreted from the provider's text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from flask_babel import gettext as _
from flask_babel import ngettext

from portal.contexts import formatting as fmt
from portal.contexts.content import blocks, content_language, pick, stated
from portal.contexts.labels import (
    CREDENTIAL_LABELS,
    CREDIT_SCHEME_LABELS,
    FRAMEWORK_LABELS,
    LANGUAGE_LABELS,
    MODE_LABELS,
    PATTERN_LABELS,
    START_ANYTIME,
    level_label,
)

Course = Mapping[str, Any]


def hours_text(duration: Mapping[str, Any], lang: str) -> str | None:
    hours = duration.get("hours")
    if hours is None:
        return None
    text = ngettext("%(n)s hour", "%(n)s hours", fmt.plural_count(hours), n=fmt.number(hours, lang))
    if duration.get("hours_derived"):
        # Credits imply notional hours (1 UK credit = 10 hours); say so rather than claim it.
        return _("%(hours)s (estimated from the credits)", hours=text)
    return text


def weeks_text(duration: Mapping[str, Any], lang: str) -> str | None:
    weeks = duration.get("weeks")
    if weeks is None:
        return None
    return ngettext("%(n)s week", "%(n)s weeks", fmt.plural_count(weeks), n=fmt.number(weeks, lang))


def length_text(duration: Mapping[str, Any], lang: str) -> str:
    parts = [p for p in (hours_text(duration, lang), weeks_text(duration, lang)) if p]
    if duration.get("self_paced"):
        parts.append(_("self-paced"))
    return ", ".join(parts) if parts else _("Not stated")


def cost_text(cost: Mapping[str, Any], lang: str) -> str:
    gbp, free, funded = cost.get("gbp"), cost.get("free"), cost.get("funded")
    if free and funded:
        return _("Fully funded (eligibility applies)")
    if free:
        return _("Free")
    if funded and gbp:
        return _("Part-funded: %(price)s", price=fmt.money(gbp, lang))
    if gbp is not None:
        return fmt.money(gbp, lang)
    if free is False:
        return _("Ask the provider for the price")
    return _("Not stated")


def level_info(level: Mapping[str, Any]) -> dict[str, Any]:
    framework = level.get("framework")
    equivalent = level_label(level.get("rqf_equivalent"))
    return {
        "equivalent": equivalent,
        "framework": str(FRAMEWORK_LABELS[framework]) if framework in FRAMEWORK_LABELS else None,
        "short": equivalent or (_("No formal level") if framework == "none" else _("Not stated")),
    }


def credits_info(course: Course, lang: str) -> dict[str, str | None]:
    """The credit value, its scheme and, for non-UK schemes, the UK-credit equivalent."""
    credits = course.get("credits") or {}
    value, scheme, uk = credits.get("value"), credits.get("scheme"), credits.get("uk_equivalent")
    if scheme == "none" or course.get("credit_bearing") is False:
        return {"value": _("Not credit-bearing"), "scheme": None, "uk": None}
    if value is None:
        return {"value": _("Not stated"), "scheme": None, "uk": None}
    return {
        "value": ngettext(
            "%(n)s credit", "%(n)s credits", fmt.plural_count(value), n=fmt.number(value, lang)
        ),
        "scheme": str(CREDIT_SCHEME_LABELS[scheme]) if scheme in CREDIT_SCHEME_LABELS else None,
        "uk": _("Equal to %(uk)s UK credits", uk=fmt.number(uk, lang))
        if scheme not in (None, "uk") and uk is not None
        else None,
    }


def has_passed(value: str, today: dt.date) -> bool:
    """A stated start before today (a month counts until it ends), as fmt.next_start reads it."""
    when = fmt.parse_when(value)
    if when is None:
        return False
    if len(value) == 7:
        return (when.year, when.month) < (today.year, today.month)
    return when < today


def start_info(start: Mapping[str, Any], lang: str, today: dt.date) -> dict[str, Any]:
    dates = [d for d in start.get("dates") or [] if isinstance(d, str)]
    upcoming = fmt.next_start(dates, today)
    if start.get("anytime"):
        summary = str(START_ANYTIME)
    elif upcoming:
        summary = fmt.start_date(upcoming, lang)
    elif dates:
        summary = _("No upcoming start dates")
    else:
        summary = _("Not stated")
    return {
        "summary": summary,
        # a start that has gone is still listed (include_past), but said to have gone
        "dates": [
            _("%(date)s (already started)", date=fmt.start_date(d, lang))
            if has_passed(d, today)
            else fmt.start_date(d, lang)
            for d in sorted(dates)
        ],
        "anytime": bool(start.get("anytime")),
    }


def provider_name(course: Course, lang: str) -> dict[str, Any] | None:
    provider = course.get("provider") or {}
    return pick(provider.get("name"), lang) or (
        {"text": course.get("provider_id"), "lang": lang, "foreign": False}
        if course.get("provider_id")
        else None
    )


def course_summary(course: Course, lang: str, today: dt.date) -> dict[str, Any]:
    """One search-result row."""
    return {
        "id": course["id"],
        "title": pick(course.get("title"), lang)
        or {"text": course["id"], "lang": lang, "foreign": False},
        "summary": pick(course.get("summary"), lang),
        "provider": provider_name(course, lang),
        "level": level_info(course.get("level") or {})["short"],
        "length": length_text(course.get("duration") or {}, lang),
        "cost": cost_text(course.get("cost") or {}, lang),
        "mode": str(MODE_LABELS[course["mode"]]) if course.get("mode") in MODE_LABELS else None,
        "start": start_info(course.get("start") or {}, lang, today)["summary"],
        "language": str(LANGUAGE_LABELS.get(course.get("language") or "en", "")),
        "welsh_medium": course.get("language") in ("cy", "bilingual"),
    }


def _last_checked(source: Mapping[str, Any], lang: str) -> str | None:
    when = fmt.parse_when(source.get("last_seen") or source.get("fetched_at"))
    return fmt.day(when, lang) if when else None


def _places(course: Course) -> list[str]:
    places = []
    for loc in course.get("locations") or []:
        parts = [loc.get("name"), loc.get("town"), loc.get("postcode")]
        text = ", ".join(dict.fromkeys(p for p in parts if p))
        if text:
            places.append(text)
    if not places:
        places = list(course.get("towns") or [])
    return places


def course_detail(course: Course, lang: str, today: dt.date) -> dict[str, Any]:
    """Everything the course page shows, in display order."""
    facts_lang = content_language(course)
    duration = course.get("duration") or {}
    cost = course.get("cost") or {}
    level = course.get("level") or {}
    more = course.get("more") or {}
    description = pick(course.get("description"), lang)
    if description:
        description["blocks"] = blocks(description["text"])
    # Outcomes are usually a list inside the description already: don't show them twice.
    outcomes = [o for o in more.get("learning_outcomes") or [] if o]
    if description and any(b["kind"] == "list" for b in description["blocks"]):
        outcomes = []
    url = course.get("url_cy") if lang == "cy" and course.get("url_cy") else course.get("url")
    return {
        **course_summary(course, lang, today),
        "description": description,
        "hours": hours_text(duration, lang),
        "hours_estimated": bool(duration.get("hours_derived")),
        "weeks": weeks_text(duration, lang),
        "self_paced": bool(duration.get("self_paced")),
        "duration_stated": stated(duration.get("stated"), lang, facts_lang),
        "cost_stated": stated(cost.get("stated"), lang, facts_lang),
        "cost_note": stated(cost.get("note"), lang, facts_lang),
        "level_info": level_info(level),
        "level_stated": stated(level.get("stated"), lang, facts_lang),
        "credits": credits_info(course, lang),
        "credits_stated": stated((course.get("credits") or {}).get("stated"), lang, facts_lang),
        "start_info": start_info(course.get("start") or {}, lang, today),
        "start_stated": stated((course.get("start") or {}).get("stated"), lang, facts_lang),
        "mode_stated": stated(course.get("mode_stated"), lang, facts_lang),
        "pattern": str(PATTERN_LABELS[course["pattern"]])
        if course.get("pattern") in PATTERN_LABELS
        else None,
        "places": _places(course),
        "credential": str(CREDENTIAL_LABELS[course["credential_type"]])
        if course.get("credential_type") in CREDENTIAL_LABELS
        else None,
        "credential_term": stated(course.get("credential_term"), lang, facts_lang),
        "entry_requirements": stated(more.get("entry_requirements"), lang, facts_lang),
        "assessment": stated(more.get("assessment"), lang, facts_lang),
        "awarding_body": more.get("awarding_body"),
        "outcomes": outcomes,
        "facts_lang": facts_lang,
        "url": url,
        "provider_id": course.get("provider_id"),
        "provider_website": (course.get("provider") or {}).get("website"),
        "last_checked": _last_checked(course.get("source") or {}, lang),
        "withdrawn": (course.get("source") or {}).get("status") == "withdrawn",
    }
