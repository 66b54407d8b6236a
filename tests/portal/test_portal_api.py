"""JSON API v1, validated against the OpenAPI 3.1 document the portal serves."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate

pytestmark = pytest.mark.engine


@pytest.fixture(scope="module")
def spec(app) -> dict[str, Any]:
    response = app.test_client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.get_json()
    validate(document)  # a valid OpenAPI 3.1 document
    return document


def check(spec: dict[str, Any], path: str, status: str, body: Any) -> None:
    """Validate `body` against the schema the document declares for that response."""
    schema = spec["paths"][path]["get"]["responses"][status]["content"]["application/json"][
        "schema"
    ]
    # Refs are "#/components/schemas/..": resolve them against the document itself.
    Draft202012Validator({**schema, "components": spec["components"]}).validate(body)


def test_document_describes_both_endpoints(spec: dict[str, Any]) -> None:
    assert spec["openapi"].startswith("3.1")
    assert {"/api/v1/search", "/api/v1/courses/{course_id}"} <= set(spec["paths"])
    names = {p["name"] for p in spec["paths"]["/api/v1/search"]["get"]["parameters"]}
    assert {
        "q",
        "lang",
        "page",
        "subject",
        "level",
        "duration",
        "mode",
        "cost",
        "provider",
        "language",
        "start",
    } <= names


def test_search(client: FlaskClient, spec: dict[str, Any]) -> None:
    response = client.get("/api/v1/search?q=computing&lang=cy&mode=blended")
    assert response.status_code == 200 and response.is_json
    body = response.get_json()
    check(spec, "/api/v1/search", "200", body)
    assert body["total"] == 1 and body["page"] == 1
    first = body["results"][0]
    assert first["id"] == "tywi-valley-university:tvu-001"
    assert first["provider_id"] == "tywi-valley-university"
    assert first["course_code"] == "tvu-001"
    assert first["title"]["en"] == "Computing for Beginners"
    assert first["url"].startswith("http://tywi-valley-university.example/")
    assert first["level"]["rqf_equivalent"] == 4 and first["duration"]["hours"] == 150
    assert not any(key.startswith("_") for key in first)
    modes = {b["value"]: b for b in body["facets"]["mode"]}
    assert modes["blended"]["label"] == "Cyfunol (ar-lein ac wyneb yn wyneb)"
    assert modes["blended"]["selected"] is True


def test_search_pages(client: FlaskClient, spec: dict[str, Any]) -> None:
    body = client.get("/api/v1/search?q=data&page=2").get_json()
    check(spec, "/api/v1/search", "200", body)
    assert (
        body["page"] == 2 and body["per_page"] == 20 and len(body["results"]) == body["total"] - 20
    )


def test_course(client: FlaskClient, spec: dict[str, Any]) -> None:
    response = client.get("/api/v1/courses/coleg-glannau:cg-020")
    assert response.status_code == 200
    body = response.get_json()
    check(spec, "/api/v1/courses/{course_id}", "200", body)
    assert body["title"] == {"en": "First Aid at Work", "cy": "Cymorth Cyntaf yn y Gwaith"}
    assert body["start"]["anytime"] is True


@pytest.mark.parametrize(
    ("url", "path", "status"),
    [
        ("/api/v1/courses/no-such:course", "/api/v1/courses/{course_id}", "404"),
        ("/api/v1/search?page=abc", "/api/v1/search", "400"),
        ("/api/v1/search?lang=fr", "/api/v1/search", "400"),
    ],
)
def test_errors_are_documented_json(
    client: FlaskClient, spec: dict[str, Any], url: str, path: str, status: str
) -> None:
    response = client.get(url)
    assert str(response.status_code) == status and response.is_json
    check(spec, path, status, response.get_json())


def test_suggest(client: FlaskClient, spec: dict[str, Any]) -> None:
    body = client.get("/api/v1/suggest?q=gweith&lang=cy").get_json()
    check(spec, "/api/v1/suggest", "200", body)
    assert any(s.startswith("Gweithdy Sgiliau Data") for s in body["suggestions"])
    empty = client.get("/api/v1/suggest?q=").get_json()
    assert empty["suggestions"] == []


def test_include_past_brings_back_courses_whose_starts_have_gone(
    client: FlaskClient, spec: dict[str, Any]
) -> None:
    names = {p["name"] for p in spec["paths"]["/api/v1/search"]["get"]["parameters"]}
    assert "include_past" in names
    hidden = client.get("/api/v1/search?q=project+management+essentials").get_json()
    check(spec, "/api/v1/search", "200", hidden)
    assert hidden["include_past"] is False
    assert "northern-skills:ns-200" not in {r["id"] for r in hidden["results"]}
    shown = client.get("/api/v1/search?q=project+management+essentials&include_past=1").get_json()
    check(spec, "/api/v1/search", "200", shown)
    assert shown["include_past"] is True
    assert "northern-skills:ns-200" in {r["id"] for r in shown["results"]}
    # anything but a yes is a no, never an error
    other = client.get("/api/v1/search?q=project+management+essentials&include_past=maybe")
    assert other.status_code == 200 and other.get_json()["include_past"] is False


def test_related_courses_and_relax_on_a_short_page(
    client: FlaskClient, spec: dict[str, Any]
) -> None:
    body = client.get("/api/v1/search?q=first+aid+online&lang=cy").get_json()
    check(spec, "/api/v1/search", "200", body)
    assert body["total"] == 0
    assert [r["id"] for r in body["related"]] == ["coleg-glannau:cg-020"]
    assert not any(key.startswith("_") for r in body["related"] for key in r)
    relax = body["relax"]  # the word "online" was read as a filter: drop it
    assert relax["kind"] == "chip" and relax["phrase"] == "online" and relax["total"] >= 1
    full = client.get("/api/v1/search?q=computing").get_json()
    assert full["related"] == [] and full["relax"] is None


def test_zero_results_say_which_filter_to_drop(client: FlaskClient, spec: dict[str, Any]) -> None:
    body = client.get("/api/v1/search?q=computing&mode=blended&cost=free&lang=cy").get_json()
    check(spec, "/api/v1/search", "200", body)
    assert body["total"] == 0
    relax = body["relax"]
    assert relax["kind"] == "facet" and relax["total"] > 0
    assert relax["facet"] in {"mode", "cost"}
    assert relax["labels"][0] in {"Am ddim", "Cyfunol (ar-lein ac wyneb yn wyneb)"}


def test_chips_without_a_facet_are_labelled_with_the_words_typed(
    client: FlaskClient, spec: dict[str, Any]
) -> None:
    body = client.get("/api/v1/search?q=weekend+first+aid").get_json()
    check(spec, "/api/v1/search", "200", body)
    chips = {c["facet"]: c for c in body["chips"]}
    assert chips["schedule"]["label"] == "weekend"
