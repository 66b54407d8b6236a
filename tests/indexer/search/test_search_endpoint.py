"""The search endpoints over HTTP: bad input never gives a 5xx, chips remove their
filter, zero results are never a dead end, and the debug view explains the ranking.

Drives the portal's HTML search page and JSON API through Flask's test client against a
real osmem-server holding the devset courses (the search code is what is under test).
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.search.models import MAX_QUERY_CHARS
from portal import create_app

pytestmark = pytest.mark.engine

OPERATORS = list('"+-&|!(){}[]^~*?:\\/') + ["&&", "||", "AND", "OR", "NOT"]
WORDS = [
    "python", "free", "online", "level", "7", "under", "20", "hours", "weekend", "cardiff",
    "am", "ddim", "ar-lein", "lefel", "yn", "Gymraeg", "gyfrifiadureg", "rheoli", "prosiectau",
    "starting", "January", "2027", "Ionawr", "nos", "scqf", "short", "course", "cwrs", "byr",
]  # fmt: skip
WELSH_LETTERS = "abcchdddefffgnghilllmnoppphrrhstthuwyâêîôûŵŷáéíóúẁẃẅỳÿ'’-"
queries = st.one_of(
    st.text(max_size=200),
    st.text(alphabet=WELSH_LETTERS + " ", max_size=120),
    st.lists(st.sampled_from(WORDS + OPERATORS), max_size=12).map(" ".join),
)
facet_values = st.lists(
    st.tuples(
        st.sampled_from(["mode", "level", "cost", "start", "subject", "provider", "page", "sort"]),
        st.one_of(st.sampled_from(["online", "3", "free", "2026-09", "CAH11", "x", "-1"]), st.text(max_size=20)),
    ),
    max_size=4,
)  # fmt: skip


def make_client(engine, tmp_path_factory, **config):
    db = tmp_path_factory.mktemp("db") / "empty.sqlite3"
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test",
            "ENGINE": engine,
            "DATABASE_URL": f"sqlite:///{db}",
            "OPENSEARCH_URL": None,
            **config,
        }
    )
    return app.test_client()


@pytest.fixture(scope="module")
def client(devset_engine, tmp_path_factory):
    return make_client(devset_engine, tmp_path_factory)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(q=queries, extra=facet_values, lang=st.sampled_from(["en", "cy"]))
def test_no_server_error_on_any_input(client, q, extra, lang):
    params = [("q", q), *extra]
    page = client.get(f"/{lang}/search", query_string=params)
    assert page.status_code < 500, (q, extra)
    api = client.get("/api/v1/search", query_string=[*params, ("lang", lang)])
    assert api.status_code < 500, (q, extra)


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_very_long_query_is_cut_with_a_message(client, lang):
    response = client.get(f"/{lang}/search", query_string={"q": "python " * 1500})
    assert response.status_code == 200
    assert 'class="notice"' in response.get_data(as_text=True)
    api = client.get("/api/v1/search", query_string={"q": "x" * 10_000, "lang": lang}).get_json()
    assert api["truncated"] is True
    assert len(api["query"]) <= MAX_QUERY_CHARS


@pytest.mark.parametrize("q", ['"unclosed', "C++ (beginners)", "title:python", "*", "a || b && !c"])
def test_operator_characters_are_text(client, q):
    assert client.get("/api/v1/search", query_string={"q": q}).status_code == 200


def html(client, path: str, **args) -> str:
    response = client.get(path, query_string=args)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_constraint_in_words_is_a_removable_chip(client):
    page = html(client, "/en/search", q="python weekend")
    assert "From your search" in page and "weekend" in page
    assert 'href="/en/search?q=python"' in page  # the chip's link keeps the other words


def test_zero_results_say_what_was_searched_and_offer_a_way_out(client):
    page = html(client, "/en/search", q="free online python", mode="blended")
    assert "We could not find any courses for “free online python”" in page
    assert "Search again without “Blended" in page  # the most restrictive filter
    assert 'href="/en/search?q=free+online+python"' in page
    assert "Browse by subject" in page
    welsh = html(client, "/cy/search", q="python am ddim ar-lein", mode="blended")
    assert "Chwilio eto heb" in welsh


def test_misspelt_query_gets_a_correction(client):
    page = html(client, "/en/search", q="pythn")
    assert "Did you mean" in page and 'href="/en/search?q=python"' in page
    none = html(client, "/en/search", q="pythn", level="8")  # zero results
    assert "Search for “python” instead" in none


def test_debug_view_off_by_default(client):
    assert "search-debug" not in html(client, "/en/search", q="python")


def test_debug_view_in_development(devset_engine, tmp_path_factory):
    debug = make_client(devset_engine, tmp_path_factory, SEARCH_DEBUG=1)
    page = html(debug, "/en/search", q="python")
    assert 'class="search-debug"' in page
    assert "python in " in page  # which words matched in which fields
