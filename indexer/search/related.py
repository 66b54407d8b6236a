"""More courses in the same subjects, when the words typed find fewer than a page.

A learner who types "sage payroll" or "IOSH managing safely" gets the few courses that
say so; courses on the same subject that word it differently ("Introduction to
Bookkeeping", "NEBOSH General Certificate") are useful next answers. So when page 1 is
not full, the subjects (CAH level 3) of the best few hits seed a second request: courses
in those subjects that pass the same filters, text matches first, shown after the hits
under their own heading. Pseudo-relevance feedback over the subject codes: no word list,
so it behaves the same for queries never seen.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from indexer.search.queries import CourseSearch
from indexer.search.reading import CONSTRAINT_BOOST, boosted
from indexer.search.text import text_clause

SEEDS = 3  # the best hits whose subjects are followed
MIN_SEED_SCORE_SHARE = 0.5  # a seed scores at least half the top hit's score
LEVEL = "cah3"  # how close a neighbour must be: the hits' CAH level-3 subject


def seed_subjects(results: list[dict[str, Any]]) -> list[str]:
    """CAH3 codes of the strongest few hits, most common first."""
    if not results:
        return []
    top = float(results[0].get("_score") or 0.0)
    counts: Counter[str] = Counter()
    for doc in results[:SEEDS]:
        if top and float(doc.get("_score") or 0.0) < top * MIN_SEED_SCORE_SHARE:
            break
        for subject in doc.get("subjects") or []:
            if subject.get(LEVEL):
                counts[subject[LEVEL]] += 1
    return [code for code, _ in counts.most_common()]


def related_body(
    search: CourseSearch, lang: str, results: list[dict[str, Any]], size: int
) -> dict[str, Any] | None:
    """The request for up to `size` related courses, or None when there is nothing to add.

    Candidates match the words typed or share a seed subject; they pass the same filters
    except those read from the query's words, which rank instead (each one met counts
    CONSTRAINT_BOOST), so a free Python course taught in person comes before a Python
    course that meets none of "free online python course".
    """
    if size <= 0 or not search.free_text.strip():
        return None
    codes = seed_subjects(results)
    text = text_clause(search.free_text, lang)
    if not codes and (text is None or not search.constraint_filters):
        return None  # nothing the hits do not already cover
    candidates: list[dict[str, Any]] = [] if text is None else [text]
    if codes:
        candidates.append({"terms": {"subject_codes": codes}})
    filters = [c for c in search.filter if c not in search.constraint_filters]
    selections = search.facet_filter()
    if selections:
        filters.append(selections)
    shown = [str(doc["id"]) for doc in results if doc.get("id")]
    query: dict[str, Any] = {
        "must": [{"bool": {"should": candidates, "minimum_should_match": 1}}],
        "must_not": [*search.must_not, {"terms": {"id": shown}}],
    }
    if filters:
        query["filter"] = filters
    should = [boosted(c, CONSTRAINT_BOOST) for c in search.constraint_filters]
    if should:
        query["should"] = should
    body: dict[str, Any] = {
        "query": {"bool": query},
        "size": size,
        "track_total_hits": False,
        "sort": ["_score", {"next_start": {"order": "asc", "missing": "_last"}}, {"id": "asc"}],
    }
    return body
