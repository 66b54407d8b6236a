"""What the portal calls: search, one course, autocomplete.

Engine failures the portal cannot fix (connection refused, timeout, no live index) become
EngineUnavailable, which the portal answers with a 503 page.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from opensearchpy.exceptions import ConnectionError as TransportConnectionError
from opensearchpy.exceptions import NotFoundError, TransportError

from indexer.search.client import Engine
from indexer.search.models import EngineUnavailable, SearchPage, SearchParams
from indexer.search.queries import build_search
from indexer.search.results import parse_response, result_document
from indexer.search.vocabulary import known_places

SUGGESTIONS = 8
MIN_PREFIX = 2  # the autocomplete field's shortest edge n-gram
WORD = re.compile(r"\w+", re.UNICODE)


@contextmanager
def engine_errors(engine: Engine) -> Iterator[None]:
    """Translate transport failures into EngineUnavailable (ConnectionTimeout included)."""
    try:
        yield
    except TransportConnectionError as exc:
        raise EngineUnavailable(f"search engine at {engine.url} unreachable: {exc}") from exc
    except NotFoundError as exc:
        raise EngineUnavailable(f"no live index behind alias {engine.alias!r}: {exc}") from exc
    except TransportError as exc:
        if isinstance(exc.status_code, int) and exc.status_code >= 500:
            raise EngineUnavailable(f"search engine error: {exc}") from exc
        raise  # a 4xx means we built a bad request: a bug to see, not an outage


def search(engine: Engine, params: SearchParams, *, today: dt.date | None = None) -> SearchPage:
    """Run one search and return the page of results with its facets.

    `today` decides which month "starting in January" means (default: today).
    """
    with engine_errors(engine):
        places = (
            known_places(engine) if params.read_constraints and params.q.strip() else frozenset()
        )
        built = build_search(params, places=places, today=today)
        response = engine.client.search(index=engine.alias, body=built.to_dict())
    return parse_response(response, built, params)


def get_course(engine: Engine, course_id: str) -> dict[str, Any] | None:
    """One course document by id, or None when there is no such course."""
    with engine_errors(engine):
        # A search rather than GET by id: GET through an alias is not allowed on every
        # engine version, and the id may come straight from a URL.
        response = engine.client.search(
            index=engine.alias,
            body={"query": {"term": {"id": course_id}}, "size": 1},
        )
    hits = response["hits"]["hits"]
    if not hits:
        return None
    return result_document(hits[0]) | {"_score": None}


def _folded(text: str) -> list[str]:
    plain = unicodedata.normalize("NFKD", text.lower())
    return WORD.findall("".join(c for c in plain if not unicodedata.combining(c)))


def _matches_prefix(candidate: str, prefix_words: list[str]) -> bool:
    words = _folded(candidate)
    return all(any(w.startswith(p) for w in words) for p in prefix_words)


def suggest(engine: Engine, prefix: str, lang: str) -> list[str]:
    """Up to SUGGESTIONS titles and subject names in `lang` whose words start like `prefix`."""
    lang = lang if lang in ("en", "cy") else "en"
    words = _folded(prefix[:100])
    if not words or len("".join(words)) < MIN_PREFIX:
        return []
    field = f"autocomplete.{lang}"
    body = {
        "size": 20,
        "_source": [field],
        "query": {
            "bool": {
                "must": [{"match": {field: {"query": " ".join(words), "operator": "and"}}}],
                "must_not": [{"term": {"source.status": "withdrawn"}}],
            }
        },
    }
    with engine_errors(engine):
        response = engine.client.search(index=engine.alias, body=body)
    out: list[str] = []
    for hit in response["hits"]["hits"]:
        for candidate in hit["_source"].get("autocomplete", {}).get(lang, []):
            if candidate not in out and _matches_prefix(candidate, words):
                out.append(candidate)
    return out[:SUGGESTIONS]
