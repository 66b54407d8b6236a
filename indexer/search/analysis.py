"""Index settings: the analyzers for English, Welsh and folded text.

Only components DESIGN.md lists as working on osmem-server are used (the english
analyzer's stemmer and stop list, lowercase, asciifolding, custom stop lists). No
edge_ngram: autocomplete uses prefix queries on folded words instead, which doubled
reindex throughput (docs/performance.md). No synonym filters: osmem silently ignores
them, so synonyms are expanded in the application instead.
"""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources
from typing import Any

WELSH_ANALYZER = "welsh_course"
# OpenSearch's english analyzer rebuilt from its parts, with asciifolding added: "cafe"
# finds "Café", "naive" finds "naïve" (the built-in one keeps accents).
ENGLISH_ANALYZER = "english_folded"
# The english analyzer's own stop words (Lucene's default English set, `_english_`): used
# by ENGLISH_ANALYZER and by the query builder for the fields whose analyzers keep them.
ENGLISH_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "for",
        "if",
        "in",
        "into",
        "is",
        "it",
        "no",
        "not",
        "of",
        "on",
        "or",
        "such",
        "that",
        "the",
        "their",
        "then",
        "there",
        "these",
        "they",
        "this",
        "to",
        "was",
        "will",
        "with",
    ]
)
FOLDED_ANALYZER = "folded"


@cache
def welsh_stopwords() -> tuple[str, ...]:
    """The Welsh stop words recommended for course search.

    Rows flagged "no" are real content words in course text ("amser" in "rhan-amser" =
    part-time, "bob wythnos" = weekly), so dropping them would lose meaning.
    """
    path = resources.files("indexer") / "data" / "welsh_stopwords.csv"
    with path.open(encoding="utf-8") as fh:
        rows = csv.DictReader(fh)
        return tuple(
            row["word"].strip().lower()
            for row in rows
            if row["recommended_for_course_search"].strip().lower() == "yes"
        )


def analysis_settings() -> dict[str, Any]:
    """The `analysis` block of the index settings."""
    return {
        "filter": {
            "welsh_stop": {"type": "stop", "stopwords": list(welsh_stopwords())},
            "english_stop": {"type": "stop", "stopwords": sorted(ENGLISH_STOPWORDS)},
            "english_stemmer": {"type": "stemmer", "language": "english"},
        },
        # The possessive stemmer's job ("learner's" -> "learner") as a character filter:
        # with the `possessive_english` stemmer in a custom chain osmem-server 0.1.6
        # matches every document for every query, and it does not support a
        # `pattern_replace` token filter (measured; tests/indexer/search/test_service.py).
        "char_filter": {
            "english_possessive": {
                "type": "pattern_replace",
                "pattern": "['\u2019][sS]\\b",
                "replacement": "",
            },
        },
        "analyzer": {
            # The english analyzer's own chain (possessive, lowercase, stop, stem), with
            # folding before the stop words and the stemmer, which expect plain letters.
            ENGLISH_ANALYZER: {
                "type": "custom",
                "tokenizer": "standard",
                "char_filter": ["english_possessive"],
                "filter": [
                    "lowercase",
                    "asciifolding",
                    "english_stop",
                    "english_stemmer",
                ],
            },
            # Stop words are removed before folding so "â" (with) is matched as written;
            # folding then lets "cyflwyniad" match "cyflwyniad" typed without accents and
            # vice versa ("Môn" / "mon").
            WELSH_ANALYZER: {
                "type": "custom",
                "tokenizer": "standard",
                "filter": ["lowercase", "welsh_stop", "asciifolding"],
            },
            FOLDED_ANALYZER: {
                "type": "custom",
                "tokenizer": "standard",
                "filter": ["lowercase", "asciifolding"],
            },
        },
    }
