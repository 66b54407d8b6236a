"""XCRI-CAP feeds: several presentations per course, and big feeds streamed in bounded memory."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from crawler.extractors.page import Page
from crawler.extractors.xcri import extract_xcri

HEAD = b"""<?xml version="1.0" encoding="UTF-8"?>
<catalog xmlns="http://xcri.org/profiles/1.2/catalog"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:mlo="http://purl.org/net/mlo"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><provider>"""


def presentation(start: str, cost: str, venue: str, mode: str) -> str:
    return (
        f"<presentation><mlo:start>{start}</mlo:start><mlo:cost>{cost}</mlo:cost>"
        f"<attendanceMode>{mode}</attendanceMode>"
        f"<venue><provider><dc:title>{venue}</dc:title></provider></venue></presentation>"
    )


def test_each_presentation_keeps_its_dates_fee_venue_and_mode() -> None:
    course = (
        "<course><dc:identifier xsi:type='xcriTerms:courseCode'>W-1</dc:identifier>"
        "<dc:title>Welding</dc:title>"
        + presentation("1 September 2026", "£350", "Bridgend campus", "Campus")
        + presentation("5 January 2027", "£350", "Online", "Online")
        + presentation("12 April 2027", "£395", "Pencoed campus", "Campus")
        + "</course>"
    )
    page = Page.from_bytes(
        "http://p.example/feed.xml", HEAD + course.encode() + b"</provider></catalog>"
    )
    (found,) = extract_xcri(page)
    fields = found.fields
    # one value per presentation, in feed order, "; "-separated; a value shared by all once
    assert fields["start_text"] == "1 September 2026; 5 January 2027; 12 April 2027"
    assert fields["cost_text"] == "£350; £395"
    assert fields["location_text"] == "Bridgend campus; Online; Pencoed campus"
    assert fields["mode_text"] == "Campus; Online"


def test_a_big_feed_is_streamed_in_bounded_memory() -> None:
    """5,000 courses: the parse holds about one course at a time (measured in a child
    process, so lxml's own C allocations count too)."""
    script = textwrap.dedent(
        """
        import sys
        from crawler.extractors.xcri import iter_courses

        def rss_kib():
            for line in open("/proc/self/status"):
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])

        head = sys.stdin.buffer.read()
        def feed(n):
            course = (
                "<course><dc:identifier xsi:type='xcriTerms:courseCode'>C-{i}</dc:identifier>"
                "<dc:title>Course {i}</dc:title><dc:description>" + "Learn things. " * 60
                + "</dc:description><presentation><mlo:start>1 September 2026</mlo:start>"
                "<mlo:cost>£100</mlo:cost></presentation></course>"
            )
            body = "".join(course.format(i=i) for i in range(n))
            return head + body.encode() + b"</provider></catalog>"

        for n in (500, 5000):
            data = feed(n)
            before, peak, count = rss_kib(), 0, 0
            for fields, _digest in iter_courses(data):
                count += 1
                if count % 250 == 0:
                    peak = max(peak, rss_kib())
            print(n, count, len(data) // 1024, max(0, peak - before))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], input=HEAD, capture_output=True, timeout=60
    )
    assert done.returncode == 0, done.stderr.decode()
    rows = [tuple(map(int, line.split())) for line in done.stdout.decode().splitlines()]
    (small_n, small_count, _small_kib, small_growth), (n, count, feed_kib, growth) = rows
    assert (small_count, count) == (small_n, n)
    # a tree kept whole would grow with the feed (several times its 4+ MiB); streamed, the
    # growth stays a small, roughly constant amount
    assert growth < 4 * 1024 and growth < feed_kib, rows
    assert growth < small_growth + 2 * 1024, rows
