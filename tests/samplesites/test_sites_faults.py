"""Every fault a provider site can be given (samplesites/README.md, "Faults")."""

from __future__ import annotations

import html
import http.client
import json
import re
import socket
import time
import urllib.robotparser
from collections.abc import Iterator

import pytest
from lxml import etree

from samplesites.faults import DEFAULT_HANG, Fault, Faults, jsonld_breakage
from samplesites.server import SampleSites

DYFI = "coleg-dyfi"  # JSON-LD, bilingual
TYWI = "tywi-valley-university"  # JSON-LD, bilingual, Welsh pages with ŵ and ŷ
TAF = "coleg-taf-elai"  # XCRI
ERYRI = "eryri-university"  # microdata


@pytest.fixture(scope="module")
def sites() -> Iterator[SampleSites]:
    with SampleSites.start(port=0) as running:
        yield running


@pytest.fixture
def fault(sites: SampleSites) -> Iterator:
    """set(provider, spec) for one test; every fault is cleared afterwards."""
    touched: list[str] = []

    def set_(provider: str, spec: str) -> None:
        touched.append(provider)
        sites.set_fault(provider, spec)

    yield set_
    for provider in touched:
        sites.set_fault(provider, None)


def _get(sites: SampleSites, provider: str, path: str, method: str = "GET"):
    conn = http.client.HTTPConnection("127.0.0.1", sites.port, timeout=5)
    conn.request(method, path, headers={"Host": f"{provider}.example"})
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response, body


def _raw(sites: SampleSites, provider: str, path: str = "/", timeout: float = 2) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", sites.port), timeout=timeout)
    sock.sendall(f"GET {path} HTTP/1.1\r\nHost: {provider}.example\r\n\r\n".encode())
    return sock


def _course_paths(sites: SampleSites, provider: str) -> list[str]:
    return sorted(p for p, page in sites.site(provider).pages.items() if page.kind == "course")


def _jsonld(text: str) -> str:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.S)
    assert match
    return match.group(1)


# --- parsing --------------------------------------------------------------------------------


def test_parse_single_and_combined_specs() -> None:
    assert Fault.parse("429").count == 2 and Fault.parse("429:5").count == 5
    assert Fault.parse("503").kind == "503-retry-after"
    assert Fault.parse("hang").delay == DEFAULT_HANG and Fault.parse("hang:0.5").delay == 0.5
    assert Fault.parse("huge").size == 20 * 1024 * 1024
    assert Fault.parse("huge:1").size == 1024 * 1024
    both = Faults.parse(" 429:3 , cp1252 ")
    assert both.kinds == ("429", "cp1252") and "cp1252" in both and "500" not in both
    assert str(both) == "429:3,cp1252" and both.kind == "429,cp1252"
    assert Faults.parse("500").kind == "500"  # a single fault reads as before


@pytest.mark.parametrize("spec", ["explode", "404:3", "429:x", "hang:soon", "", " , "])
def test_bad_specs_fail_loudly(spec: str) -> None:
    with pytest.raises(ValueError):
        Faults.parse(spec)


def test_faults_given_at_start_and_notes_for_no_ops() -> None:
    sites = SampleSites(faults={DYFI: "429,cp1252", ERYRI: "bad-jsonld,broken-xcri"})
    try:
        assert sites.faults[DYFI].kinds == ("429", "cp1252")
        assert sites.fault_notes(DYFI) == []
        notes = sites.fault_notes(ERYRI)
        assert len(notes) == 2 and all("no-op" in n for n in notes)
    finally:
        sites.stop()


# --- course pages ---------------------------------------------------------------------------


@pytest.mark.parametrize("status", [404, 410])
def test_404_and_410_hit_course_pages_only(sites: SampleSites, fault, status: int) -> None:
    fault(DYFI, str(status))
    course = _course_paths(sites, DYFI)[0]
    assert _get(sites, DYFI, course)[0].status == status
    for path in ("/", "/en/courses/", "/sitemap.xml", "/robots.txt"):
        assert _get(sites, DYFI, path)[0].status == 200


def test_redirect_loop_pairs_course_pages(sites: SampleSites, fault) -> None:
    fault(DYFI, "redirect-loop")
    first, second = _course_paths(sites, DYFI)[:2]
    response, _ = _get(sites, DYFI, first)
    assert response.status == 302 and response.getheader("Location") == second
    response, _ = _get(sites, DYFI, second)
    assert response.status == 302 and response.getheader("Location") == first
    assert _get(sites, DYFI, "/")[0].status == 200


def test_huge_streams_twenty_megabytes(sites: SampleSites, fault) -> None:
    fault(DYFI, "huge")
    course = _course_paths(sites, DYFI)[0]
    original = sites.site(DYFI).pages[course].body
    conn = http.client.HTTPConnection("127.0.0.1", sites.port, timeout=5)
    conn.request("GET", course, headers={"Host": f"{DYFI}.example"})
    response = conn.getresponse()
    assert response.status == 200
    assert int(response.getheader("Content-Length")) == 20 * 1024 * 1024
    total, head, tail = 0, b"", b""
    while chunk := response.read(1024 * 1024):
        head = head or chunk
        total += len(chunk)
        tail = (tail + chunk)[-64:]
    conn.close()
    assert total == 20 * 1024 * 1024
    assert head.startswith(original[:200]) and tail.rstrip().endswith(b"</html>")


def test_huge_survives_a_client_that_gives_up(sites: SampleSites, fault) -> None:
    fault(DYFI, "huge:5")
    course = _course_paths(sites, DYFI)[0]
    sock = _raw(sites, DYFI, course)
    assert sock.recv(65536).startswith(b"HTTP/1.1 200")
    sock.close()  # like a crawler hitting its DOWNLOAD_MAXSIZE
    response, body = _get(sites, DYFI, course, method="HEAD")
    assert response.status == 200 and body == b""
    assert int(response.getheader("Content-Length")) == 5 * 1024 * 1024
    sites.set_fault(DYFI, None)
    assert _get(sites, DYFI, course)[0].status == 200


def test_bad_jsonld_breaks_json_but_not_html(sites: SampleSites, fault) -> None:
    fault(DYFI, "bad-jsonld")
    seen = set()
    for course in _course_paths(sites, DYFI)[:8]:
        response, body = _get(sites, DYFI, course)
        text = body.decode()
        with pytest.raises(json.JSONDecodeError):
            json.loads(_jsonld(text))
        assert text.rstrip().endswith("</html>") and "<h1" in text
        seen.add(jsonld_breakage(course))
    assert seen == {"truncated", "trailing-comma"}


def test_bad_jsonld_is_a_no_op_without_jsonld(sites: SampleSites, fault) -> None:
    fault(ERYRI, "bad-jsonld")
    course = _course_paths(sites, ERYRI)[0]
    assert _get(sites, ERYRI, course)[1] == sites.site(ERYRI).pages[course].body
    assert sites.fault_notes(ERYRI)


def test_cp1252_mislabelled_as_utf8(sites: SampleSites, fault) -> None:
    fault(TYWI, "cp1252")
    path = "/cy/cyrsiau/cyflwyniad-i-ol-osod"
    original = sites.site(TYWI).pages[path].body.decode()
    response, body = _get(sites, TYWI, path)
    assert response.getheader("Content-Type") == "text/html; charset=utf-8"
    assert b'<meta charset="utf-8">' in body
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    assert "â".encode("cp1252") in body and "£".encode("cp1252") in body  # b"\xe2", b"\xa3"
    assert b"&#375;" in body and "ŷ".encode() not in body  # ŷ: a character reference
    text = body.decode("cp1252")
    assert html.unescape(text.replace(_jsonld(text), "")) == html.unescape(
        original.replace(_jsonld(original), "")
    )
    assert "\\u0177" in _jsonld(text)  # ŷ in JSON-LD: a JSON escape
    assert json.loads(_jsonld(text)) == json.loads(_jsonld(original))
    assert _get(sites, TYWI, "/cy/cyrsiau/")[1].decode("utf-8")  # listings stay UTF-8


def test_duplicates_serves_and_links_second_urls(sites: SampleSites, fault) -> None:
    course = "/en/courses/essential-digital-skills"
    assert _get(sites, DYFI, course + "/")[0].status == 404  # not without the fault
    fault(DYFI, "duplicates")
    _, listing = _get(sites, DYFI, "/en/courses/")
    text = listing.decode()
    linked = set(re.findall(r'href="(/en/courses/[^"]+)"', text))
    courses = linked & set(_course_paths(sites, DYFI))
    assert courses
    for path in courses:
        assert path + "?utm_source=newsletter" in linked and path + "/" in linked
    canonical = _get(sites, DYFI, course)[1]
    for variant in (course + "/", course + "?utm_source=newsletter"):
        response, body = _get(sites, DYFI, variant)
        assert response.status == 200 and body == canonical
    assert f'rel="canonical" href="http://{DYFI}.example{course}"' in canonical.decode()
    assert any(e.query == "utm_source=newsletter" for e in sites.request_log)


# --- other files ----------------------------------------------------------------------------


def test_robots_disallow_course_paths(sites: SampleSites, fault) -> None:
    fault(DYFI, "robots-disallow")
    _, body = _get(sites, DYFI, "/robots.txt")
    text = body.decode()
    assert "Disallow: /en/courses/\n" in text and "Disallow: /cy/cyrsiau/\n" in text
    robots = urllib.robotparser.RobotFileParser()
    robots.parse(text.splitlines())
    assert not robots.can_fetch("coursefinder", f"http://{DYFI}.example/en/courses/x")
    assert robots.can_fetch("coursefinder", f"http://{DYFI}.example/")


def test_broken_xcri_is_cut_mid_element(sites: SampleSites, fault) -> None:
    fault(TAF, "broken-xcri")
    original = sites.site(TAF).pages["/feeds/xcri.xml"].body
    response, body = _get(sites, TAF, "/feeds/xcri.xml")
    assert response.status == 200 and original.startswith(body) and len(body) < len(original)
    assert re.search(rb"<[^>]*$", body)  # ends inside a tag
    with pytest.raises(etree.XMLSyntaxError):
        etree.fromstring(body)


# --- whole host -----------------------------------------------------------------------------


@pytest.mark.parametrize(("spec", "status"), [("429", 429), ("503-retry-after", 503)])
def test_rate_limits_then_serves(sites: SampleSites, fault, spec: str, status: int) -> None:
    fault(DYFI, spec)
    for _ in range(2):
        response, _ = _get(sites, DYFI, "/robots.txt")
        assert response.status == status and response.getheader("Retry-After") == "1"
    assert _get(sites, DYFI, "/robots.txt")[0].status == 200
    assert _get(sites, DYFI, "/")[0].status == status  # counted per URL
    fault(DYFI, f"{spec}:1")  # setting a fault again restarts the counts
    assert _get(sites, DYFI, "/robots.txt")[0].status == status
    assert _get(sites, DYFI, "/robots.txt")[0].status == 200


def test_combined_429_and_cp1252(sites: SampleSites, fault) -> None:
    fault(TYWI, "429:1,cp1252")
    path = "/cy/cyrsiau/cyflwyniad-i-ol-osod"
    assert _get(sites, TYWI, path)[0].status == 429
    response, body = _get(sites, TYWI, path)
    assert response.status == 200 and b"&#375;" in body


def test_refuse_closes_without_a_byte(sites: SampleSites, fault) -> None:
    fault(DYFI, "refuse")
    sock = _raw(sites, DYFI)
    assert sock.recv(1024) == b""
    sock.close()
    assert _get(sites, TAF, "/")[0].status == 200
    assert any(e.host == f"{DYFI}.example" and e.status == 0 for e in sites.request_log)


def test_reset_sends_an_rst(sites: SampleSites, fault) -> None:
    fault(DYFI, "reset")
    sock = _raw(sites, DYFI)
    with pytest.raises(ConnectionResetError):
        sock.recv(1024)
    sock.close()


def test_hang_blocks_only_its_host_and_ends_on_stop() -> None:
    with SampleSites.start(port=0, faults={DYFI: "hang"}) as sites:
        hung = _raw(sites, DYFI, timeout=0.3)
        with pytest.raises(TimeoutError):
            hung.recv(1024)
        started = time.monotonic()
        assert _get(sites, TAF, "/")[0].status == 200
        assert time.monotonic() - started < 0.5
    hung.settimeout(1)
    assert hung.recv(1024) == b""  # closed, still without a byte, once the server stops
    hung.close()


def test_hang_with_seconds_gives_up_by_itself(sites: SampleSites, fault) -> None:
    fault(DYFI, "hang:0.2")
    sock = _raw(sites, DYFI)
    started = time.monotonic()
    assert sock.recv(1024) == b""
    assert 0.15 < time.monotonic() - started < 1.5
    sock.close()


# --- content ---------------------------------------------------------------------------------


def test_hide_takes_the_last_courses_off_the_site(sites: SampleSites, fault) -> None:
    fault(TAF, "hide:2")
    hidden = sites.hidden_courses(TAF)
    assert len(hidden) == 2 and hidden == sorted(hidden)
    site = sites.site(TAF)
    paths = [p for p, page in site.pages.items() if page.kind == "course"]
    gone = [p for p in paths if any(code in site.pages[p].body.decode() for code in hidden)]
    assert gone and all(_get(sites, TAF, p)[0].status == 404 for p in gone)
    kept = sorted(set(paths) - set(gone))[0]
    assert _get(sites, TAF, kept)[0].status == 200
    for path in ("/sitemap.xml", "/feeds/xcri.xml"):
        body = _get(sites, TAF, path)[1].decode()
        assert not any(p in body for p in gone) and kept in body
        assert not any(f">{code}<" in body for code in hidden)
    sites.set_fault(TAF, None)
    assert sites.hidden_courses(TAF) == [] and _get(sites, TAF, gone[0])[0].status == 200
