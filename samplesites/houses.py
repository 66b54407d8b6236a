"""Each provider's publishing shape and house layout: per-site differences as data.

Between them the sites cover the four shapes a crawler meets (DESIGN.md decision 3):
schema.org JSON-LD, schema.org microdata, an XCRI-CAP 1.2 feed, and plain HTML that
only per-provider CSS selectors can read. Plain-HTML sites each get a stable house
layout with their own class names, so one selector file cannot fit them all by accident.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

JSONLD, MICRODATA, XCRI, HTML = "jsonld", "microdata", "xcri", "html"


def shape_of(provider: dict[str, Any]) -> str:
    """The provider's `site.structured_data` hint as one of the four shapes."""
    hint = provider.get("site", {}).get("structured_data", "").lower()
    if "json-ld" in hint:
        return JSONLD
    if "microdata" in hint:
        return MICRODATA
    if "xcri" in hint:
        return XCRI
    return HTML


@dataclass(frozen=True)
class House:
    """A plain-HTML layout: which facts template, and the class names it uses.

    `value` is a format string for the class of each fact's value element; `{slug}` is
    the fact's short name (labels.FACT_SLUGS: code, type, level, credits, duration,
    mode, start, location, language, cost).
    """

    layout: str  # "dl" | "table" | "divs"
    main: str  # class of the element wrapping the course content
    title: str
    summary: str
    description: str
    facts: str  # class of the facts container (dl, table or div)
    row: str  # class of each fact row (tr / div); unused for dl
    label: str
    value: str


HOUSES: dict[str, House] = {
    "coleg-bro-ogwr": House(
        "dl",
        "course-page",
        "course-page__title",
        "course-page__intro",
        "course-page__body",
        "course-key-info",
        "",
        "course-key-info__label",
        "course-key-info__{slug}",
    ),
    "coleg-alun-a-chlwyd": House(
        "table",
        "cac-course",
        "cac-course-title",
        "cac-course-lead",
        "cac-course-content",
        "course-summary-table",
        "course-summary-table__row course-summary-table__row--{slug}",
        "course-summary-table__label",
        "course-summary-table__value",
    ),
    "gwaun-derw-training": House(
        "divs",
        "training-course",
        "training-course__heading",
        "training-course__strapline",
        "training-course__details",
        "training-facts",
        "training-fact training-fact--{slug}",
        "training-fact__label",
        "training-fact__value",
    ),
    "kestrelgate-training": House(
        "divs",
        "kg-course-detail",
        "kg-course-name",
        "kg-course-teaser",
        "kg-course-about",
        "kg-detail-list",
        "detail-item detail-item-{slug}",
        "detail-label",
        "detail-value",
    ),
    "cromarty-firth-college": House(
        "table",
        "cfc-course",
        "cfc-course__name",
        "cfc-course__summary",
        "cfc-course__text",
        "course-info",
        "course-info-{slug}",
        "course-info__key",
        "course-info__val",
    ),
    "sperrin-regional-college": House(
        "dl",
        "src-course",
        "src-course-heading",
        "src-course-standfirst",
        "src-course-body",
        "course-details",
        "",
        "course-details__term",
        "course-details__value course-details__value--{slug}",
    ),
}

#: Layout for course pages of sites whose data is in JSON-LD, microdata or a feed.
DEFAULT_HOUSE = House(
    "dl",
    "course",
    "course__title",
    "course__summary",
    "course__description",
    "key-facts",
    "",
    "key-facts__label",
    "key-facts__value key-facts__value--{slug}",
)


def house_of(provider: dict[str, Any]) -> House:
    return HOUSES.get(provider["id"], DEFAULT_HOUSE)


def house_selectors(house: House) -> dict[str, str]:
    """CSS selectors that read each published field from a course page in this layout.

    Keys are raw-listing field names (title, summary, description, course_code and the
    `published` fact names); the crawler's per-provider selector files can copy them.
    """
    from samplesites.labels import FACT_SLUGS

    def last_class(classes: str, slug: str) -> str:
        return "." + classes.split()[-1].format(slug=slug)

    out = {
        "title": f"h1.{house.title}",
        "summary": f"p.{house.summary}",
        "description": f"div.{house.description}",
    }
    for field, slug in FACT_SLUGS.items():
        value = last_class(house.value, slug)
        if "{slug}" in house.value:
            out[field] = value
        else:  # the row carries the field name; the value class is shared
            out[field] = f"{last_class(house.row, slug)} {value}"
    return out
