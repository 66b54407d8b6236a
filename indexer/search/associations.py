"""Keywords that go together, learnt from the catalogue: query expansion without a word list.

Providers tag courses with keywords ("data analysis", "excel", "power bi"; "rhaglennu",
"python"). Counting which keywords appear on the same courses gives an association
thesaurus (term-association expansion, with Salton's cosine as the strength of a pair:
courses with both / sqrt(courses with one x courses with the other), so a keyword found
beside everything, "sustainability", "small business", counts little beside any one of
them). A learner who types "data analysis" is
also shown the Excel courses that the data-analysis courses' own keywords point to, one
who types "machine learning" the AI-for-business courses, and because listings carry
keywords in both languages, "deallusrwydd artiffisial" and "artificial intelligence" meet.
The synonyms in `synonyms.csv` say what *means the same*; associations say what is
*usually taught alongside*, so they only widen the net and score well below the words
typed (`text.EXPANSION_BOOST`).

The table is built from every course while an index is built (`reindex`) and stored in
that index's mapping `_meta`, so it changes exactly when the documents do (one atomic
alias swap) and works the same on osmem and OpenSearch. Everything here is pure.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from indexer.search.welsh import radical_candidates

FORMAT_VERSION = 1
# The weakest association kept (cosine, see above). Recall@20 on the crawled sample sites
# / the devset index (docs/relevance.md, step 11e), with text.EXPANSION_BOOST 3: 0.25 ->
# 0.948 / 0.951, 0.3 -> 0.946 / 0.938, 0.35 -> 0.938 / 0.940; with 1.5: 0.15, 0.2 ->
# 0.946 / 0.949, 0.25 -> 0.948 / 0.949.
MIN_STRENGTH = 0.25
MAX_EXPANSIONS = 12  # per keyword, strongest first (8, 12 and 20 measured the same)
# Keyword phrases kept in the table, the most used first: bounds the size of the index's
# `_meta` (and so of OpenSearch's cluster state) however large the catalogue grows.
MAX_PHRASES = 20_000
MAX_PHRASE_WORDS = 4  # longer keyword "phrases" are sentences, not terms
WORD = re.compile(r"\w+", re.UNICODE)


def fold_phrase(text: str) -> str:
    """Lower case, accents removed, words joined by single spaces: how phrases are compared.

    Folding keeps "Dadansoddi data" and "dadansoddi  data" one phrase, and lets a query
    typed without a circumflex meet a keyword written with one.
    """
    plain = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return " ".join(WORD.findall(plain))


@dataclass(frozen=True)
class Concept:
    """A run of query words that is one keyword phrase (or one word), and its associates."""

    text: str  # the words as typed
    phrase: str | None  # the known keyword phrase it was read as (maybe a Welsh radical form)
    associated: tuple[tuple[str, float], ...] = ()  # (keyword phrase, strength), strongest first


@dataclass(frozen=True)
class Associations:
    """keyword phrase -> the keyword phrases most strongly associated with it, and how strongly."""

    table: Mapping[str, tuple[tuple[str, float], ...]] = field(default_factory=dict)

    def concepts(self, words: Iterable[str], *, welsh: bool = False) -> list[Concept]:
        """Split the query's words into known keyword phrases, longest first, left to right.

        For a Welsh query a mutated first word is also tried in its radical forms, so
        "gyfrifiadureg" is read as the keyword "cyfrifiadureg".
        """
        pairs = [(w, fold_phrase(w)) for w in words]
        typed_words = [w for w, f in pairs if f]
        folded = [f for _, f in pairs if f]
        spans: list[tuple[str, str | None]] = []
        i = 0
        while i < len(folded):
            for n in range(min(MAX_PHRASE_WORDS, len(folded) - i), 0, -1):
                phrase = self._known(folded[i : i + n], welsh)
                if phrase is None and n > 1:
                    continue
                spans.append((" ".join(typed_words[i : i + n]), phrase))
                i += n
                break
        # An associate that is itself one of the query's phrases is asked for already; a
        # broader part of one ("marketing" for "digital marketing") is a real widening.
        asked = {fold_phrase(text) for text, _ in spans} | {p for _, p in spans if p}
        return [
            Concept(
                text,
                phrase,
                tuple((o, s) for o, s in self.table.get(phrase or "", ()) if o not in asked),
            )
            for text, phrase in spans
        ]

    def _known(self, words: list[str], welsh: bool) -> str | None:
        phrase = " ".join(words)
        if phrase in self.table:
            return phrase
        if welsh:
            for radical in sorted(radical_candidates(words[0])):
                candidate = " ".join([radical, *words[1:]])
                if candidate in self.table:
                    return candidate
        return None

    def to_meta(self) -> dict[str, Any]:
        """The JSON kept in the index mapping's `_meta`."""
        return {
            "version": FORMAT_VERSION,
            "phrases": {k: [[o, round(s, 3)] for o, s in v] for k, v in self.table.items()},
        }

    @classmethod
    def from_meta(cls, meta: Any) -> Associations:
        """Read `to_meta()` back; anything else (an older index, a hand-made one) is empty."""
        if not isinstance(meta, dict) or meta.get("version") != FORMAT_VERSION:
            return EMPTY
        phrases = meta.get("phrases")
        if not isinstance(phrases, dict):
            return EMPTY
        table: dict[str, tuple[tuple[str, float], ...]] = {}
        for phrase, pairs in phrases.items():
            try:
                table[str(phrase)] = tuple((str(o), float(s)) for o, s in pairs)
            except (TypeError, ValueError):
                continue
        return cls(table)


EMPTY = Associations()


class AssociationCounter:
    """Counts keyword co-occurrence one course at a time (a reindex streams its courses)."""

    def __init__(self) -> None:
        self.courses: Counter[str] = Counter()
        self.together: defaultdict[str, Counter[str]] = defaultdict(Counter)

    def add(self, keywords: Iterable[str]) -> None:
        phrases = {fold_phrase(k) for k in keywords}
        phrases = {p for p in phrases if p and len(p.split()) <= MAX_PHRASE_WORDS}
        for phrase in phrases:
            self.courses[phrase] += 1
            for other in phrases:
                if other != phrase:
                    self.together[phrase][other] += 1

    def associations(
        self,
        *,
        min_strength: float = MIN_STRENGTH,
        max_expansions: int = MAX_EXPANSIONS,
        max_phrases: int = MAX_PHRASES,
    ) -> Associations:
        kept = sorted(self.courses, key=lambda p: (-self.courses[p], p))[:max_phrases]
        table: dict[str, tuple[tuple[str, float], ...]] = {}
        for phrase in kept:
            n = self.courses[phrase]
            pairs = sorted(
                (
                    (other, count / math.sqrt(n * self.courses[other]))
                    for other, count in self.together[phrase].items()
                ),
                key=lambda pair: (-pair[1], pair[0]),
            )
            strong = tuple((o, s) for o, s in pairs if s >= min_strength)[:max_expansions]
            if strong:
                table[phrase] = strong
        return Associations(table)


def build(keyword_lists: Iterable[Iterable[str]], **limits: Any) -> Associations:
    """The association table of a catalogue, given each course's keywords."""
    counter = AssociationCounter()
    for keywords in keyword_lists:
        counter.add(keywords)
    return counter.associations(**limits)
