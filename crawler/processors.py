"""Small pure text processors shared by the loader and the extractors.

They tidy markup and layout whitespace only. The words stay exactly as the provider wrote
them ("10 weeks" stays "10 weeks", "GBP 300" stays "GBP 300"): interpreting is the
indexer's job (DESIGN.md, Shape).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urljoin

from w3lib.html import remove_tags, replace_entities

_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


def clean_text(value: str | None) -> str | None:
    """One line of text: markup removed, runs of whitespace collapsed, ends stripped."""
    if value is None:
        return None
    text = replace_entities(remove_tags(str(value)))
    text = " ".join(text.split())
    return text or None


def clean_long_text(value: str | None) -> str | None:
    """Long text keeps its paragraphs (blank lines) and list lines, but not layout spaces."""
    if value is None:
        return None
    text = replace_entities(str(value)).replace("\r\n", "\n")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    text = _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
    return text or None


def html_to_text(fragment: str) -> str | None:
    """Block-level HTML to text: paragraphs become blank-line separated, list items lines.

    Descriptions are published as paragraphs and lists; keeping that shape lets the
    indexer find learning outcomes without the crawler interpreting anything. Newlines
    in the HTML source are layout, so they are folded first.
    """
    text = re.sub(r"(?is)<(script|style)\b.*?</\1>", "", fragment)
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"(?i)<br\s*/?>", "\n", text)
    text = re.sub(r"(?i)<li\b[^>]*>", "\n• ", text)
    text = re.sub(r"(?i)</(p|div|h[1-6]|ul|ol|dl|section|article|blockquote|table)>", "\n\n", text)
    return clean_long_text(remove_tags(text))


def join_paragraphs(values: Iterable[str | None]) -> str | None:
    parts = [v for v in values if v]
    return "\n\n".join(parts) or None


def absolute_url(value: str | None, base: str) -> str | None:
    return urljoin(base, value.strip()) if value else None
