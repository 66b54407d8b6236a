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
