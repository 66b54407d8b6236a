"""Structural WCAG checks on every page in both languages (what can be checked without a browser).

Landmarks, one h1 and no skipped heading levels, a label for every form control, a skip
link first, lang on <html>, and no empty links.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from flask.testing import FlaskClient

pytestmark = pytest.mark.engine

PAGES = [
    "/{lang}/",
    "/{lang}/search?q=data&mode=in_person",
    "/{lang}/search?q=xylophone",
    "/{lang}/courses/coleg-glannau:cg-010",
    "/{lang}/courses/tywi-valley-university:tvu-001",
    "/{lang}/providers/",
    "/{lang}/courses/no-such:course",
    "/{lang}/search?page=abc",
    "/{lang}/shortlists/",
    "/{lang}/shortlists/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    "/{lang}/account/sign-in",
    "/{lang}/account/sign-up",
    "/{lang}/providers/northern-skills/",
    "/{lang}/providers/northern-skills/courses/northern-skills:ns-200",
    "/{lang}/providers/northern-skills/ranking?q=project",
]


class Outline(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.headings: list[int] = []
        self.controls: list[dict[str, str | None]] = []
        self.labels: set[str] = set()
        self.links: list[dict[str, str | None]] = []
        self.first_link: str | None = None
        self._link: dict[str, str | None] | None = None
        self._link_text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = dict(attrs)
        self.tags.append(tag)
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self.headings.append(int(tag[1]))
        if tag in {"input", "select", "textarea"} and attr.get("type") not in {"hidden", "submit"}:
            self.controls.append(attr)
        if tag == "label" and attr.get("for"):
            self.labels.add(attr["for"] or "")
        if tag == "a":
            if self.first_link is None:
                self.first_link = attr.get("href")
            self._link, self._link_text = attr, ""

    def handle_data(self, data: str) -> None:
        if self._link is not None:
            self._link_text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._link is not None:
            self.links.append({**self._link, "text": self._link_text.strip()})
            self._link = None


@pytest.mark.parametrize("path", PAGES)
def test_page_structure(client: FlaskClient, lang: str, path: str) -> None:
    check_structure(client.get(path.format(lang=lang)).get_data(as_text=True))


def test_adviser_pages_structure(app, lang: str) -> None:  # type: ignore[no-untyped-def]
    from tests.portal.test_portal_shortlists import add, new_shortlist

    client = app.test_client()
    token = new_shortlist(client, lang)
    for cid in ("tywi-valley-university:tvu-001", "northern-skills:ns-200"):
        add(client, lang, cid)
    view = client.get(f"/{lang}/shortlists/{token}").get_data(as_text=True)
    share = view.split(f"/{lang}/shared/", 1)[1].split('"', 1)[0]
    for path in (
        f"/{lang}/shortlists/{token}",
        f"/{lang}/shortlists/{token}/compare",
        f"/{lang}/shortlists/{token}/print",
        f"/{lang}/shared/{share}",
        f"/{lang}/search?q=data",  # with the "Add to shortlist" buttons
        f"/{lang}/courses/tywi-valley-university:tvu-001",
    ):
        check_structure(client.get(path).get_data(as_text=True))


def check_structure(body: str) -> None:
    page = Outline()
    page.feed(body)
    for landmark in ("header", "nav", "main", "footer"):
        assert landmark in page.tags, landmark
    assert page.first_link == "#main"  # the skip link comes first
    assert page.headings.count(1) == 1 and page.headings[0] == 1
    for before, after in zip(page.headings, page.headings[1:], strict=False):
        assert after <= before + 1, f"heading level jumps from h{before} to h{after}"
    for control in page.controls:
        assert control.get("id") in page.labels, f"unlabelled control {control}"
    for link in page.links:
        assert link["text"], f"link without text: {link.get('href')}"
    assert len({c.get("id") for c in page.controls}) == len(page.controls), "duplicate ids"
