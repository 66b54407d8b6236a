"""Advisers' shortlists over HTTP: create, add, note, reorder, share, compare, export, feeds."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import update

from indexer.db import session_scope
from indexer.usermodels import SavedSearch, Shortlist, ShortlistItem
from portal.config import settings_for

pytestmark = pytest.mark.engine

TOKEN = re.compile(r"/shortlists/([A-Za-z0-9_-]{43,})")
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf(client: FlaskClient, path: str) -> str:
    body = client.get(path).get_data(as_text=True)
    match = CSRF.search(body)
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def new_shortlist(client: FlaskClient, lang: str = "en", **extra: str) -> str:
    token = csrf(client, f"/{lang}/shortlists/")
    response = client.post(
        f"/{lang}/shortlists/",
        data={"csrf_token": token, "name": "Job seeker A", "client_ref": "JS-42", **extra},
    )
    assert response.status_code == 302
    match = TOKEN.search(response.headers["Location"])
    assert match, response.headers["Location"]
    return match.group(1)


def add(client: FlaskClient, lang: str, course_id: str) -> None:
    token = csrf(client, f"/{lang}/shortlists/")
    response = client.post(
        f"/{lang}/shortlists/add",
        data={"csrf_token": token, "course_id": course_id, "next": f"/{lang}/search?q=data"},
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/{lang}/search?q=data")


def items(app: Flask, token: str) -> list[ShortlistItem]:
    with session_scope(settings_for(app)) as db:
        shortlist = db.query(Shortlist).filter_by(token=token).one()
        return sorted(shortlist.items, key=lambda i: i.position)


def test_create_add_note_reorder_share(app: Flask, lang: str) -> None:
    client = app.test_client()
    token = new_shortlist(client, lang)
    assert len(token) >= 43  # secrets.token_urlsafe(32): 256 bits

    # With a shortlist in hand, results offer "Add to shortlist"; the page is now private.
    response = client.get(f"/{lang}/search?q=data")
    body = response.get_data(as_text=True)
    assert f'action="/{lang}/shortlists/add"' in body
    assert "no-store" in response.headers["Cache-Control"]

    add(client, lang, "tywi-valley-university:tvu-001")
    add(client, lang, "northern-skills:ns-200")
    add(client, lang, "coleg-glannau:cg-020")
    add(client, lang, "coleg-glannau:cg-020")  # twice: still once
    rows = items(app, token)
    assert [i.course_id for i in rows] == [
        "tywi-valley-university:tvu-001",
        "northern-skills:ns-200",
        "coleg-glannau:cg-020",
    ]

    page = client.get(f"/{lang}/shortlists/{token}")
    assert page.headers["Cache-Control"] == "no-store"
    assert page.headers["Referrer-Policy"] == "no-referrer"
    html = page.get_data(as_text=True)
    assert f'<html lang="{lang}">' in html
    # ns-200's only start date is in 2020: the page says so.
    passed = "have passed" if lang == "en" else "wedi mynd heibio"
    assert passed in html

    # A shared note and a private one.
    first, second = rows[0].id, rows[1].id
    t = csrf(client, f"/{lang}/shortlists/{token}")
    note_url = f"/{lang}/shortlists/{token}/items/%s/note"
    r = client.post(
        note_url % first, data={"csrf_token": t, "note": "Ask about funding", "shared": "y"}
    )
    assert r.status_code == 302
    client.post(note_url % second, data={"csrf_token": t, "note": "Adviser only: low priority"})

    # Reorder: move the third course up.
    third = rows[2].id
    client.post(
        f"/{lang}/shortlists/{token}/items/{third}/move", data={"csrf_token": t, "direction": "up"}
    )
    assert [i.id for i in items(app, token)] == [first, third, second]

    with session_scope(settings_for(app)) as db:
        share = db.query(Shortlist).filter_by(token=token).one().share_token
    assert share != token
    shared = client.get(f"/{lang}/shared/{share}").get_data(as_text=True)
    assert "Ask about funding" in shared
    assert "Adviser only" not in shared
    assert "/items/" not in shared and token not in shared  # read-only, no edit link

    # Remove one.
    client.post(f"/{lang}/shortlists/{token}/items/{second}/remove", data={"csrf_token": t})
    assert [i.id for i in items(app, token)] == [first, third]


def test_start_a_shortlist_from_a_course_page(app: Flask) -> None:
    client = app.test_client()
    body = client.get("/cy/courses/coleg-glannau:cg-010").get_data(as_text=True)
    assert "/cy/shortlists/?add=coleg-glannau:cg-010" in body
    token = new_shortlist(client, "cy", add="coleg-glannau:cg-010")
    assert [i.course_id for i in items(app, token)] == ["coleg-glannau:cg-010"]
    # The course page now shows it is on the shortlist.
    body = client.get("/cy/courses/coleg-glannau:cg-010").get_data(as_text=True)
    assert "Ar eich rhestr fer" in body
    # ...and can be removed from there, coming back to the same page.
    action = re.search(r'action="(/cy/shortlists/[^"]+/remove)"', body).group(1)
    response = client.post(
        action,
        data={"csrf_token": CSRF.search(body).group(1), "next": "/cy/courses/coleg-glannau:cg-010"},
    )
    assert response.headers["Location"].endswith("/cy/courses/coleg-glannau:cg-010")
    assert items(app, token) == []
    # From search results too (the buttons use forms outside the search form).
    add(client, "cy", "coleg-glannau:cg-010")
    results = client.get("/cy/search?q=cymraeg").get_data(as_text=True)
    assert 'form="remove-add-coleg-glannau:cg-010"' in results
    assert 'id="remove-add-coleg-glannau:cg-010"' in results
    assert "<form" not in results.split('id="search-form"', 1)[1].split("</form>", 1)[0]


def test_learners_pages_stay_public_without_a_shortlist(client: FlaskClient) -> None:
    response = client.get("/en/search?q=data")
    assert "public" in response.headers["Cache-Control"]
    assert "csrf_token" not in response.get_data(as_text=True)
    assert "Set-Cookie" not in response.headers


def test_forged_token_is_a_clear_404(client: FlaskClient, lang: str) -> None:
    for path in (
        f"/{lang}/shortlists/{'A' * 43}",
        f"/{lang}/shortlists/nope",
        f"/{lang}/shared/{'B' * 43}",
        f"/{lang}/shortlists/{'A' * 43}/compare",
        f"/{lang}/shortlists/{'A' * 43}/export.csv",
        f"/{lang}/feeds/{'C' * 43}.atom",
    ):
        response = client.get(path)
        assert response.status_code == 404, path
    body = client.get(f"/{lang}/shortlists/{'A' * 43}").get_data(as_text=True)
    title = "Shortlist not found" if lang == "en" else "Heb ddod o hyd i&#39;r rhestr fer"
    assert title in body


def test_unknown_course_is_a_404_and_nothing_is_added(app: Flask) -> None:
    client = app.test_client()
    token = new_shortlist(client)
    t = csrf(client, f"/en/shortlists/{token}")
    response = client.post(
        "/en/shortlists/add", data={"csrf_token": t, "course_id": "no-such:course"}
    )
    assert response.status_code == 404
    assert items(app, token) == []


def test_missing_csrf_token_is_refused_with_a_clear_page(app: Flask, lang: str) -> None:
    client = app.test_client()
    response = client.post(f"/{lang}/shortlists/", data={"name": "x"})
    assert response.status_code == 400
    text = "Your form could not be sent" if lang == "en" else "Nid oedd modd anfon eich ffurflen"
    assert text in response.get_data(as_text=True)


def test_huge_note_is_refused_and_script_is_escaped(app: Flask, lang: str) -> None:
    client = app.test_client()
    token = new_shortlist(client, lang)
    add(client, lang, "coleg-glannau:cg-020")
    item = items(app, token)[0].id
    t = csrf(client, f"/{lang}/shortlists/{token}")
    url = f"/{lang}/shortlists/{token}/items/{item}/note"

    response = client.post(url, data={"csrf_token": t, "note": "x" * 100_000})
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    message = "2000 characters or fewer" if lang == "en" else "2000 nod neu lai"
    assert message in body
    assert 'role="alert"' in body
    assert items(app, token)[0].note is None  # nothing stored

    attack = '<script>alert("x")</script> & <img src=x onerror=alert(1)>'
    client.post(url, data={"csrf_token": t, "note": attack, "shared": "y"})
    assert items(app, token)[0].note == attack  # stored as typed...
    with session_scope(settings_for(app)) as db:
        share = db.query(Shortlist).filter_by(token=token).one().share_token
    for path in (
        f"/{lang}/shortlists/{token}",
        f"/{lang}/shared/{share}",
        f"/{lang}/shortlists/{token}/print",
    ):
        page = client.get(path).get_data(as_text=True)
        assert "<script>alert" not in page and "<img src=x" not in page  # ...never run
        assert "&lt;script&gt;" in page


def test_compare_print_and_csv(app: Flask, lang: str) -> None:
    client = app.test_client()
    token = new_shortlist(client, lang)
    for cid in (
        "tywi-valley-university:tvu-001",
        "coleg-glannau:cg-010",
        "coleg-glannau:cg-020",
        "northern-skills:ns-100",
        "northern-skills:ns-200",
    ):
        add(client, lang, cid)
    rows = items(app, token)
    body = client.get(f"/{lang}/shortlists/{token}/compare").get_data(as_text=True)
    assert body.count('<th scope="col">') == 4  # the first four
    per_week = "15 hours a week" if lang == "en" else "15 awr yr wythnos"
    assert per_week in body  # tvu-001: 150 hours over 10 weeks

    chosen = "&".join(f"item={r.id}" for r in rows)
    body = client.get(f"/{lang}/shortlists/{token}/compare?{chosen}").get_data(as_text=True)
    assert 'class="notice"' in body  # more than four chosen: says so

    t = csrf(client, f"/{lang}/shortlists/{token}")
    client.post(
        f"/{lang}/shortlists/{token}/items/{rows[0].id}/note",
        data={"csrf_token": t, "note": '=HYPERLINK("http://evil")'},
    )
    response = client.get(f"/{lang}/shortlists/{token}/export.csv")
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    table = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert [r["id"] for r in table] == [r.course_id for r in rows]
    assert table[0]["level_rqf_equivalent"] == "4" and table[0]["duration_hours"] == "150.0"
    assert table[0]["note"].startswith("'=")  # no formula injection

    page = client.get(f"/{lang}/shortlists/{token}/print").get_data(as_text=True)
    assert "css/print.css" in page and 'media="print"' in page


def test_saved_search_feed_lists_courses_first_seen_after_saving(app: Flask) -> None:
    client = app.test_client()
    token = new_shortlist(client)
    body = client.get("/en/search?q=data&mode=in_person").get_data(as_text=True)
    assert "Save this search" in body
    t = CSRF.search(body).group(1)
    response = client.post(
        f"/en/shortlists/{token}/searches",
        data={"csrf_token": t, "query": "q=data&mode=in_person&mode=bogus"},
    )
    assert response.status_code == 302
    with session_scope(settings_for(app)) as db:
        saved = db.query(SavedSearch).join(Shortlist).filter(Shortlist.token == token).one()
        feed_token, query = saved.feed_token, saved.query
    assert query == "q=data&mode=in_person"
    feed = client.get(f"/en/feeds/{feed_token}.atom")
    assert feed.mimetype == "application/atom+xml"
    assert feed.get_data(as_text=True).count("<entry>") == 0  # nothing new since just now

    # Saved back in January: the test courses (first seen in June 2026) are all new since.
    with session_scope(settings_for(app)) as db:
        db.execute(
            update(SavedSearch)
            .where(SavedSearch.feed_token == feed_token)
            .values(created_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
        )
    xml = client.get(f"/cy/feeds/{feed_token}.atom").get_data(as_text=True)
    assert xml.count("<entry>") >= 20
    assert "/cy/courses/tywi-valley-university:tvu-1" in xml
    assert 'xml:lang="cy"' in xml
    view = client.get(f"/en/shortlists/{token}").get_data(as_text=True)
    assert f"/en/feeds/{feed_token}.atom" in view


def test_shared_page_says_when_a_course_was_withdrawn(app: Flask, lang: str) -> None:
    from indexer import models

    client = app.test_client()
    token = new_shortlist(client, lang)
    add(client, lang, "northern-skills:ns-100")
    with session_scope(settings_for(app)) as db:
        share = db.query(Shortlist).filter_by(token=token).one().share_token
        db.execute(
            update(models.Course)
            .where(models.Course.id == "northern-skills:ns-100")
            .values(status="withdrawn")
        )
    try:
        body = client.get(f"/{lang}/shared/{share}").get_data(as_text=True)
        expected = (
            "no longer listed by the provider"
            if lang == "en"
            else "Nid yw&#39;r darparwr yn rhestru&#39;r cwrs hwn mwyach"
        )
        assert expected in body
    finally:
        with session_scope(settings_for(app)) as db:
            db.execute(
                update(models.Course)
                .where(models.Course.id == "northern-skills:ns-100")
                .values(status="active")
            )


def test_oversized_form_is_refused_before_it_is_read(app: Flask) -> None:
    client = app.test_client()
    token = new_shortlist(client)
    t = csrf(client, f"/en/shortlists/{token}")
    response = client.post(
        f"/en/shortlists/{token}/items/1/note", data={"csrf_token": t, "note": "x" * 600_000}
    )
    assert response.status_code == 413
    assert "That was too much to send" in response.get_data(as_text=True)


def test_hidden_button_text_marks_a_title_in_the_other_language(app: Flask) -> None:
    client = app.test_client()
    token = new_shortlist(client, "cy")
    add(client, "cy", "northern-skills:ns-100")  # English only
    body = client.get(f"/cy/shortlists/{token}").get_data(as_text=True)
    hidden = re.findall(r'<span class="visually-hidden">([^<]*<span lang="en">[^<]*)', body)
    assert len(hidden) >= 3  # compare, note, save, remove...
    search = client.get("/cy/search?q=leading+teams").get_data(as_text=True)
    assert '<span class="visually-hidden"> – <span lang="en">Leading Teams' in search


def compare_row(body: str, heading: str) -> list[str]:
    """The cells of one compare-table row, as text (list items joined with ' | ')."""
    row = body.split(f'<th scope="row">{heading}</th>', 1)[1].split("</tr>", 1)[0]
    cells = re.findall(r"<td>(.*?)</td>", row, flags=re.S)
    return [
        html.unescape(" | ".join(t.strip() for t in re.split(r"<[^>]+>", c) if t.strip()))
        for c in cells
    ]


def test_compare_says_where_online_and_blended_courses_are(app: Flask, lang: str) -> None:
    client = app.test_client()
    token = new_shortlist(client, lang)
    for cid in (
        "tywi-valley-university:tvu-001",  # blended, Carmarthen
        "coleg-glannau:cg-010",  # online
        "coleg-glannau:cg-020",  # in person, no place stated
        "northern-skills:ns-100",  # online
    ):
        add(client, lang, cid)
    body = client.get(f"/{lang}/shortlists/{token}/compare").get_data(as_text=True)
    where = {"en": "Where", "cy": "Ble"}[lang]
    online, also, unknown = {
        "en": ("Online", "and online", "Not stated"),
        "cy": ("Ar-lein", "ac ar-lein", "Heb ei nodi"),
    }[lang]
    assert compare_row(body, where) == [
        f"Carmarthen Campus, Carmarthen | {also}",
        online,
        unknown,
        online,
    ]
