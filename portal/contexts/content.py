"""Course content in the page language where the provider gave it, else the other one."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

LANGS = ("en", "cy")


def pick(texts: Mapping[str, Any] | None, lang: str) -> dict[str, Any] | None:
    """{"text", "lang", "foreign"}: `foreign` tells the template to add a lang attribute."""
    if not texts:
        return None
    for candidate in (lang, *[other for other in LANGS if other != lang]):
        text = texts.get(candidate)
        if isinstance(text, str) and text.strip():
            return {"text": text.strip(), "lang": candidate, "foreign": candidate != lang}
    return None


def content_language(course: Mapping[str, Any]) -> str | None:
    """The one language a listing is written in, or None when it has both (or neither).

    Fact strings ("10 weeks", "Lefel 3") are stated once, in the page's language, so on a
    one-language listing we know their language and can mark it; on a bilingual one we can't.
    """
    present = [
        lang
        for lang in LANGS
        if any((course.get(field) or {}).get(lang) for field in ("title", "summary", "description"))
    ]
    return present[0] if len(present) == 1 else None


def stated(text: str | None, lang: str, facts_lang: str | None) -> dict[str, Any] | None:
    """A provider's own wording of a fact, marked with its language when known."""
    if not text or not text.strip():
        return None
    return {
        "text": " ".join(text.split()),
        "lang": facts_lang or "",
        "foreign": bool(facts_lang and facts_lang != lang),
    }


_BULLET = re.compile(r"^\s*(?:[-•✓*]|\d+[.)])\s+")


def blocks(text: str) -> list[dict[str, Any]]:
    """Split a description into paragraphs and bullet lists (the devset's conventions).

    Blank lines separate blocks; lines starting with "- ", "• ", "✓ " or "1. " are list
    items, so learning outcomes render as a list rather than one run-on paragraph.
    """
    out: list[dict[str, Any]] = []
    for chunk in re.split(r"\n\s*\n", text):
        current: dict[str, Any] | None = None
        for line in chunk.splitlines():
            if not line.strip():
                continue
            kind = "list" if _BULLET.match(line) else "paragraph"
            if current is None or current["kind"] != kind:
                current = {"kind": kind, "items": []}
                out.append(current)
            current["items"].append(
                " ".join(_BULLET.sub("", line).split()) if kind == "list" else line.strip()
            )
    for block in out:
        if block["kind"] == "paragraph":
            block["text"] = " ".join(block.pop("items"))
    return out
