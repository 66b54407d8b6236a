"""Turn a devset description into HTML blocks, the way a provider's CMS would.

The README's convention: paragraphs are separated by blank lines; lines starting with
"- ", "• ", "✓ " or "1. " are list items (learning outcomes) after a heading line ending
in ":". Keeping this a pure function lets the JSON-LD/XCRI text and the HTML agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_ITEM = re.compile(r"^\s*(?:- |• |✓ |(\d+)\. )(.*)$")


@dataclass
class Block:
    kind: str  # "p" | "heading" | "ul" | "ol"
    text: str = ""
    items: list[str] = field(default_factory=list)


def description_blocks(description: str | None) -> list[Block]:
    """Split a description into paragraphs, list headings and lists."""
    blocks: list[Block] = []
    for chunk in re.split(r"\n\s*\n", description or ""):
        lines = [line for line in chunk.split("\n") if line.strip()]
        paragraph: list[str] = []
        for line in lines:
            match = _ITEM.match(line)
            if match:
                if paragraph:
                    blocks.append(_paragraph_or_heading(paragraph))
                    paragraph = []
                kind = "ol" if match.group(1) else "ul"
                if not blocks or blocks[-1].kind != kind:
                    blocks.append(Block(kind))
                blocks[-1].items.append(match.group(2).strip())
            else:
                paragraph.append(line.strip())
        if paragraph:
            blocks.append(_paragraph_or_heading(paragraph))
    return blocks


def _paragraph_or_heading(lines: list[str]) -> Block:
    text = " ".join(lines)
    return Block("heading" if text.endswith(":") else "p", text)


def plain_text(description: str | None) -> str:
    """The description as plain text for structured data: the published string, trimmed."""
    return (description or "").strip()
