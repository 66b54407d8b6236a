"""The index mapping: what is searched, filtered, sorted and aggregated, and how.

`dynamic: false`: only the fields listed here are indexed; everything else in a document
is stored, not parsed, so a schema field whose type varies (`level.value` is 4 or
"entry3") can never fail a bulk load.
"""

from __future__ import annotations

from typing import Any

from indexer.search.analysis import ENGLISH_ANALYZER, FOLDED_ANALYZER, WELSH_ANALYZER
from indexer.search.models import FACETS

LANGS = ("en", "cy")
TEXT_ANALYZERS = {"en": ENGLISH_ANALYZER, "cy": WELSH_ANALYZER}
KEYWORD = {"type": "keyword"}


def _bilingual_text() -> dict[str, Any]:
    return {
        "properties": {
            lang: {"type": "text", "analyzer": analyzer}
            for lang, analyzer in TEXT_ANALYZERS.items()
        }
    }


def mappings() -> dict[str, Any]:
    """The index mapping (see the module docstring for why it is not dynamic)."""
    return {
        "dynamic": False,
        "properties": {
            "id": KEYWORD,
            "provider_id": KEYWORD,
            "course_code": KEYWORD,
            "title": _bilingual_text(),
            "summary": _bilingual_text(),
            "description": _bilingual_text(),
            "subjects_text": _bilingual_text(),
            "keywords": {
                "type": "text",
                "analyzer": ENGLISH_ANALYZER,
                "fields": {"folded": {"type": "text", "analyzer": FOLDED_ANALYZER}},
            },
            # Folded words, matched by prefix queries at search time. An edge_ngram analyzer
            # did the same at index time and halved reindex throughput on osmem
            # (docs/performance.md); titles are short, so prefix expansion is cheap.
            "autocomplete": {
                "properties": {
                    lang: {"type": "text", "analyzer": FOLDED_ANALYZER} for lang in LANGS
                }
            },
            "facets": {"properties": dict.fromkeys(FACETS, KEYWORD)},
            "facet_values": KEYWORD,  # "mode:online", ...: all facets in one aggregation
            # derived fields read by query constraints ("evening classes wrexham", "in Wales")
            "schedule": KEYWORD,
            "places": KEYWORD,
            "nation": KEYWORD,
            "level_stated": KEYWORD,
            "dedupe_key": KEYWORD,
            "subject_codes": KEYWORD,
            "cy_radicals": {"type": "text", "analyzer": FOLDED_ANALYZER},
            "spell": {"type": "text", "analyzer": FOLDED_ANALYZER},
            "credential_type": KEYWORD,
            "credit_bearing": {"type": "boolean"},
            "next_start": {"type": "date", "format": "strict_date"},
            "past_only": {"type": "boolean"},
            "duration": {
                "properties": {"hours": {"type": "float"}, "self_paced": {"type": "boolean"}}
            },
            "cost": {
                "properties": {
                    "gbp": {"type": "float"},
                    "free": {"type": "boolean"},
                    "funded": {"type": "boolean"},
                }
            },
            "source": {"properties": {"status": KEYWORD, "first_seen": {"type": "date"}}},
            "quality": {"properties": {"completeness": {"type": "float"}}},
            "complete": {"type": "boolean"},  # completeness >= documents.COMPLETE_AT
        },
    }
