"""Welsh mutations, synonyms as data, schedule tags: the pure helpers behind matching."""

from __future__ import annotations

import pytest

from indexer.search.schedule import schedule_tags
from indexer.search.synonyms import alternatives
from indexer.search.welsh import forms, radical_candidates


@pytest.mark.parametrize(
    ("word", "radical"),
    [
        ("gyfrifiadureg", "cyfrifiadureg"),  # soft c -> g
        ("reoli", "rheoli"),  # soft rh -> r
        ("farchnata", "marchnata"),  # soft m -> f
        ("fusnes", "busnes"),  # soft b -> f
        ("nghaerdydd", "caerdydd"),  # nasal c -> ngh
        ("mhrifysgol", "prifysgol"),  # nasal p -> mh
        ("radd", "gradd"),  # soft g deleted
        ("hiaith", "iaith"),  # h-prothesis
        ("ddysgu", "dysgu"),  # soft d -> dd
    ],
)
def test_radical_candidates(word, radical):
    assert radical in radical_candidates(word)


def test_short_words_and_the_word_itself_are_not_candidates():
    assert radical_candidates("ar") == set()
    assert "rheoli" not in radical_candidates("rheoli")
    assert forms("Reoli") >= {"reoli", "rheoli"}


@pytest.mark.parametrize(
    ("query", "welsh", "expected"),
    [
        ("cybersecurity", False, "cyber security"),
        ("coding for beginners", False, "programming for beginners"),
        ("chainsaw ticket", False, "chainsaw certificate"),
        ("seiberddiogelwch", True, "cyber security"),
        ("cwrs ar farchnata digidol", True, "cwrs ar digital marketing"),  # through the mutation
    ],
)
def test_synonym_alternatives(query, welsh, expected):
    assert expected in alternatives(query, welsh=welsh)


def test_no_alternatives_for_unknown_words():
    assert alternatives("quantum basket weaving") == []


def test_alternatives_are_bounded():
    assert len(alternatives("coding for beginners")) <= 4


@pytest.mark.parametrize(
    ("texts", "tags"),
    [
        (("Saturdays, 10am–4pm, for 5 weeks", None), ["weekend"]),
        (("Wednesday evenings, 6pm–8pm, for 6 weeks", None), ["evening"]),
        (("1 evening a week for 7 weeks (6.30pm–9pm)", None), ["evening"]),
        (("Tuesdays 18:00–21:00", None), ["evening"]),
        (("Nos Fawrth, 6pm–8pm", None), ["evening"]),
        ((None, "Dydd Sadwrn 3 Hydref 2026"), ["weekend"]),
        (("Thursdays, 10am–12pm, for 9 weeks", "Starts Friday 9 October 2026"), []),
        (("5 weekly sessions on Wednesdays, 1.30pm–3.30pm", None), []),
        ((None, None), []),
    ],
)
def test_schedule_tags(texts, tags):
    assert schedule_tags(*texts) == tags
