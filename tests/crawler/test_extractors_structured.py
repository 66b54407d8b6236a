"""schema.org and XCRI details the saved pages do not all show."""

from __future__ import annotations

import json

from crawler.extractors.jsonld import extract_jsonld
from crawler.extractors.page import Page
from crawler.extractors.xcri import extract_xcri


def _page(data: object, lang: str = "en", url: str = "http://p.example/c") -> Page:
    html = f'<html lang="{lang}"><head><script type="application/ld+json">{json.dumps(data)}</script></head></html>'
    return Page.from_bytes(url, html.encode())


def test_language_tagged_values_fill_both_languages() -> None:
    data = {
        "@type": "Course",
        "name": [{"@value": "Welding", "@language": "en"}, {"@value": "Weldio", "@language": "cy"}],
        "courseCode": "W1",
    }
    (found,) = extract_jsonld(_page(data))
    assert (found.fields["title_en"], found.fields["title_cy"]) == ("Welding", "Weldio")


def test_course_inlanguage_is_the_text_language_instance_inlanguage_is_delivery() -> None:
    data = {
        "@type": "Course",
        "name": "Cymraeg Gwaith",
        "inLanguage": "cy",
        "hasCourseInstance": {"@type": "CourseInstance", "inLanguage": "Dysgir yn Gymraeg"},
    }
    (found,) = extract_jsonld(_page(data, lang="en"))
    assert found.fields["title_cy"] == "Cymraeg Gwaith" and "title_en" not in found.fields
    assert found.fields["language_of_delivery_text"] == "Dysgir yn Gymraeg"


def test_programme_with_nested_courses_is_one_listing() -> None:
    data = {
        "@type": "EducationalOccupationalProgram",
        "name": "Data Skills",
        "timeToComplete": "P1Y",
        "hasCourse": [{"@type": "Course", "name": "Part 1"}, {"@type": "Course", "name": "Part 2"}],
        "educationalCredentialAwarded": {
            "@type": "EducationalOccupationalCredential",
            "credentialCategory": "Micro-credential",
            "recognizedBy": {"@type": "Organization", "name": "Agored Cymru"},
        },
        "numberOfCredits": {"@type": "StructuredValue", "value": 10},
        "coursePrerequisites": "None",
    }
    (found,) = extract_jsonld(_page(data))
    assert found.fields["title_en"] == "Data Skills"
    assert found.fields["credential_term"] == "Micro-credential"
    assert found.fields["awarding_body"] == "Agored Cymru"
    assert found.fields["credits_text"] == "10"
    assert found.fields["entry_requirements"] == "None"


def test_several_instances_keep_every_stated_value() -> None:
    data = {
        "@type": "Course",
        "name": "Python",
        "hasCourseInstance": [
            {"@type": "CourseInstance", "startDate": "5 Jan 2027", "courseMode": "Online"},
            {"@type": "CourseInstance", "startDate": "4 May 2027", "courseMode": "Online"},
        ],
    }
    (found,) = extract_jsonld(_page(data))
    assert found.fields["start_text"] == "5 Jan 2027; 4 May 2027"
    assert found.fields["mode_text"] == "Online"


def test_non_course_json_ld_is_ignored() -> None:
    assert extract_jsonld(_page({"@type": "Organization", "name": "A college"})) == []


def test_xcri_without_declaration_and_with_typed_descriptions() -> None:
    feed = b"""<catalog xmlns="http://xcri.org/profiles/1.2/catalog"
      xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:mlo="http://purl.org/net/mlo"
      xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
      <provider><course>
        <dc:identifier xsi:type="xcriTerms:courseCode">B-7</dc:identifier>
        <dc:title>Bricklaying</dc:title>
        <dc:description>Lay bricks.</dc:description>
        <dc:description xsi:type="xcriTerms:entryProfile">No experience needed.</dc:description>
        <mlo:credit>10 credits</mlo:credit>
        <presentation><mlo:start dtf="2026-09-01">1 September 2026</mlo:start></presentation>
        <presentation><mlo:start dtf="2027-01-05">5 January 2027</mlo:start></presentation>
      </course></provider></catalog>"""
    page = Page.from_bytes("http://p.example/feed.xml", feed)
    assert page.is_xml_feed
    (found,) = extract_xcri(page)
    assert found.fields["course_code"] == "B-7"
    assert found.fields["description_en"] == "Lay bricks."
    assert found.fields["entry_requirements"] == "No experience needed."
    assert found.fields["credits_text"] == "10 credits"
    assert found.fields["start_text"] == "1 September 2026; 5 January 2027"


def test_rdfa_course_with_instance_and_offer() -> None:
    from crawler.extractors.chain import extract

    html = """<html lang="cy"><body><div vocab="https://schema.org/" typeof="Course">
      <h1 property="name">Weldio</h1><span property="courseCode">W-1</span>
      <span property="timeRequired">10 wythnos</span>
      <span property="coursePrerequisites">Dim</span>
      <div property="hasCourseInstance" typeof="CourseInstance">
        <span property="courseMode">Rhan-amser</span><span property="startDate">Medi 2026</span>
        <div property="location" typeof="Place"><span property="name">Pen-y-bont</span></div>
      </div>
      <div property="offers" typeof="Offer"><span property="description">£350</span></div>
    </div></body></html>"""
    (found,) = extract(Page.from_bytes("http://p.example/cy/weldio", html.encode()))
    assert found.extractor == "rdfa"
    assert found.fields == {
        "title_cy": "Weldio",
        "course_code": "W-1",
        "duration_text": "10 wythnos",
        "entry_requirements": "Dim",
        "mode_text": "Rhan-amser",
        "start_text": "Medi 2026",
        "location_text": "Pen-y-bont",
        "cost_text": "£350",
    }
