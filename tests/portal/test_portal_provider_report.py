"""The providers' view: every listing with what could not be read, raw beside normalised,
crawl history, how the courses rank, and the listings as CSV."""

from __future__ import annotations

import csv
import io

import pytest
from flask.testing import FlaskClient

pytestmark = pytest.mark.engine


def test_report_lists_every_listing_with_warnings_and_runs(client: FlaskClient, lang: str) -> None:
    response = client.get(f"/{lang}/providers/northern-skills/")
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert f'<html lang="{lang}">' in body
    assert "Leading Teams in Construction" in body and "Project Management Essentials" in body
    # completeness and the normaliser's warnings, in the page language
    assert ("45%" in body) or ("45%" in body)
    if lang == "en":
        assert "No course length was found." in body
        assert "How to report a problem" in body
    else:
        assert "Ni chafwyd hyd y cwrs." in body
        assert "Sut i roi gwybod am broblem" in body
    assert "<q>Intermediate</q>" in body
    assert "http://northern-skills.example/courses/ns-200" in body
    # the crawl with its failed page
    assert "http://northern-skills.example/courses/broken" in body and "HTTP 500" in body
    assert f"/{lang}/providers/northern-skills/courses/northern-skills:ns-200" in body


def test_linked_from_the_providers_list_and_course_pages(client: FlaskClient, lang: str) -> None:
    assert f"/{lang}/providers/coleg-glannau/" in client.get(f"/{lang}/providers/").get_data(
        as_text=True
    )
    course = client.get(f"/{lang}/courses/coleg-glannau:cg-020").get_data(as_text=True)
    assert f"/{lang}/providers/coleg-glannau/" in course


def test_raw_beside_normalised(client: FlaskClient, lang: str) -> None:
    body = client.get(f"/{lang}/providers/northern-skills/courses/northern-skills:ns-200").get_data(
        as_text=True
    )
    assert "Price on application" in body
    assert "Online &lt;b&gt;live&lt;/b&gt;" in body  # harvested text shown, never as markup
    assert "jsonld" in body
    understood = "Ask the provider for the price" if lang == "en" else "Gofynnwch i&#39;r darparwr"
    assert understood in body


@pytest.mark.parametrize(
    "path",
    [
        "/{lang}/providers/no-such-provider/",
        "/{lang}/providers/northern-skills/courses/coleg-glannau:cg-020",
        "/{lang}/providers/northern-skills/courses/no-such:course",
        "/{lang}/providers/no-such-provider/listings.csv",
    ],
)
def test_unknown_provider_or_course_is_404(client: FlaskClient, lang: str, path: str) -> None:
    assert client.get(path.format(lang=lang)).status_code == 404


def test_ranking_shows_positions_and_courses_missing_for_their_own_title(
    client: FlaskClient, lang: str
) -> None:
    body = client.get(f"/{lang}/providers/northern-skills/ranking?q=leading+teams").get_data(
        as_text=True
    )
    assert '<table class="ranking">' in body
    table = body.split('<table class="ranking">', 1)[1].split("</table>", 1)[0]
    assert "Leading Teams in Construction" in table
    # why: the score's largest parts, in the engine's own (English) words, marked so
    assert '<ul class="plain explain" lang="en">' in table
    # ns-200 is past-only: never on a first page, and the page says why
    unseen = body.split('id="unseen-heading"', 1)[1]
    assert "northern-skills:ns-200" in unseen


def test_listings_csv_in_the_common_schema(client: FlaskClient) -> None:
    response = client.get("/en/providers/coleg-glannau/listings.csv")
    assert response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert {r["id"] for r in rows} == {"coleg-glannau:cg-010", "coleg-glannau:cg-020"}
    cg010 = next(r for r in rows if r["id"] == "coleg-glannau:cg-010")
    assert cg010["title_cy"] == "Cymraeg Gwaith: Mynediad" and cg010["language"] == "cy"
