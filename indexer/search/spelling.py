""" "Did you mean": corrections from the term suggester over titles and subject names.

The term suggester, not the phrase one (osmem returns phrase input uncorrected, DESIGN.md).
It reads `spell`, an unstemmed field, so a correction is a real word ("photography"), not
a stem ("photographi"). Only words absent from the index are corrected (suggest_mode
"missing"), so a correct query never gets a suggestion. It is asked only when the results
are zero or weak (no hit on the first page matched the words as typed), in a second small
request: most searches never pay for it.
"""

from __future__ import annotations

import re
from typing import Any

from indexer.search.queries import CourseSearch

SUGGEST_NAME = "spelling"
MIN_WORD_LENGTH = 4
WORD = re.compile(r"\w+", re.UNICODE)


def suggest_body(search: CourseSearch) -> dict[str, Any] | None:
    """A request for corrections alone (no hits, no aggregations), or None when no word
    is long enough to correct. Sent only on zero or weak results (service.search)."""
    words = [w for w in WORD.findall(search.free_text) if len(w) >= MIN_WORD_LENGTH]
    if not words:
        return None
    return {
        "size": 0,
        "track_total_hits": False,
        "query": {"match_none": {}},
        "suggest": {
            SUGGEST_NAME: {
                "text": search.free_text,
                "term": {
                    "field": "spell",
                    "suggest_mode": "missing",
                    "min_word_length": MIN_WORD_LENGTH,
                    "size": 1,
                },
            }
        },
    }


def corrected_free_text(response: dict[str, Any], search: CourseSearch) -> str | None:
    """The free text (constraints already read out) with each corrected word replaced, or
    None when nothing was corrected."""
    entries = response.get("suggest", {}).get(SUGGEST_NAME) or []
    changed = False
    # replace from the end so earlier offsets stay valid; offsets refer to free_text
    base = search.free_text
    for entry in sorted(entries, key=lambda e: e.get("offset", 0), reverse=True):
        options = entry.get("options") or []
        if not options:
            continue
        start, length = int(entry["offset"]), int(entry["length"])
        base = base[:start] + options[0]["text"] + base[start + length :]
        changed = True
    return base if changed else None


def suggestion(response: dict[str, Any], search: CourseSearch) -> str | None:
    """The query text with each corrected word replaced, or None when nothing was corrected."""
    base = corrected_free_text(response, search)
    if base is None:
        return None
    text = search.text
    # keep the constraint words the user typed: swap the corrected free text into the query
    if search.free_text and search.free_text in text:
        return text.replace(search.free_text, base, 1)
    return base
