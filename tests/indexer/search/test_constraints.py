"""Constraints read from the query's words (English and Welsh phrasings)."""

from __future__ import annotations

import datetime as dt

import pytest

from indexer.search.constraints import read_constraints

TODAY = dt.date(2026, 6, 1)
PLACES = frozenset({"cardiff", "wrexham", "bridgend"})


def read(q: str) -> tuple[str, set[tuple[str | None, str]]]:
    rest, found = read_constraints(q, PLACES, TODAY)
    return rest, {(c.facet, c.value) for c in found}


@pytest.mark.parametrize(
    ("query", "rest", "found"),
    [
        ("free online python course", "python", {("cost", "free"), ("mode", "online")}),
        ("cwrs hylendid bwyd am ddim", "hylendid bwyd", {("cost", "free")}),
        ("python ar-lein", "python", {("mode", "online")}),
        ("face to face first aid", "first aid", {("mode", "in_person")}),
        ("level 7 leadership", "leadership", {("level", "7")}),
        ("lefel 3 gofal", "gofal", {("level", "3")}),
        ("scqf level 7 computing", "computing", {("level", "4")}),
        ("SCQF 11 finance", "finance", {("level", "7")}),
        ("entry level computer skills", "computer skills", {("level", "entry")}),
        ("postgraduate healthcare", "healthcare", {("level", "7")}),
        ("marketing under 20 hours", "marketing", {("hours", "lt20h")}),
        (
            "online AI course starting January 2027",
            "AI",
            {("mode", "online"), ("start", "2027-01")},
        ),
        ("excel starting in march", "excel", {("start", "2027-03")}),  # next March after June 2026
        ("self-paced cyber security", "cyber security", {("pace", "self-paced")}),
        ("welsh medium leadership course", "leadership", {("language", "cy")}),
        ("arwain drwy gyfrwng y gymraeg", "arwain", {("language", "cy")}),
        ("weekend courses cardiff", "", {("schedule", "weekend"), ("place", "cardiff")}),
        ("evening classes in wrexham", "", {("schedule", "evening"), ("place", "wrexham")}),
        ("funded retrofit training wales", "retrofit", {("cost", "funded"), ("nation", "wales")}),
        ("cwrs byr cyfrifiadureg", "cyfrifiadureg", {("credential", "short-course")}),
    ],
)
def test_reads_constraints(query, rest, found):
    assert read(query) == (rest, found)


@pytest.mark.parametrize(
    "query",
    [
        "welsh for work",  # a subject, not "taught in Welsh"
        "python",
        "e-learning design",  # "learning" inside a hyphenated word
        "dulliau addysgu dwyieithog",  # "bilingual" here is the subject
        "level design for games",  # "level" without a number
        "may the force",  # a month name without a start word or year
    ],
)
def test_leaves_ordinary_words_alone(query):
    assert read(query) == (query, set())


def test_generic_word_alone_stays_the_query():
    assert read("courses") == ("courses", set())


def test_unknown_town_is_text():
    assert read("evening classes mold") == ("mold", {("schedule", "evening")})


def test_phrase_kept_as_typed_for_chips():
    _, found = read_constraints("Python AR-LEIN", PLACES, TODAY)
    assert [c.phrase for c in found] == ["AR-LEIN"]


# A place or nation name is read as a location only where a librarian would: after a
# locative word, or bare at the end after other words; never when it is the subject.
@pytest.mark.parametrize(
    ("query", "rest", "found"),
    [
        ("leadership courses cardiff", "leadership", {("place", "cardiff")}),
        ("leadership cardiff online", "leadership", {("place", "cardiff"), ("mode", "online")}),
        ("first aid course cardiff?", "first aid", {("place", "cardiff")}),  # punctuation
        ("history courses in wales", "history", {("nation", "wales")}),
        ("first aid near bridgend", "first aid", {("place", "bridgend")}),
        ("cwrs cymraeg yng nghaerdydd", "cymraeg", {("place", "cardiff")}),  # Welsh name, mutated
        ("cwrs arwain yng nghymru", "arwain", {("nation", "wales")}),
        ("gofal plant ger wrecsam", "gofal plant", {("place", "wrexham")}),
        ("cyrsiau yn yr alban", "", {("nation", "scotland")}),
        ("weekend courses cardiff", "", {("schedule", "weekend"), ("place", "cardiff")}),
    ],
)
def test_reads_locations(query, rest, found):
    assert read(query) == (rest, found)


@pytest.mark.parametrize(
    ("query", "rest", "found"),
    [
        ("welsh history", "welsh history", set()),
        ("hanes cymru", "hanes cymru", set()),  # "history of Wales": a genitive, not a place
        ("hanes yr alban", "hanes yr alban", set()),
        ("history of wales", "history of wales", set()),
        ("cardiff leadership", "cardiff leadership", set()),  # leading, no locative word
        ("cardiff", "cardiff", set()),  # the place alone may be the subject
        ("wales", "wales", set()),
        # with other constraints the subject survives instead of leaving zero words
        ("hanes cymru am ddim ar-lein", "hanes cymru", {("cost", "free"), ("mode", "online")}),
        ("welsh history online", "welsh history", {("mode", "online")}),
    ],
)
def test_place_words_that_are_the_subject_stay_text(query, rest, found):
    assert read(query) == (rest, found)


def test_place_in_a_known_subject_phrase_stays_text(monkeypatch):
    from indexer.search import constraints

    monkeypatch.setattr(constraints, "groups", lambda: ((("wales", "coast", "path"),),))
    # a phrase from the vocabulary keeps its place word, trailing or not
    assert read("walking the wales coast path") == ("walking the wales coast path", set())
    monkeypatch.setattr(constraints, "groups", lambda: ((("tourism", "wales"),),))
    assert read("tourism wales") == ("tourism wales", set())


def test_location_keeps_its_word_as_a_text_preference():
    _, found = read_constraints("cwrs cymraeg yng nghaerdydd", PLACES, TODAY)
    assert [(c.phrase, c.keep) for c in found] == [("yng nghaerdydd", "caerdydd")]
