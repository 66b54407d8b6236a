"""A SearchPage -> the search results page: facets, chips, results, sort and paging.

Links are returned as query strings ("?q=...&mode=online"), so this module needs no Flask
routing; the template puts them after the search page's URL.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from flask_babel import gettext as _
from flask_babel import ngettext

from indexer.search.models import FACETS, FacetBucket, SearchPage, SearchParams
from indexer.search.reading import without_phrase
from portal.contexts import formatting as fmt
from portal.contexts.content import pick
from portal.contexts.course import course_summary
from portal.contexts.labels import (
    COST_FACET_LABELS,
    DURATION_LABELS,
    FACET_TITLES,
    LANGUAGE_LABELS,
    MODE_LABELS,
    SORT_LABELS,
    START_ANYTIME,
    level_label,
    subject_groups,
)

_LEVEL_ORDER = ["entry", *[str(n) for n in range(1, 9)]]
_FIXED = {
    "duration": DURATION_LABELS,
    "mode": MODE_LABELS,
    "cost": COST_FACET_LABELS,
    "language": LANGUAGE_LABELS,
}


def query_string(
    q: str,
    sort: str,
    filters: dict[str, list[str]],
    page: int | None = None,
    *,
    include_past: bool = False,
) -> str:
    pairs: list[tuple[str, str | int]] = [("q", q)] if q else []
    for facet in FACETS:
        pairs.extend((facet, value) for value in filters.get(facet, []))
    if include_past:
        pairs.append(("include_past", "1"))
    if sort != "relevance":
        pairs.append(("sort", sort))
    if page and page > 1:
        pairs.append(("page", page))
    return "?" + urlencode(pairs) if pairs else "?"


def facet_label(
    facet: str,
    value: str,
    label: dict[str, Any] | None,
    lang: str,
    names: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The text of a facet value in `lang`, with its own language when it had to fall back.

    `names` maps provider ids to their {en, cy} names (buckets carry only ids).
    """
    names = subject_groups() if facet == "subject" else (names or {}) if facet == "provider" else {}
    if facet in _FIXED and value in _FIXED[facet]:
        text: str | None = str(_FIXED[facet][value])
    elif facet == "level":
        text = level_label(value)
    elif facet == "start":
        text = str(START_ANYTIME) if value == "anytime" else fmt.start_date(value, lang)
    else:
        text = None
    if text:
        return {"text": text, "lang": lang, "foreign": False}
    fallback = label or names.get(value)
    return pick(fallback, lang) or {"text": value, "lang": lang, "foreign": False}


def _sorted(facet: str, buckets: list[FacetBucket]) -> list[FacetBucket]:
    if facet == "level":
        return sorted(
            buckets, key=lambda b: _LEVEL_ORDER.index(b.value) if b.value in _LEVEL_ORDER else 99
        )
    if facet == "start":
        return sorted(buckets, key=lambda b: "0" if b.value == "anytime" else b.value)
    if facet == "duration":
        order = list(DURATION_LABELS)
        return sorted(buckets, key=lambda b: order.index(b.value) if b.value in order else 99)
    return buckets


def facets_context(
    page: SearchPage, params: SearchParams, lang: str, names: dict[str, Any] | None = None
) -> list[dict[str, Any]]:
    groups = []
    for facet in FACETS:
        buckets = list(page.facets.get(facet, []))
        selected = set(params.filters.get(facet, []))
        seen = {b.value for b in buckets}
        # A chosen value with no matches must stay on screen so it can be unticked.
        buckets += [FacetBucket(value=v, count=0, selected=True) for v in selected - seen]
        options = [
            {
                "value": b.value,
                "label": facet_label(facet, b.value, b.label, lang, names),
                "count": b.count,
                "selected": b.value in selected,
                "id": f"f-{facet}-{i}",
            }
            for i, b in enumerate(_sorted(facet, buckets))
            if b.count > 0 or b.value in selected
        ]
        if options:
            groups.append(
                {
                    "name": facet,
                    "title": str(FACET_TITLES[facet]),
                    "options": options,
                    "open": bool(selected),
                }
            )
    return groups


def chips_context(
    page: SearchPage, params: SearchParams, lang: str, names: dict[str, Any] | None = None
) -> list[dict[str, Any]]:
    """Every active constraint with a link that removes just that one."""
    chips = []
    for facet in FACETS:
        for value in params.filters.get(facet, []):
            rest = {
                k: [v for v in vs if not (k == facet and v == value)]
                for k, vs in params.filters.items()
            }
            chips.append(
                {
                    "facet": str(FACET_TITLES[facet]),
                    "label": facet_label(
                        facet, value, _bucket_label(page, facet, value), lang, names
                    ),
                    "remove": query_string(
                        params.q, params.sort, rest, include_past=params.include_past
                    ),
                }
            )
    for chip in page.chips:  # constraints the engine read from the words of the query
        if chip.facet in FACETS:
            title = str(FACET_TITLES[chip.facet])
            label = facet_label(
                chip.facet, chip.value, _bucket_label(page, chip.facet, chip.value), lang, names
            )
        else:  # "weekend", "under 20 hours", a town: no facet, so the words typed
            title = _("From your search")
            label = {"text": chip.phrase, "lang": lang, "foreign": False}
        chips.append(
            {
                "facet": title,
                "label": label,
                "remove": query_string(
                    without_phrase(params.q, chip.phrase),
                    params.sort,
                    params.filters,
                    include_past=params.include_past,
                ),
            }
        )
    return chips


def _without_chips(q: str, page: SearchPage) -> str:
    for chip in page.chips:
        q = without_phrase(q, chip.phrase)
    return q


def relax_context(page: SearchPage, params: SearchParams, lang: str) -> dict[str, Any] | None:
    """On zero results: a link to the same search without its most restrictive filter."""
    relax = page.relax
    if relax is None:
        return None
    if relax.kind == "facet":
        rest = {k: v for k, v in params.filters.items() if k != relax.facet}
        href = query_string(params.q, params.sort, rest, include_past=params.include_past)
        what = ", ".join(facet_label(relax.facet, v, None, lang)["text"] for v in relax.values)
    else:
        href = query_string(
            without_phrase(params.q, relax.phrase),
            params.sort,
            params.filters,
            include_past=params.include_past,
        )
        what = relax.phrase
    count = fmt.number(relax.total, lang)
    return {
        "href": href,
        "text": ngettext(
            "Search again without “%(what)s”: %(n)s course",
            "Search again without “%(what)s”: %(n)s courses",
            relax.total,
            what=what,
            n=count,
        ),
    }


def debug_context(page: SearchPage, lang: str) -> list[dict[str, Any]]:
    """The debug view: each result's score and the largest parts of it."""
    rows = []
    for rank, doc in enumerate(page.results, start=1 + (page.page - 1) * page.per_page):
        explanation = doc.get("_explain")
        if explanation is None:
            continue
        rows.append(
            {
                "rank": rank,
                "title": (pick(doc.get("title"), lang) or {}).get("text") or doc.get("id"),
                "score": round(explanation.score, 3),
                "reasons": [(what, round(value, 3)) for what, value in explanation.reasons],
            }
        )
    return rows


def _bucket_label(page: SearchPage, facet: str, value: str) -> dict[str, str] | None:
    return next((b.label for b in page.facets.get(facet, []) if b.value == value), None)


def pager_context(page: SearchPage, params: SearchParams) -> dict[str, Any]:
    current, last = params.page, page.pages
    window = range(max(1, current - 2), min(last, current + 2) + 1)

    def link(n: int) -> str:
        return query_string(
            params.q, params.sort, params.filters, n, include_past=params.include_past
        )

    return {
        "current": current,
        "last": last,
        "previous": link(current - 1) if current > 1 else None,
        "next": link(current + 1) if current < last else None,
        "pages": [{"number": n, "href": link(n), "current": n == current} for n in window],
        "first": link(1),
        "last_href": link(last),
        "beyond_last": current > last,
    }


def search_context(
    page: SearchPage,
    params: SearchParams,
    lang: str,
    today: dt.date,
    truncated: bool = False,
    provider_names: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Everything the results page shows; `provider_names` labels the provider facet."""
    chips = chips_context(page, params, lang, provider_names)
    return {
        "q": params.q,
        "sort": params.sort,
        "sorts": [
            {"value": k, "label": str(v), "selected": k == params.sort}
            for k, v in SORT_LABELS.items()
        ],
        "filters": params.filters,
        "include_past": params.include_past,
        "with_past": query_string(params.q, params.sort, params.filters, include_past=True),
        # set by the view after one count (portal/searching.py), on zero results only
        "offer_past": False,
        "total": page.total,
        "count_text": ngettext(
            "%(n)s course found", "%(n)s courses found", page.total, n=fmt.number(page.total, lang)
        ),
        "results": [course_summary(doc, lang, today) for doc in page.results],
        "related": [course_summary(doc, lang, today) for doc in page.related],
        "facets": facets_context(page, params, lang, provider_names),
        "chips": chips,
        "clear_all": query_string(
            _without_chips(params.q, page), params.sort, {}, include_past=params.include_past
        )
        if chips
        else None,
        "pager": pager_context(page, params),
        "suggestion": {
            "text": page.suggestion,
            "href": query_string(
                page.suggestion, params.sort, params.filters, include_past=params.include_past
            ),
        }
        if page.suggestion
        else None,
        "truncated": truncated or page.truncated,
        "relax": relax_context(page, params, lang),
        "debug": debug_context(page, lang) if params.explain else None,
        "page_title": _("Search results for “%(q)s”", q=params.q) if params.q else _("All courses"),
    }
