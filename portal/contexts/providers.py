"""Providers from the catalogue -> the providers list page."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from portal.contexts import formatting as fmt
from portal.contexts.content import pick

TYPE_LABELS = {
    "university": _l("University"),
    "college": _l("College"),
    "private": _l("Private training provider"),
    "public_body": _l("Public body"),
}

NATION_LABELS = {
    "wales": _l("Wales"),
    "england": _l("England"),
    "scotland": _l("Scotland"),
    "northern_ireland": _l("Northern Ireland"),
    "uk": _l("UK-wide"),
}


def providers_context(providers: Iterable[Mapping[str, Any]], lang: str) -> list[dict[str, Any]]:
    rows = []
    for p in providers:
        name = pick(p.get("name"), lang) or {"text": p["id"], "lang": lang, "foreign": False}
        count = int(p.get("courses") or 0)
        rows.append(
            {
                "id": p["id"],
                "name": name,
                "type": str(TYPE_LABELS[p["type"]]) if p.get("type") in TYPE_LABELS else None,
                "nation": str(NATION_LABELS[p["nation"]])
                if p.get("nation") in NATION_LABELS
                else None,
                "website": p.get("website"),
                "courses": count,
                "courses_text": ngettext(
                    "%(n)s course", "%(n)s courses", count, n=fmt.number(count, lang)
                ),
            }
        )
    return sorted(rows, key=lambda r: r["name"]["text"].casefold())
