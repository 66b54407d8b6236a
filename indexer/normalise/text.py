"""Text clean-up shared by every normaliser.

Provider strings arrive with stray spaces, non-breaking spaces, en dashes, curly quotes,
control characters and the odd trailing newline. Each normaliser matches its rules against
`fold(text)`, so the rules are written once, in lower case, with plain ASCII punctuation.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Longest input we look at: real fact strings are short; a runaway page fragment must not
# make a regex pass quadratic or slow the whole batch.
MAX_CHARS = 4000

_CONTROL_CHARS = [
    *range(0x00, 0x20),
    *range(0x7F, 0xA0),
    *range(0x200B, 0x2010),
    0x2028,
    0x2029,
    0xFEFF,
]
# One translate table: control characters become spaces, dashes and quotes plain ASCII.
_TABLE: dict[int, str] = dict.fromkeys(_CONTROL_CHARS, " ")
_TABLE.update(
    {
        0x2010: "-",
        0x2011: "-",
        0x2012: "-",
        0x2013: "-",
        0x2014: "-",
        0x2015: "-",
        0x2212: "-",
        0x2018: "'",
        0x2019: "'",
        0x201B: "'",
        0x2032: "'",
        0x201C: '"',
        0x201D: '"',
    }
)

# Number words that providers write instead of digits, English and Welsh (with the mutated
# forms Welsh grammar produces after numerals and prepositions: "dau ddiwrnod", "am ddau").
NUMBER_WORDS: dict[str, str] = {
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "eleven": "11",
    "twelve": "12",
    "fifteen": "15",
    "twenty": "20",
    "thirty": "30",
    "forty": "40",
    "fifty": "50",
    "hundred": "100",
    "un": "1",
    "dau": "2",
    "ddau": "2",
    "dwy": "2",
    "ddwy": "2",
    "tri": "3",
    "dri": "3",
    "thri": "3",
    "tair": "3",
    "dair": "3",
    "pedwar": "4",
    "bedwar": "4",
    "pedair": "4",
    "bedair": "4",
    "pump": "5",
    "bump": "5",
    "pum": "5",
    "bum": "5",
    "chwe": "6",
    "deng": "10",
    "chwech": "6",
    "saith": "7",
    "wyth": "8",
    "naw": "9",
    "deg": "10",
    "ddeg": "10",
    "deuddeg": "12",
    "ddeuddeg": "12",
    "pymtheg": "15",
    "bymtheg": "15",
    "ugain": "20",
}
_NUMBER_WORD_RE = re.compile(
    r"\b(" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")\b"
)


def clean(text: str | None) -> str | None:
    """Return `text` tidied for display and matching, or None when nothing is left.

    Keeps case and letters; only spacing, dashes, quotes and control characters change.
    Short strings (fact strings, titles) repeat across a catalogue, so they are cached.
    """
    if text is None:
        return None
    if not isinstance(text, str):
        text = str(text)
    if len(text) <= 300:
        return _clean_cached(text)
    return _clean(text)


@lru_cache(maxsize=16384)
def _clean_cached(text: str) -> str | None:
    return _clean(text)


_SPECIAL = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_TABLE)) + "]")
# In blocks newlines are kept and tabs are spaces; the rest of the table applies.
_BLOCK_SPECIAL = re.compile(
    "[" + "".join(re.escape(chr(code)) for code in sorted(_TABLE) if code not in (0x09, 0x0A)) + "]"
)


def _swap(match: re.Match[str]) -> str:
    return _TABLE[ord(match.group())]


def _plain(text: str) -> str:
    """Control characters to spaces, dashes and quotes to ASCII; untouched text returned as is."""
    if text.isascii() and text.isprintable():
        return text  # the common case: nothing in the table can occur
    return _SPECIAL.sub(_swap, text)


def _clean(text: str) -> str | None:
    # str.split() with no argument splits on every Unicode space (no-break, thin, ideographic)
    text = " ".join(_plain(text[:MAX_CHARS]).split())
    return text or None


@lru_cache(maxsize=8192)
def fold(text: str | None) -> str:
    """Lower-case, cleaned text for rule matching ('' when there is none)."""
    cleaned = clean(text)
    return cleaned.lower() if cleaned else ""


@lru_cache(maxsize=8192)
def ascii_fold(text: str) -> str:
    """Strip accents (Welsh to, a, w with circumflex...) so "Cwmbrân" matches "cwmbran"."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words_to_digits(folded: str) -> str:
    """Replace number words by digits in already folded text ("dau ddiwrnod" -> "2 ddiwrnod")."""
    return _NUMBER_WORD_RE.sub(lambda m: NUMBER_WORDS[m.group(1)], folded)


def to_number(token: str) -> float | None:
    """Parse "1,495", "12.5" or "2½" into a float; None when it is not a number."""
    token = token.replace(",", "").replace("\u00bd", ".5").strip()
    if token.startswith("."):
        token = "0" + token
    try:
        value = float(token)
    except ValueError:
        return None
    if value != value or value in (float("inf"), float("-inf")):
        return None
    return value


def tidy_number(value: float) -> float | int:
    """Whole numbers as int (15, not 15.0) so JSON reads naturally."""
    return int(value) if float(value).is_integer() else round(value, 2)


_BLANK_LINES = re.compile(r"\n\n\n+")


def _tidy_line(line: str) -> str:
    """One line of a block: table applied, spaces collapsed, no space at either end.

    Most lines are plain ASCII with single spaces and come back as they are. Splitting into
    words and joining them again is what costs; it is needed only when the line has a
    double or edge space, or a character other than " " that str.split() treats as a space
    (those are all unprintable, so a printable line has none).
    """
    if not (line.isascii() and line.isprintable()):
        line = _BLOCK_SPECIAL.sub(_swap, line)
        if not line.isprintable():
            return " ".join(line.split())
    if "  " in line or line[:1] == " " or line[-1:] == " ":
        return " ".join(line.split())
    return line


def clean_block(text: str | None, limit: int = 20000) -> str | None:
    """Like `clean` but keeps paragraphs and list lines (descriptions)."""
    if text is None:
        return None
    if not isinstance(text, str):
        text = str(text)
    text = text[:limit].replace("\r\n", "\n").replace("\r", "\n")
    # Line by line (the table never touches a newline).
    text = "\n".join([_tidy_line(line) for line in text.split("\n")])
    if "\n\n\n" in text:
        text = _BLANK_LINES.sub("\n\n", text)
    return text.strip() or None


@lru_cache(maxsize=4096)
def tidy_keywords(*lists: tuple[str, ...]) -> tuple[str, ...]:
    """Keywords from several lists, tidied, first spelling kept, no repeats (case-blind).

    Memoised: a provider's keyword lists repeat from course to course.
    """
    seen: dict[str, str] = {}
    for words in lists:
        for word in words:
            word = clean(word) or ""
            if word:
                seen.setdefault(word.lower(), word)
    return tuple(seen.values())


def clear_text_caches() -> None:
    """Forget cached clean/fold results (benchmarks time unseen strings)."""
    tidy_keywords.cache_clear()
    _clean_cached.cache_clear()
    fold.cache_clear()
    ascii_fold.cache_clear()
