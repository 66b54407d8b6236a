"""Every HTML page under /en and /cy: language, hreflang, the switch link, real content."""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from flask.testing import FlaskClient

from indexer.search import cache
from indexer.search.client import Engine

pytestmark = pytest.mark.engine

# One Welsh UI string expected on each page in Welsh (and absent in English).
PAGES = {
    "/{lang}/": "Pori yn ôl pwnc",
    "/{lang}/search?q=data&mode=in_person&sort=cost": "Hidlo canlyniadau",
    "/{lang}/search": "Didoli yn ôl",
    "/{lang}/courses/tywi-valley-university:tvu-001": "Ffeithiau allweddol",
    "/{lang}/providers/": "Darparwyr cyrsiau",
}
OTHER = {"en": "cy", "cy": "en"}


def html_lang(body: str) -> str:
    match = re.search(r'<html lang="([a-z]+)"', body)
    assert match, "no <html lang>"
    return match.group(1)


def switch_href(body: str) -> str:
    match = re.search(r'class="language-switch" href="([^"]+)"', body)
    assert match, "no language switch"
    return match.group(1).replace("&amp;", "&")


@pytest.mark.parametrize("path", list(PAGES))
def test_page_in_each_language(client: FlaskClient, lang: str, path: str) -> None:
    url = path.format(lang=lang)
    response = client.get(url)
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert html_lang(body) == lang
    welsh = PAGES[path]
    assert (welsh in body) == (lang == "cy")
    # hreflang alternates for both languages and x-default, on every page
    for code in ("en", "cy", "x-default"):
        assert f'hreflang="{code}"' in body
    # the switch goes to the same page and keeps the whole query string
    target = switch_href(body)
    here, there = urlsplit(url), urlsplit(target)
    assert there.path == here.path.replace(f"/{lang}/", f"/{OTHER[lang]}/", 1)
    assert parse_qs(there.query) == parse_qs(here.query)
    assert 'href="#main"' in body and '<main id="main"' in body


def test_root_redirects_by_accept_language(client: FlaskClient) -> None:
    response = client.get("/", headers={"Accept-Language": "cy-GB,cy;q=0.9,en;q=0.5"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/cy/")
    assert "Accept-Language" in response.headers["Vary"]
    assert client.get("/", headers={"Accept-Language": "fr"}).headers["Location"].endswith("/en/")


def test_unknown_language_prefix_is_404(client: FlaskClient) -> None:
    assert client.get("/fr/search").status_code == 404


def test_search_results_show_the_facts(client: FlaskClient) -> None:
    body = client.get("/en/search?q=computing+beginners").get_data(as_text=True)
    assert "Computing for Beginners" in body
    assert "Tywi Valley University" in body
    assert "Fully funded (eligibility applies)" in body
    assert "Level 4" in body and "150 hours" in body and "10 weeks" in body
    assert "16 September 2030" in body
    assert "/en/courses/tywi-valley-university:tvu-001" in body


def test_results_count_uses_welsh_plurals(client: FlaskClient) -> None:
    body = client.get("/cy/search?mode=in_person").get_data(as_text=True)
    assert "Daethpwyd o hyd i 23 o gyrsiau" in body
    # Past-only courses are hidden by default (ns-200's only start was in 2020).
    body = client.get("/cy/search?mode=online").get_data(as_text=True)
    assert "Daethpwyd o hyd i 2 gwrs" in body
    body = client.get("/cy/search?provider=northern-skills").get_data(as_text=True)
    assert "Daethpwyd o hyd i 1 cwrs" in body
    body = client.get("/cy/search?provider=coleg-glannau&provider=northern-skills").get_data(
        as_text=True
    )
    assert "Daethpwyd o hyd i 3 chwrs" in body


def test_facet_checkboxes_and_chips(client: FlaskClient) -> None:
    body = client.get("/en/search?mode=online&provider=coleg-glannau").get_data(as_text=True)
    assert re.search(r'name="mode" value="online" checked', body)
    assert "Glannau College" in body  # provider names come from the catalogue
    assert "Remove filter" in body
    # each chip removes only its own filter
    assert 'href="/en/search?mode=online"' in body
    assert 'href="/en/search?provider=coleg-glannau"' in body


def test_welsh_content_falls_back_with_lang_attribute(client: FlaskClient) -> None:
    body = client.get("/en/courses/coleg-glannau:cg-010").get_data(as_text=True)
    assert '<span lang="cy">Cymraeg Gwaith: Mynediad</span>' in body
    body = client.get("/cy/courses/coleg-glannau:cg-020").get_data(as_text=True)
    assert "Cymorth Cyntaf yn y Gwaith" in body  # the provider's Welsh title, unmarked
    assert 'href="http://coleg-glannau.example/cy/cyrsiau/cg-020"' in body  # Welsh page link


def test_course_page_answers_the_questions(client: FlaskClient) -> None:
    body = client.get("/cy/courses/northern-skills:ns-100").get_data(as_text=True)
    assert "Wedi&#39;i ariannu&#39;n rhannol: £150" in body
    assert "80 awr (amcangyfrif o&#39;r credydau)" in body
    assert "Lefel 5" in body and "Fframwaith Credydau a Chymwysterau yr Alban (SCQF)" in body
    assert "Cyfwerth â 8 o gredydau&#39;r DU" in body
    assert "2 Tachwedd 2030" in body and "12 Ionawr 2031" in body
    assert "Gwiriwyd ddiwethaf: 14 Hydref 2026" in body
    assert 'href="http://northern-skills.example/courses/ns-100"' in body


def test_paging(client: FlaskClient) -> None:
    first = client.get("/en/search?q=data").get_data(as_text=True)
    assert 'rel="next"' in first and "Page 1 of 2" in first
    second = client.get("/en/search?q=data&page=2").get_data(as_text=True)
    assert "Page 2 of 2" in second and 'rel="prev"' in second


def test_sorting_by_cost(client: FlaskClient) -> None:
    body = client.get("/en/search?mode=in_person&sort=cost").get_data(as_text=True)
    assert '<option value="cost" selected>' in body
    titles = re.findall(r'class="result-title"><a href="[^"]+">([^<]+)</a>', body)
    assert titles[0] == "Data Skills Workshop 1"  # £21, the cheapest in-person course


def test_zero_results_is_not_a_dead_end(client: FlaskClient, lang: str) -> None:
    body = client.get(f"/{lang}/search?q=xylophone+zebra&mode=online").get_data(as_text=True)
    assert f'href="/{lang}/search?q=xylophone+zebra"' in body  # remove the filters
    assert f'href="/{lang}/search?subject=CAH11"' in body  # browse by subject
    if lang == "cy":
        assert "Ni chafwyd unrhyw gyrsiau ar gyfer “xylophone zebra”." in body


def test_home_lists_subjects_with_courses(client: FlaskClient) -> None:
    body = client.get("/cy/").get_data(as_text=True)
    assert 'href="/cy/search?subject=CAH11"' in body and "Cyfrifiadura" in body
    assert "subject=CAH01" not in body  # no courses in medicine


def test_providers_page(client: FlaskClient) -> None:
    body = client.get("/cy/providers/").get_data(as_text=True)
    assert "Coleg y Glannau" in body and "Prifysgol" in body
    assert '<span lang="en">Northern Skills Academy</span>' in body  # no Welsh name given
    # Northern Skills lists two courses, but ns-200 has started: the link finds one
    row = body.split("Northern Skills Academy", 1)[1].split("</tr>", 1)[0]
    assert ">1 cwrs</a>" in row
    found = client.get("/api/v1/search?provider=northern-skills").get_json()
    assert found["total"] == 1


def test_search_pages_are_cacheable(client: FlaskClient) -> None:
    response = client.get("/en/search?q=data")
    assert "public" in response.headers["Cache-Control"]


def test_courses_that_have_started_are_shown_on_request(client: FlaskClient, lang: str) -> None:
    label = {"en": "Show courses that have already started", "cy": "Dangos cyrsiau sydd eisoes"}
    hidden = client.get(f"/{lang}/search?q=project+management+essentials").get_data(as_text=True)
    assert "northern-skills:ns-200" not in hidden
    assert 'name="include_past" value="1">' in hidden and label[lang] in hidden
    shown = client.get(f"/{lang}/search?q=project+management+essentials&include_past=1")
    body = shown.get_data(as_text=True)
    assert "northern-skills:ns-200" in body
    assert 'name="include_past" value="1" checked>' in body


def test_links_keep_include_past(client: FlaskClient) -> None:
    body = client.get("/en/search?q=data&include_past=1&mode=in_person").get_data(as_text=True)
    links = re.findall(r'href="/en/search\?([^"]+)"', body)
    assert links and all("include_past=1" in link for link in links)


def test_zero_results_offer_courses_that_have_started(client: FlaskClient, lang: str) -> None:
    text = {"en": "Include courses that have already started", "cy": "Cynnwys cyrsiau sydd"}
    # ns-200's only start has gone: the link finds it, so it is offered
    body = client.get(f"/{lang}/search?q=project+management").get_data(as_text=True)
    assert text[lang] in body and "q=project+management&amp;include_past=1" in body
    again = client.get(f"/{lang}/search?q=project+management&include_past=1")
    assert "northern-skills:ns-200" in again.get_data(as_text=True)
    assert text[lang] not in again.get_data(as_text=True)
    # nothing has started that matches: the link would find nothing, so it is not offered
    body = client.get(f"/{lang}/search?q=xyzzy").get_data(as_text=True)
    assert "no-results" in body and text[lang] not in body


def test_started_courses_are_counted_once_only_on_zero_results(
    client: FlaskClient, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    bodies: list[dict] = []
    real = engine.client.search

    def recording(*args: object, **kwargs: object) -> object:
        bodies.append(dict(kwargs.get("body") or {}))  # type: ignore[call-overload]
        return real(*args, **kwargs)

    def counts() -> list[dict]:  # size-0 requests with no aggregations or suggester: counts
        return [b for b in bodies if b.get("size") == 0 and not (b.get("aggs") or b.get("suggest"))]

    cache.PAGES.clear()
    cache.COUNTS.clear()
    monkeypatch.setattr(engine.client, "search", recording)
    body = client.get("/en/search?q=project+management+essentials&mode=online")  # zero results
    assert "include_past=1" in body.get_data(as_text=True)
    assert len(counts()) == 1 and counts()[0]["size"] == 0
    client.get("/en/search?q=project+management+essentials&mode=online")  # counted already
    assert len(counts()) == 1
    bodies.clear()
    client.get("/en/search?q=computing")  # has results: no count
    client.get("/en/search?q=xyzzy+plugh&include_past=1")  # started courses already in
    assert counts() == []


def test_course_length_reads_as_one_phrase(client: FlaskClient) -> None:
    expected = {
        "en": "150 hours (estimated from the credits) over 10 weeks",
        "cy": "150 awr (amcangyfrif o'r credydau) dros 10 wythnos",
    }
    for lang, words in expected.items():
        body = client.get(f"/{lang}/courses/tywi-valley-university:tvu-001").get_data(as_text=True)
        facts = body.split("<dd>", 1)[1].split("</dd>", 1)[0]
        text = html.unescape(" ".join(re.sub(r"<[^>]+>", " ", facts).split()))
        assert text.startswith(words + " ("), text  # then the provider's words
