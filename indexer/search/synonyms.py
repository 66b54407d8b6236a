"""Synonyms expanded in the application, from data (`synonyms.csv`).

osmem silently ignores `synonym` filters (DESIGN.md, Engine compatibility), so instead of
analysis-time synonyms a query is rewritten into alternatives: each group member found in
the query is replaced by the group's other members ("cybersecurity" -> "cyber security",
"marchnata digidol" -> "digital marketing"). Behaves the same on osmem and OpenSearch.
Groups hold English and Welsh phrasings together: that is how a Welsh query meets
English-only listings on the same subject (DESIGN decision 6).
"""

from __future__ import annotations

import csv
import re
from functools import cache
from importlib import resources

from indexer.search.welsh import radical_candidates

# Each alternative is one more multi_match: bounded, since osmem scans (DESIGN 1).
MAX_ALTERNATIVES = 4
TOKEN = re.compile(r"[\w&]+(?:[-'][\w&]+)*", re.UNICODE)


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text.lower())


@cache
def groups() -> tuple[tuple[tuple[str, ...], ...], ...]:
    """Each group: its members as token tuples."""
    path = resources.files("indexer.search") / "synonyms.csv"
    with path.open(encoding="utf-8") as fh:
        return tuple(
            tuple(tuple(tokens(member)) for member in row["terms"].split("|") if member.strip())
            for row in csv.DictReader(fh)
        )


def _same(variant_word: str, query_word: str, welsh: bool) -> bool:
    # In Welsh the query may carry a mutation ("ar farchnata"): its radical counts too.
    return variant_word == query_word or (welsh and variant_word in radical_candidates(query_word))


def _find(member: tuple[str, ...], words: list[str], welsh: bool) -> int:
    n = len(member)
    for start in range(len(words) - n + 1):
        if all(_same(member[i], words[start + i], welsh) for i in range(n)):
            return start
    return -1


def alternatives(text: str, welsh: bool = False) -> list[str]:
    """Rewrites of `text` with one synonym substituted, at most MAX_ALTERNATIVES."""
    words = tokens(text)
    out: list[str] = []
    for group in groups():
        for member in group:
            start = _find(member, words, welsh)
            if start < 0:
                continue
            for other in group:
                if other == member:
                    continue
                rewrite = " ".join(words[:start] + list(other) + words[start + len(member) :])
                if rewrite not in out and rewrite != " ".join(words):
                    out.append(rewrite)
            break  # one member per group is enough
        if len(out) >= MAX_ALTERNATIVES:
            break
    return out[:MAX_ALTERNATIVES]
