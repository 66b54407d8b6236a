"""Text clean-up helpers."""

import random

import pytest

from indexer.normalise.text import clean, clean_block, fold, to_number, words_to_digits


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("  £35 \n", "£35"),
        ("6pm\u20138pm", "6pm-8pm"),
        ("It\u2019s\u00a0free", "It's free"),
        ("a\x00b\x07c", "a b c"),
        ("   ", None),
        (None, None),
    ],
)
def test_clean(raw, cleaned):
    assert clean(raw) == cleaned


def test_fold_lowercases_and_cleans():
    assert fold("  Level\u00a03  ") == "level 3"
    assert fold(None) == ""


def test_clean_block_keeps_paragraphs_and_list_lines():
    text = "First  para.\r\n\r\n\r\nWhat you learn:\n - one \n\u2022 two\n\nEnd."
    assert clean_block(text) == "First para.\n\nWhat you learn:\n- one\n\u2022 two\n\nEnd."


@pytest.mark.parametrize(
    ("raw", "digits"),
    [
        ("one day", "1 day"),
        ("twelve weeks", "12 weeks"),
        ("dau ddiwrnod", "2 ddiwrnod"),
        ("pum wythnos", "5 wythnos"),
        ("someone", "someone"),
    ],
)
def test_words_to_digits(raw, digits):
    assert words_to_digits(raw) == digits


@pytest.mark.parametrize(
    ("token", "value"), [("1,495", 1495), ("12.5", 12.5), (".5", 0.5), ("x", None)]
)
def test_to_number(token, value):
    assert to_number(token) == value


def _reference_clean_block(text: str) -> str | None:
    """clean_block written the plain way: table over the whole text, every line re-spaced."""
    from indexer.normalise.text import _BLOCK_SPECIAL, _swap

    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _BLOCK_SPECIAL.sub(_swap, text)
    text = "\n".join(" ".join(line.split()) for line in text.split("\n"))
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip() or None


def test_clean_block_fast_lines_agree_with_the_plain_way():
    # every character str.split() treats as a space, the table's characters, and letters
    spaces = [chr(c) for c in range(0x3001) if chr(c).isspace()]
    pool = [*spaces, *"ab \u2022\u2019\u2013\u2014\u2212\t\n\r\u00e2\u0175\u200b\ufeff\x00\x7f"]
    rnd = random.Random(3)
    for _ in range(20000):
        text = "".join(rnd.choice(pool) for _ in range(rnd.randrange(0, 20)))
        assert clean_block(text) == _reference_clean_block(text), repr(text)
