"""Welsh initial mutations for search: the radical forms a mutated word may come from.

"gyfrifiadureg" (after "cwrs") is "cyfrifiadureg", "reoli" (after "i") is "rheoli",
"Farchnata" (after "ar") is "marchnata". Analysis chains on osmem (and stock OpenSearch)
have no Welsh stemmer, so the candidates are computed here in Python, from the packaged
table `indexer/data/welsh_demutation_candidates.csv`, and indexed/queried as data.
Candidates over-generate on purpose ("bont" -> "pont", but "busnes" -> "pusnes" too):
a candidate that is not a word simply matches nothing.
"""

from __future__ import annotations

import csv
import re
from functools import cache
from importlib import resources

VOWELS = "aeiouwyâêîôûŵŷ"
MIN_LENGTH = 4  # shorter words are mostly function words; their candidates are noise


@cache
def _rules() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(mutated initial, radical initials), longest initial first."""
    path = resources.files("indexer") / "data" / "welsh_demutation_candidates.csv"
    rules: list[tuple[str, tuple[str, ...]]] = []
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            initial = row["mutated_initial"].strip()
            if not re.fullmatch(r"[a-z]+", initial):
                continue  # the two descriptive rows (g-deletion, h-prothesis) are code below
            radicals = tuple(r.strip() for r in row["candidate_radical_initial"].split("|"))
            rules.append((initial, radicals))
    return tuple(sorted(rules, key=lambda r: -len(r[0])))


def radical_candidates(word: str) -> set[str]:
    """Possible radical (dictionary) forms of `word`, excluding the word itself."""
    word = word.lower()
    if len(word) < MIN_LENGTH:
        return set()
    out: set[str] = set()
    digraph = False
    for initial, radicals in _rules():
        if word.startswith(initial):
            rest = word[len(initial) :]
            out.update(radical + rest for radical in radicals)
            digraph = len(initial) > 1
            break
    if not digraph and (word[0] in VOWELS or word[0] in "lrn"):
        out.add("g" + word)  # soft mutation drops g: "radd" <- "gradd", "wybodaeth" <- "gwybodaeth"
    if word[0] == "h" and word[1] in VOWELS:
        out.add(word[1:])  # h-prothesis: "eu hiaith" <- "iaith"
    out.discard(word)
    return out


def forms(word: str) -> set[str]:
    """The word and its radical candidates."""
    return {word.lower()} | radical_candidates(word)
