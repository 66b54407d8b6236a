"""The debug view's "why did this rank here": an engine explanation, summarised.

An explanation is a tree of score parts; what a person can read is its leaves: which
word matched in which field (`weight(title.en:python ...)`), and which constant boosts
applied (a constraint's preferred value). Engines word the tree differently (DESIGN.md:
explain details differ), so only the leaves' descriptions and values are relied on.
"""

from __future__ import annotations

import re
from typing import Any

from indexer.search.models import Explanation

MAX_REASONS = 6
WEIGHT = re.compile(r"weight\((?P<what>[^\s)]+)")
CONSTANT = re.compile(r"ConstantScore\((?P<what>.*)\)", re.DOTALL)
FIELD_TERM = re.compile(r"(?P<field>[a-z_]+)(?:\.[a-z]+)*:(?P<term>[^\s)|^]+)")
TRAILING_BOOST = re.compile(r"\)\^(?P<boost>[\d.]+)$")


def _describe(description: str) -> str:
    """A clause in a few words: its terms and the fields they were looked for in.

    Some engines (osmem) explain a multi-field match as one disjunction without saying
    which field matched: "python in title, subjects_text, summary (x0.5)" is then the most
    that can be said."""
    weight = WEIGHT.search(description)
    if weight:
        return weight.group("what")
    constant = CONSTANT.search(description)
    if constant:
        return f"boost {constant.group('what')[:80]}"
    pairs = FIELD_TERM.findall(description)
    if not pairs:
        return description[:80]
    terms = list(dict.fromkeys(term for _, term in pairs))
    fields = list(dict.fromkeys(field for field, _ in pairs))
    boost = TRAILING_BOOST.search(description.strip())
    suffix = f" (x{boost.group('boost')})" if boost else ""
    return f"{' '.join(terms)} in {', '.join(fields)}{suffix}"


def _leaves(node: dict[str, Any]) -> list[tuple[str, float]]:
    description = str(node.get("description", ""))
    details = node.get("details") or []
    if WEIGHT.search(description) or CONSTANT.search(description) or not details:
        return [(_describe(description), float(node.get("value", 0.0)))]
    out: list[tuple[str, float]] = []
    for child in details:
        out += _leaves(child)
    return out


def summarise(explanation: dict[str, Any]) -> Explanation:
    """The score and its largest contributions (same field:word counted once, at its best)."""
    best: dict[str, float] = {}
    for what, value in _leaves(explanation):
        if value > 0 and value > best.get(what, 0.0):
            best[what] = value
    reasons = sorted(best.items(), key=lambda item: -item[1])[:MAX_REASONS]
    return Explanation(score=float(explanation.get("value", 0.0)), reasons=reasons)
