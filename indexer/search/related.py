"""More courses in the same subjects, when the words typed find fewer than a page.

A learner who types "sage payroll" or "IOSH managing safely" gets the few courses that
say so; courses on the same subject that word it differently ("Introduction to
Bookkeeping", "NEBOSH General Certificate") are useful next answers. So when page 1 is
not full, the subjects (CAH level 3) of the best few hits seed a second request: courses
in those subjects that pass the same filters, text matches first, shown after the hits
under their own heading. Pseudo-relevance feedback over the subject codes: no word list,
so it behaves the same for queries never seen. Courses sharing only some of the words
typed come after those in the hits' subject ("sheep farming course": farm
diversification shares "farming"); a query that is only constraints ("weekend courses
cardiff") is followed by courses meeting some of them.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from indexer.search.queries import CourseSearch
from indexer.search.reading import boosted
from indexer.search.text import partial_clause, text_clause

# The best hits whose subjects are followed (each scoring at least half the top hit's).
# 3 -> 5 at step 11: recall@20 on the devset index 0.949 -> 0.952 (4 gives the same), on
# the crawled sample sites 0.952 either way ("CPD nursing infection control": the fourth
# hit is the one in Nursing, beside the venepuncture courses).
SEEDS = 5
MIN_SEED_SCORE_SHARE = 0.5  # a seed scores at least half the top hit's score
LEVEL = "cah3"  # how close a neighbour must be: the hits' CAH level-3 subject
# What sharing a seed subject adds to a candidate's score: a course in the hits' subject
# comes before one that only shares a word with the query (docs/relevance.md, step 8a).
SUBJECT_BOOST = 6.0  # 5 -> recall@20 0.923, 6, 8 or 10 -> 0.925 (with the rest of step 8)
# Courses sharing only some of the words typed (any one of several, on the short fields)
# are candidates too, scored by those words; 0 = off.
PARTIAL_TEXT_BOOST = 1.0
# With no words left once constraints are read ("weekend courses cardiff"), courses
# meeting some of the constraints, most first.
CONSTRAINTS_ONLY = True
# What each constraint read from the words adds to a related course's score. The hits
# already meet them all; among the courses after them, the subject comes first and the
# constraints order courses of equal subject: for "free online python course" a Python
# course that is not free ranks above a free online Linux course. (Until step 10 it was
# the hits' 30, which put the Linux course first.) 30 / 10 / 3 / 1 -> recall@20 on the
# crawled sample sites 0.936 / 0.939 / 0.941 / 0.941; the devset index does not move.
CONSTRAINT_SHARE_BOOST = 3.0


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

    Candidates match the words typed, share a seed subject (scored SUBJECT_BOOST more) or
    match some of the words (PARTIAL_TEXT_BOOST); with no words left, they meet some of
    the constraints read from them. They pass the same filters except those read from the
    query's words, which rank instead (each one met counts CONSTRAINT_SHARE_BOOST), so a
    free Python course taught in person comes before a Python course that meets none of
    "free online python course", and both before a free online course on another
    subject.
    """
    if size <= 0:
        return None
    # A misspelt query ("bookeeping") found its few hits by fuzzy matching; the neighbours
    # are looked for with the words corrected, so their synonyms and associations count.
    words = search.corrected_text or search.free_text
    if not words.strip():
        # Constraints only ("weekend courses cardiff"): courses meeting some of them.
        if len(search.constraint_filters) < 2 or not CONSTRAINTS_ONLY:
            return None
        codes: list[str] = []
        candidates: list[dict[str, Any]] = list(search.constraint_filters)
    else:
        codes = seed_subjects(results)
        text = text_clause(words, lang, search.associations)
        widened = search.constraint_filters or search.corrected_text
        if not codes and (text is None or not widened):
            return None  # nothing the hits do not already cover
        candidates = [] if text is None else [text]
    should: list[dict[str, Any]] = []
    if codes:
        same_subject = {"terms": {"subject_codes": codes}}
        candidates.append(same_subject)
        if SUBJECT_BOOST:
            should.append({"constant_score": {"filter": same_subject, "boost": SUBJECT_BOOST}})
    if PARTIAL_TEXT_BOOST:
        partial = partial_clause(words, lang, PARTIAL_TEXT_BOOST)
        if partial is not None:
            candidates.append(partial)
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
    should += [boosted(c, CONSTRAINT_SHARE_BOOST) for c in search.constraint_filters]
    if should:
        query["should"] = should
    body: dict[str, Any] = {
        "query": {"bool": query},
        "size": size,
        "track_total_hits": False,
        "sort": ["_score", {"next_start": {"order": "asc", "missing": "_last"}}, {"id": "asc"}],
    }
    return body
