"""The OpenAPI 3.1 document for the JSON API, generated from the schema models.

The course schema comes from `indexer.schema.Course` itself, so the document cannot drift
from what the API returns; tests validate live responses against the served document.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from pydantic.json_schema import models_json_schema

from indexer.schema import Course
from indexer.search.models import FACETS, SORTS

REF = "#/components/schemas/{model}"
# constraints read from the words that no facet expresses ("weekend", "under 20 hours", a town)
CHIP_KINDS = ("hours", "schedule", "place", "nation", "pace")


@lru_cache(maxsize=1)
def _schemas() -> dict[str, Any]:
    _, defs = models_json_schema([(Course, "serialization")], ref_template=REF)
    schemas: dict[str, Any] = dict(defs["$defs"])
    error = {
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {
                "type": "object",
                "required": ["status", "code", "message"],
                "properties": {
                    "status": {"type": "integer"},
                    "code": {"type": "string"},
                    "message": {"type": "string"},
                    "parameter": {"type": "string"},
                },
            }
        },
    }
    bucket = {
        "type": "object",
        "required": ["value", "count", "label"],
        "properties": {
            "value": {"type": "string"},
            "count": {"type": "integer", "minimum": 0},
            "selected": {"type": "boolean"},
            "label": {"type": "string"},
        },
    }
    search = {
        "type": "object",
        "required": ["total", "page", "per_page", "facets", "results"],
        "properties": {
            "total": {"type": "integer", "minimum": 0},
            "page": {"type": "integer", "minimum": 1},
            "per_page": {"type": "integer", "minimum": 0},
            "pages": {"type": "integer", "minimum": 1},
            "query": {"type": "string"},
            "truncated": {"type": "boolean", "description": "the query was shortened"},
            "suggestion": {"type": ["string", "null"], "description": "did you mean"},
            "facets": {
                "type": "object",
                "additionalProperties": {
                    "type": "array",
                    "items": {"$ref": REF.format(model="FacetBucket")},
                },
            },
            "chips": {
                "type": "array",
                "description": "constraints read from the words of the query (e.g. 'free', 'ar-lein')",
                "items": {
                    "type": "object",
                    "required": ["facet", "value", "phrase"],
                    "properties": {
                        "facet": {"type": "string", "enum": [*FACETS, *CHIP_KINDS]},
                        "value": {"type": "string"},
                        "phrase": {"type": "string"},
                        "label": {"type": "string"},
                    },
                },
            },
            "results": {"type": "array", "items": {"$ref": REF.format(model="Course")}},
            "related": {
                "type": "array",
                "description": "page 1 not full: courses in the same subjects as the results,"
                " shown after them (empty otherwise)",
                "items": {"$ref": REF.format(model="Course")},
            },
            "relax": {
                "description": "on zero results: the one filter whose removal gives most courses"
                " back (null otherwise)",
                "oneOf": [{"type": "null"}, {"$ref": REF.format(model="Relaxation")}],
            },
            "include_past": {
                "type": "boolean",
                "description": "courses whose every start date has gone are included",
            },
        },
    }
    relaxation = {
        "type": "object",
        "required": ["kind", "facet", "values", "phrase", "labels", "total"],
        "properties": {
            "kind": {
                "type": "string",
                "enum": ["facet", "chip"],
                "description": "facet: a filter parameter; chip: a constraint read from q",
            },
            "facet": {
                "type": "string",
                "description": "a facet name, or for a chip no facet expresses its kind"
                " (hours, schedule, place, nation, pace)",
            },
            "values": {"type": "array", "items": {"type": "string"}},
            "phrase": {"type": "string", "description": "the words of q to remove (chips)"},
            "labels": {"type": "array", "items": {"type": "string"}},
            "total": {"type": "integer", "minimum": 1, "description": "courses found without it"},
        },
    }
    schemas.update(Error=error, FacetBucket=bucket, SearchResponse=search, Relaxation=relaxation)
    return schemas


def _parameters() -> list[dict[str, Any]]:
    params: list[dict[str, Any]] = [
        {
            "name": "q",
            "in": "query",
            "description": "free text (cut to 500 characters)",
            "schema": {"type": "string"},
        },
        {
            "name": "lang",
            "in": "query",
            "description": "language of labels",
            "schema": {"type": "string", "enum": ["en", "cy"], "default": "en"},
        },
        {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1, "default": 1}},
        {
            "name": "sort",
            "in": "query",
            "schema": {"type": "string", "enum": list(SORTS), "default": "relevance"},
        },
        {
            "name": "include_past",
            "in": "query",
            "description": "also return courses whose every start date has gone"
            " (1, true, yes or on; anything else means no)",
            "schema": {"type": "string", "default": "false"},
        },
    ]
    for facet in FACETS:
        params.append(
            {
                "name": facet,
                "in": "query",
                "description": f"filter on the {facet} facet; repeat for several values (OR)",
                "style": "form",
                "explode": True,
                "schema": {"type": "array", "items": {"type": "string"}},
            }
        )
    return params


def _error(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": REF.format(model="Error")}}},
    }


def openapi_document(server_url: str) -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Course finder API",
            "version": "1.0.0",
            "description": "Search UK micro-credentials and short courses, in English and Welsh.",
        },
        "servers": [{"url": server_url}],
        "paths": {
            "/api/v1/search": {
                "get": {
                    "operationId": "searchCourses",
                    "summary": "Search courses, with facet counts",
                    "parameters": _parameters(),
                    "responses": {
                        "200": {
                            "description": "one page of results",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": REF.format(model="SearchResponse")}
                                }
                            },
                        },
                        "400": _error("a parameter that cannot mean anything (page=abc)"),
                        "503": _error("the search engine is unavailable; try again shortly"),
                    },
                }
            },
            "/api/v1/courses/{course_id}": {
                "get": {
                    "operationId": "getCourse",
                    "summary": "One course in the common schema",
                    "parameters": [
                        {
                            "name": "course_id",
                            "in": "path",
                            "required": True,
                            "description": "provider id and course code, e.g. tywi-valley-university:tvu-001",
                            "schema": {"type": "string"},
                        },
                        {
                            "name": "lang",
                            "in": "query",
                            "schema": {"type": "string", "enum": ["en", "cy"], "default": "en"},
                        },
                    ],
                    "responses": {
                        "200": {
                            "description": "the course",
                            "content": {
                                "application/json": {"schema": {"$ref": REF.format(model="Course")}}
                            },
                        },
                        "404": _error("no such course"),
                        "503": _error("the search engine is unavailable; try again shortly"),
                    },
                }
            },
            "/api/v1/suggest": {
                "get": {
                    "operationId": "suggest",
                    "summary": "Autocomplete: course titles and subjects starting like q",
                    "parameters": [
                        {
                            "name": "q",
                            "in": "query",
                            "schema": {"type": "string", "maxLength": 100},
                        },
                        {
                            "name": "lang",
                            "in": "query",
                            "schema": {"type": "string", "enum": ["en", "cy"], "default": "en"},
                        },
                    ],
                    "responses": {
                        "200": {
                            "description": "up to 8 suggestions in the requested language",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "required": ["query", "suggestions"],
                                        "properties": {
                                            "query": {"type": "string"},
                                            "suggestions": {
                                                "type": "array",
                                                "items": {"type": "string"},
                                            },
                                        },
                                    }
                                }
                            },
                        },
                        "400": _error("an unknown language"),
                        "503": _error("the search engine is unavailable; try again shortly"),
                    },
                }
            },
            "/api/v1/openapi.json": {
                "get": {
                    "operationId": "openapi",
                    "summary": "This document",
                    "responses": {
                        "200": {
                            "description": "OpenAPI 3.1 document",
                            "content": {"application/json": {}},
                        }
                    },
                }
            },
        },
        "components": {"schemas": _schemas()},
    }
