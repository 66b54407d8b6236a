"""The one server: proxy and Host forms, errors, conditional requests, faults."""

from __future__ import annotations

import http.client
import time
import urllib.error
import urllib.request

import pytest

from samplesites.server import SampleSites


def _get(
    sites: SampleSites,
    host: str,
    path: str,
    headers: dict[str, str] | None = None,
    method: str = "GET",
):
    """A Host-form request straight to the server (no proxy)."""
    conn = http.client.HTTPConnection("127.0.0.1", sites.port, timeout=10)
    conn.request(method, path, headers={"Host": host, **(headers or {})})
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response, body


def test_starts_on_a_free_loopback_port(running: SampleSites) -> None:
    assert running.port > 0
    assert running.proxy_url == f"http://127.0.0.1:{running.port}"
    assert len(running.providers) == 16


def test_proxy_form_serves_the_canonical_url(running: SampleSites, proxy_opener) -> None:
    with proxy_opener.open("http://coleg-dyfi.example/", timeout=10) as response:
        body = response.read().decode()
    assert response.status == 200
    assert "Dyfi" in body and "<html" in body
    assert any(
        (e.host, e.path, e.proxy_form) == ("coleg-dyfi.example", "/", True)
        for e in running.request_log
    )


def test_host_form_and_localhost_alias(running: SampleSites) -> None:
    response, body = _get(running, "tamarside-college.example", "/robots.txt")
    assert response.status == 200
    assert "Sitemap: http://tamarside-college.example/sitemap.xml" in body.decode()
    response, alias_body = _get(
        running, f"tamarside-college.localhost:{running.port}", "/robots.txt"
    )
    assert response.status == 200 and alias_body == body


def test_unknown_host_is_a_clear_502(running: SampleSites, proxy_opener) -> None:
    with pytest.raises(urllib.error.HTTPError) as caught:
        proxy_opener.open("http://no-such-college.example/", timeout=10)
    assert caught.value.code == 502
    message = caught.value.read().decode()
    assert "no-such-college.example" in message and "coleg-dyfi.example" in message


def test_unknown_path_is_404(running: SampleSites) -> None:
    response, _ = _get(running, "coleg-dyfi.example", "/no/such/page")
    assert response.status == 404


def test_conditional_requests_get_304(running: SampleSites) -> None:
    response, body = _get(running, "eryri-university.example", "/sitemap.xml")
    etag = response.getheader("ETag")
    assert etag and body
    again, empty = _get(
        running, "eryri-university.example", "/sitemap.xml", {"If-None-Match": etag}
    )
    assert again.status == 304 and empty == b""
    since = response.getheader("Last-Modified")
    again, _ = _get(
        running, "eryri-university.example", "/sitemap.xml", {"If-Modified-Since": since}
    )
    assert again.status == 304


def test_head_has_headers_but_no_body(running: SampleSites) -> None:
    response, body = _get(running, "coleg-dyfi.example", "/", method="HEAD")
    assert response.status == 200 and body == b""
    assert int(response.getheader("Content-Length")) > 0


def test_fault_500_covers_every_path() -> None:
    with SampleSites.start(faults={"coleg-dyfi": "500"}) as sites:
        for path in ("/", "/robots.txt", "/sitemap.xml", "/en/courses/"):
            response, _ = _get(sites, "coleg-dyfi.example", path)
            assert response.status == 500
        response, _ = _get(sites, "coleg-taf-elai.example", "/")
        assert response.status == 200  # other providers are unaffected


def test_fault_malformed_truncates_course_pages_only(running: SampleSites) -> None:
    site = running.site("pennine-ridge-university")
    course_path = next(p for p, page in site.pages.items() if page.kind == "course")
    with SampleSites.start(faults={"pennine-ridge-university": "malformed"}) as sites:
        _, body = _get(sites, "pennine-ridge-university.example", course_path)
        text = body.decode()
        assert "</html>" not in text and len(body) < len(site.pages[course_path].body)
        _, home = _get(sites, "pennine-ridge-university.example", "/")
        assert home.decode().rstrip().endswith("</html>")


def test_fault_slow_and_set_fault_while_serving(running: SampleSites) -> None:
    with SampleSites.start(faults={"lammermuir-college": "slow:0.3"}) as sites:
        started = time.monotonic()
        response, _ = _get(sites, "lammermuir-college.example", "/")
        assert response.status == 200 and time.monotonic() - started >= 0.3
        sites.set_fault("lammermuir-college", "500")
        assert _get(sites, "lammermuir-college.example", "/")[0].status == 500
        sites.set_fault("lammermuir-college", None)
        assert _get(sites, "lammermuir-college.example", "/")[0].status == 200


@pytest.mark.parametrize("faults", [{"no-such-provider": "500"}, {"coleg-dyfi": "explode"}])
def test_bad_faults_fail_loudly(faults: dict[str, str]) -> None:
    with pytest.raises(ValueError):
        SampleSites(faults=faults)


def test_start_urls(running: SampleSites) -> None:
    assert running.start_urls("coleg-taf-elai") == [
        "http://coleg-taf-elai.example/",
        "http://coleg-taf-elai.example/sitemap.xml",
        "http://coleg-taf-elai.example/feeds/xcri.xml",
    ]
    assert len(running.start_urls("coleg-dyfi")) == 2


def test_crawl_env_points_only_at_our_proxy(running: SampleSites) -> None:
    base = {"PATH": "/bin", "HTTP_PROXY": "http://elsewhere:3128", "NO_PROXY": "x", "KEEP": "1"}
    env = running.crawl_env(base, COURSEFINDER_VAR="/tmp/v")
    assert env["http_proxy"] == running.proxy_url
    assert env["no_proxy"] == "127.0.0.1,localhost"
    assert "HTTP_PROXY" not in env and "NO_PROXY" not in env
    assert (env["PATH"], env["KEEP"], env["COURSEFINDER_VAR"]) == ("/bin", "1", "/tmp/v")
