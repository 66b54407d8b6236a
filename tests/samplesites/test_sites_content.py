"""What the rendered sites publish: codes, discovery files, hreflang, the four shapes."""

from __future__ import annotations

import json
import urllib.robotparser
from collections import Counter

import extruct
import pytest
from lxml import etree
from parsel import Selector

from indexer.config import shared_dir
from samplesites.devset import load_devset
from samplesites.houses import HOUSES, JSONLD, MICRODATA, XCRI, house_selectors
from samplesites.render import Site
from samplesites.xcri import DC_NS, FEED_PATH, MLO_NS, XCRI_NS

DEVSET = load_devset()
COURSES = {c.id: c for c in DEVSET.courses}


def _course_pages(rendered: dict[str, Site]):
    for site in rendered.values():
        for path, page in site.pages.items():
            if page.kind == "course":
                yield site, path, page.body.decode()


def _jsonld(body: str, url: str) -> dict:
    data = extruct.extract(body, base_url=url, syntaxes=["json-ld"], uniform=False)["json-ld"]
    assert len(data) == 1
    return data[0]


def _microdata(body: str, url: str) -> dict:
    data = extruct.extract(body, base_url=url, syntaxes=["microdata"], uniform=False)["microdata"]
    assert len(data) == 1 and data[0]["type"] == "https://schema.org/Course"
    return data[0]["properties"]


def _code_on_page(site: Site, path: str, body: str) -> str:
    url = site.provider["website"] + path
    if site.shape == JSONLD:
        return _jsonld(body, url)["courseCode"]
    if site.shape == MICRODATA:
        return _microdata(body, url)["courseCode"]
    selector = house_selectors(HOUSES.get(site.provider["id"]) or _default_house())["course_code"]
    return Selector(body).css(selector + "::text").get()


def _default_house():
    from samplesites.houses import DEFAULT_HOUSE

    return DEFAULT_HOUSE


def test_every_course_page_exists(rendered: dict[str, Site]) -> None:
    for course in DEVSET.courses:
        site = rendered[course.provider_id + ".example"]
        for path in course.url_paths.values():
            assert site.pages[path].kind == "course"
    assert sum(1 for _ in _course_pages(rendered)) == sum(len(c.url_paths) for c in DEVSET.courses)


def test_every_course_id_is_published_once_as_its_code(rendered: dict[str, Site]) -> None:
    by_page = {}
    for site, path, body in _course_pages(rendered):
        by_page[(site.provider["id"], path)] = _code_on_page(site, path, body)
    canonical = Counter(by_page[(c.provider_id, c.url_path)] for c in DEVSET.courses)
    assert set(canonical) == set(COURSES) and max(canonical.values()) == 1
    for course in DEVSET.courses:  # the other language version shows the same code
        assert {by_page[(course.provider_id, p)] for p in course.url_paths.values()} == {course.id}


def test_robots_and_sitemap(rendered: dict[str, Site]) -> None:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    for site in rendered.values():
        root = site.provider["website"]
        robots = urllib.robotparser.RobotFileParser()
        robots.parse(site.pages["/robots.txt"].body.decode().splitlines())
        assert robots.site_maps() == [root + "/sitemap.xml"]
        assert not robots.can_fetch("coursefinder", root + "/admin/")
        locs = etree.fromstring(site.pages["/sitemap.xml"].body).xpath(
            "//s:loc/text()", namespaces=ns
        )
        expected = [
            root + p for c in DEVSET.courses_of(site.provider["id"]) for p in c.url_paths.values()
        ]
        assert sorted(locs) == sorted(expected)
        assert all(robots.can_fetch("coursefinder", url) for url in locs)


def _alternates(body: str) -> dict[str, str]:
    links = Selector(body).css('head link[rel="alternate"][hreflang]')
    return {link.attrib["hreflang"]: link.attrib["href"] for link in links}


def test_hreflang_pairs_point_at_each_other(rendered: dict[str, Site]) -> None:
    pairs = 0
    for course in DEVSET.courses:
        site = rendered[course.provider_id + ".example"]
        root = site.provider["website"]
        for lang, path in course.url_paths.items():
            body = site.pages[path].body.decode()
            assert Selector(body).css("html::attr(lang)").get() == lang
            alternates = _alternates(body)
            if len(course.url_paths) == 1:
                assert alternates == {}
            else:
                assert alternates == {l2: root + p for l2, p in course.url_paths.items()}
                pairs += 1
    assert pairs == 2 * 117


def test_facts_in_the_other_language_are_marked(rendered: dict[str, Site]) -> None:
    course = COURSES["tvu-011"]  # bilingual listing whose facts are stated in Welsh
    body = rendered["tywi-valley-university.example"].pages[course.url_paths["en"]].body.decode()
    cell = Selector(body).css(".key-facts__value--duration")
    assert (
        cell.attrib["lang"] == "cy"
        and cell.css("::text").get() == course.published["duration_text"]
    )
    welsh = rendered["tywi-valley-university.example"].pages[course.url_paths["cy"]].body.decode()
    assert "lang" not in Selector(welsh).css(".key-facts__value--duration").attrib


def test_facts_language_detection_agrees_with_the_devset() -> None:
    # Reading `meta` is fine in a test; rendering never does.
    lines = (shared_dir() / "devsets" / "courses.jsonl").read_text(encoding="utf-8").splitlines()
    expected = {r["id"]: r["meta"]["facts_language"] for r in map(json.loads, lines)}
    assert {c.id: c.facts_lang for c in DEVSET.courses} == expected


def test_xcri_feeds(rendered: dict[str, Site]) -> None:
    xcri_sites = [s for s in rendered.values() if s.shape == XCRI]
    assert len(xcri_sites) == 3
    ns = {"x": XCRI_NS, "dc": DC_NS, "mlo": MLO_NS}
    for site in xcri_sites:
        root = etree.fromstring(site.pages[FEED_PATH].body)
        assert root.tag == f"{{{XCRI_NS}}}catalog"
        assert FEED_PATH in site.pages["/"].body.decode()  # linked from the home page
        courses = root.findall("x:provider/x:course", ns)
        expected = DEVSET.courses_of(site.provider["id"])
        assert len(courses) == len(expected)
        for element, course in zip(courses, expected, strict=True):
            identifiers = element.xpath("dc:identifier/text()", namespaces=ns)
            assert identifiers == [site.provider["website"] + course.url_path, course.id]
            presentation = element.find("x:presentation", ns)
            for tag, field in (
                ("mlo:duration", "duration_text"),
                ("mlo:cost", "cost_text"),
                ("mlo:start", "start_text"),
            ):
                assert presentation.findtext(tag, namespaces=ns) == course.published[field]
            level = element.find("mlo:level", ns)
            if course.published["level_text"] is not None:
                assert level.text == course.published["level_text"]
                assert level.get("{http://www.w3.org/XML/1998/namespace}lang") == course.facts_lang


def test_jsonld_keeps_stated_strings(rendered: dict[str, Site]) -> None:
    seen = 0
    for site, path, body in _course_pages(rendered):
        if site.shape != JSONLD:
            continue
        course = next(
            c for c in DEVSET.courses_of(site.provider["id"]) if path in c.url_paths.values()
        )
        data = _jsonld(body, site.provider["website"] + path)
        assert data["@type"] == "Course"
        facts = course.published
        assert data.get("educationalLevel") == facts["level_text"]
        assert data.get("numberOfCredits") == facts["credits_text"]
        assert data.get("offers", {}).get("description") == facts["cost_text"]
        instance = data.get("hasCourseInstance", {})
        assert instance.get("courseMode") == facts["mode_text"]
        assert instance.get("startDate") == facts["start_text"]
        assert instance.get("courseWorkload") == facts["duration_text"]
        seen += 1
    assert seen > 200


def test_microdata_parses(rendered: dict[str, Site]) -> None:
    site = rendered["eryri-university.example"]
    for course in DEVSET.courses_of("eryri-university"):
        for lang, path in course.url_paths.items():
            props = _microdata(site.pages[path].body.decode(), site.provider["website"] + path)
            assert props["name"] == course.text("title", lang)
            assert props["courseCode"] == course.id
            # extruct trims whitespace; the page itself keeps untidy strings verbatim.
            level = course.published["level_text"]
            assert props.get("educationalLevel") == (level.strip() if level else None)
            instance = props["hasCourseInstance"]["properties"]
            assert instance["courseMode"] == course.published["mode_text"].strip()


@pytest.mark.parametrize("provider_id", sorted(HOUSES))
def test_plain_html_selectors_read_every_fact(rendered: dict[str, Site], provider_id: str) -> None:
    site = rendered[provider_id + ".example"]
    selectors = house_selectors(HOUSES[provider_id])
    for course in DEVSET.courses_of(provider_id):
        for lang, path in course.url_paths.items():
            page = Selector(site.pages[path].body.decode())
            assert page.css(selectors["title"] + "::text").get() == course.text("title", lang)
            for field, value in course.facts().items():
                # HTML keeps the string; only the parser's view of leading/trailing space differs.
                assert page.css(selectors[field] + "::text").get().strip() == value.strip()
            assert '<script type="application/ld+json">' not in site.pages[path].body.decode()


def test_listing_pages_reach_every_course_once(rendered: dict[str, Site]) -> None:
    for site in rendered.values():
        for lang, first in site.provider["site"]["course_path"].items():
            found, path = [], first
            while path:
                page = Selector(site.pages[path].body.decode())
                found += page.css(".course-list__title a::attr(href)").getall()
                assert len(page.css(".course-list__item")) <= 12
                path = page.css('head link[rel="next"]::attr(href)').get()
            expected = [
                c.url_paths[lang]
                for c in DEVSET.courses_of(site.provider["id"])
                if lang in c.url_paths
            ]
            assert found == expected


def test_descriptions_render_lists_after_headings(rendered: dict[str, Site]) -> None:
    course = COURSES["tvu-002"]  # "Learning outcomes:" then "1. ..." items
    body = Selector(rendered["tywi-valley-university.example"].pages[course.url_path].body.decode())
    assert body.css(".course__description h3::text").get() == "Learning outcomes:"
    assert (
        body.css(".course__description ol li::text").getall()[0]
        == "import, clean and reshape data with pandas"
    )


def test_no_truth_or_meta_leaks(rendered: dict[str, Site]) -> None:
    lines = (shared_dir() / "devsets" / "courses.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    forbidden = {
        "rqf_equivalent",
        "uk_equivalent",
        "facts_language",
        "self_paced",
        "credit_bearing",
        '"truth"',
        '"meta"',
    }
    # The devset's own provider codes are not the published code either.
    forbidden |= {
        r["published"]["course_code"] for r in records if r["published"].get("course_code")
    }
    for site in rendered.values():
        for path, page in site.pages.items():
            body = page.body.decode()
            leaked = {word for word in forbidden if word in body}
            assert not leaked, f"{site.host}{path} leaks {leaked}"
