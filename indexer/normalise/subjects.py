"""Subjects: HECoS codes with their CAH groups, from titles, summaries and keywords.

Terms come from data/subject_terms.yaml (ours, English and Welsh). English terms are looked
for in English text and Welsh terms (with their mutated forms) in Welsh text, so a Welsh
word that happens to spell an English abbreviation ("ai") is not read as one. A longer
phrase wins over a shorter one inside it ("project management" over "management").
"""

from __future__ import annotations

import re
from functools import lru_cache

from indexer.normalise.copies import fresh
from indexer.normalise.refdata import cah_labels, hecos_table, load_yaml
from indexer.normalise.text import ascii_fold, fold
from indexer.normalise.welsh import mutations
from indexer.schema import Bilingual, Subject

MAX_SUBJECTS = 3
# weight of a hit by where it is found
WEIGHTS = {"title": 3, "keywords": 2, "summary": 1}


_TOKEN = re.compile(r"[\w#+']+(?:\.\d+)?")
MAX_WORDS = 6  # longest phrase we look up, in words


def _tokens(text: str) -> list[str]:
    """Accent-free lower-case words; "C#", "4.0" and "alzheimer's" stay whole."""
    return _TOKEN.findall(ascii_fold(text.lower()).replace("\u2019", "'"))


@lru_cache(maxsize=2)
def _terms(lang: str) -> dict[str, str]:
    """Phrase (space-joined tokens) -> HECoS code for one language, mutated Welsh forms included.

    Looked up n-gram by n-gram instead of one big regex alternation: a dictionary probe per
    word is far faster than Python's regex engine trying hundreds of alternatives.
    """
    terms: dict[str, str] = {}
    for entry in load_yaml("subject_terms.yaml"):
        for phrase in entry.get(lang, []):
            phrase = str(phrase)
            forms = {phrase}
            if lang == "cy":
                first, _, rest = phrase.partition(" ")
                forms |= {f"{form} {rest}".strip() for form in mutations(first)}
            elif not phrase.endswith(("s", "y")) and len(phrase) >= 3:
                forms.add(phrase + "s")  # regular English plural: "supply chains", "heat pumps"
            for form in forms:
                key = " ".join(_tokens(form))
                if key:
                    terms.setdefault(key, entry["hecos"])
    return terms


@lru_cache(maxsize=2)
def _first_words(lang: str) -> dict[str, tuple[int, ...]]:
    """First word of each phrase -> the phrase lengths (in words) starting with it, longest first."""
    lengths: dict[str, set[int]] = {}
    for term in _terms(lang):
        words = term.split(" ")
        lengths.setdefault(words[0], set()).add(len(words))
    return {word: tuple(sorted(sizes, reverse=True)) for word, sizes in lengths.items()}


def _matches(words: list[str], lang: str) -> list[str]:
    """Codes of the phrases in `words`, longest phrase first at each position, no overlaps."""
    terms, starts = _terms(lang), _first_words(lang)
    codes: list[str] = []
    free = 0  # first position not inside a phrase already found
    last = len(words)
    # Only positions whose word can start a phrase are probed (most words cannot).
    for i in [i for i, word in enumerate(words) if word in starts]:
        if i < free:
            continue
        for n in starts[words[i]]:
            if i + n > last:
                continue
            code = terms.get(" ".join(words[i : i + n])) if n > 1 else terms.get(words[i])
            if code is not None:
                codes.append(code)
                free = i + n
                break
    return codes


@lru_cache(maxsize=16384)
def _text_codes(text: str, lang: str) -> tuple[str, ...]:
    """Codes found in one text (a title, a summary, one keyword), in order of mention.

    Keywords and summaries repeat across a catalogue, so each distinct text is read once.
    """
    return tuple(_matches(_tokens(fold(text)), lang))


@lru_cache(maxsize=1)
def _welsh_labels() -> dict[str, str]:
    return {entry["hecos"]: entry.get("cy_label", "") for entry in load_yaml("subject_terms.yaml")}


def subject(code: str) -> Subject | None:
    """A fresh Subject record for a HECoS code (None when the code is unknown).

    Copied from a cached record each time (its two labels too), so courses never share a
    mutable record.
    """
    record = _subject_record(code)
    if record is None:
        return None
    copy = fresh(record)
    fields = copy.__dict__
    fields["label"] = fresh(record.label)
    if record.cah1_label is not None:
        fields["cah1_label"] = fresh(record.cah1_label)
    return copy


@lru_cache(maxsize=2048)
def _subject_record(code: str) -> Subject | None:
    row = hecos_table().get(code)
    if row is None:
        return None
    cah1_en, cah1_cy = cah_labels().get(row.cah1, ("", ""))
    return Subject(
        hecos=code,
        label=Bilingual(en=row.label, cy=_welsh_labels().get(code) or row.cah3_label_cy or None),
        cah3=row.cah3,
        cah2=row.cah2,
        cah1=row.cah1,
        cah1_label=Bilingual(en=cah1_en or None, cy=cah1_cy or None),
    )


def find_subjects(texts: dict[str, dict[str, str | list[str] | None]]) -> list[Subject]:
    """texts: {"title": {"en": ..., "cy": ...}, "summary": {...}, "keywords": {"en": [...]}}.

    A list (keywords) is matched item by item, so a phrase never spans two keywords.
    """
    scores: dict[str, float] = {}
    first_seen: dict[str, int] = {}
    order = 0
    for where, by_lang in texts.items():
        weight = WEIGHTS.get(where, 1)
        for lang, value in by_lang.items():
            if lang not in ("en", "cy") or not value:
                continue
            # one item at a time: a phrase never spans two keywords
            for item in value if isinstance(value, list) else (value,):
                if isinstance(item, str):
                    codes = _text_codes(item, lang)
                else:
                    codes = tuple(_matches(_tokens(fold(item)), lang))
                for code in codes:
                    scores[code] = scores.get(code, 0) + weight
                    if code not in first_seen:
                        first_seen[code] = order
                    order += 1
    ranked = sorted(scores, key=lambda code: (-scores[code], first_seen[code]))
    subjects = [subject(code) for code in ranked[:MAX_SUBJECTS]]
    return [s for s in subjects if s is not None]


def clear_subject_caches() -> None:
    """Forget the per-text matches (benchmarks time unseen strings)."""
    _text_codes.cache_clear()
