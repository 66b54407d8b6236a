"""Processors tidy markup and layout whitespace, never words."""

from __future__ import annotations

import pytest

from crawler.extractors.page import decode_body
from crawler.processors import clean_long_text, clean_text, html_to_text


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("  10 weeks,\n  part-time ", "10 weeks, part-time"),
        ("<b>GBP 300</b>", "GBP 300"),
        ("Level:3", "Level:3"),
        ("Am ddim &amp; wedi&#39;i ariannu", "Am ddim & wedi'i ariannu"),
        ("   ", None),
        (None, None),
    ],
)
def test_clean_text(raw: str | None, clean: str | None) -> None:
    assert clean_text(raw) == clean


def test_long_text_keeps_paragraphs_and_list_lines() -> None:
    text = "First  para.\r\n\r\n\r\nYou will:\n• one\n• two  \n"
    assert clean_long_text(text) == "First para.\n\nYou will:\n• one\n• two"


def test_html_blocks_become_paragraphs_and_items() -> None:
    html = (
        "<div><p>Intro\n  text.</p><h3>You will:</h3><ul>\n<li>plan</li>\n<li>build</li></ul></div>"
    )
    assert html_to_text(html) == "Intro text.\n\nYou will:\n\n• plan\n• build"


def test_utf8_page_with_stray_cp1252_bytes() -> None:
    body = "<meta charset='utf-8'><p>Gŵyl ŷd ".encode() + b"\xa310 \x93rhad\x94</p>"
    assert decode_body(body).endswith("Gŵyl ŷd £10 “rhad”</p>")


def test_declared_cp1252_page() -> None:
    body = "<meta charset='windows-1252'><p>Caf\xe9 \xa35</p>".encode("cp1252")
    assert "Café £5" in decode_body(body)
