import pytest

from indexer.identity import course_id


@pytest.mark.parametrize(
    ("code", "url", "expected"),
    [
        ("tvu-014", None, "p:tvu-014"),
        ("  TVU/MC 7023 ", None, "p:TVU-MC-7023"),
        (None, "http://p.example/a?b=1&a=2", course_id("p", None, "http://p.example/a?a=2&b=1")),
        ("", "http://p.example/a", course_id("p", None, "http://p.example/a#top")),
    ],
)
def test_course_id_is_stable_and_url_safe(code, url, expected):
    assert course_id("p", code, url) == expected


def test_url_ids_differ_per_page():
    assert course_id("p", None, "http://p.example/a") != course_id("p", None, "http://p.example/b")
    assert course_id("p", None, "http://p.example/a").startswith("p:u")


def test_tracking_parameters_and_trailing_slashes_do_not_make_a_new_course():
    assert course_id("p", None, "http://P.example/a/?utm_source=news") == course_id(
        "p", None, "http://p.example/a"
    )


def test_without_code_or_url_the_fallback_keeps_the_id_stable():
    assert course_id(None, None, None, "Title") == course_id(None, None, "", "Title")
    assert course_id(None, None, None, "Title").startswith("unknown:u")
    assert course_id("p", None, None, "A") != course_id("p", None, None, "B")
