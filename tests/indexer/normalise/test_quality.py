"""Warnings in both languages and the completeness score."""

from indexer.normalise.quality import CORE_FIELDS, MESSAGES, completeness, warn


def test_every_message_has_english_and_welsh():
    for code in MESSAGES:
        warning = warn("duration", code, "some phrase")
        assert warning.message.en and warning.message.cy
        assert warning.message.en != warning.message.cy


def test_phrase_is_quoted_and_trimmed():
    warning = warn("cost", "unreadable", "x" * 1000)
    assert warning.phrase is not None and len(warning.phrase) <= 200
    assert "xxx" in warning.message.en


def test_completeness_counts_unknown_and_doubtful_fields():
    assert completeness([]) == 1.0
    one_missing = completeness([warn("cost", "missing")])
    assert one_missing == round(1 - 1 / len(CORE_FIELDS), 3)
    doubtful = completeness([warn("level", "ambiguous", "Level 2")])
    assert one_missing < doubtful < 1.0
    # a note on a filled value does not lower the score
    assert completeness([warn("duration", "hours_from_credits")]) == 1.0
    assert completeness([warn(field, "missing") for field in CORE_FIELDS]) == 0.0
