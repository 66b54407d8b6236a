"""Versioned index + atomic alias swap; a failed build never touches the live alias."""

from __future__ import annotations

import re

import pytest

from indexer.schema import Course
from indexer.search import reindex as reindex_module
from indexer.search.models import SearchParams
from indexer.search.reindex import ReindexError, list_indices, new_index_name, reindex
from indexer.search.service import search

from .conftest import TODAY

pytestmark = pytest.mark.engine


def make(n: int, prefix: str = "c") -> list[Course]:
    return [
        Course(id=f"{prefix}-{i}", provider_id="prov", title={"en": f"Course {prefix} {i}"})
        for i in range(n)
    ]


def live(engine) -> list[str]:
    return [row["name"] for row in list_indices(engine) if row["is_live"]]


def test_index_names_are_versioned_and_sort_by_time():
    name = new_index_name("courses")
    assert re.fullmatch(r"courses-\d{20}-[0-9a-f]{6}", name)


def test_first_build_creates_alias(engine):
    name = reindex(engine, make(3), 3, today=TODAY)
    assert name.startswith(engine.alias + "-")
    assert list_indices(engine) == [{"name": name, "docs": 3, "is_live": True}]
    assert search(engine, SearchParams()).total == 3


def test_dicts_are_accepted(engine):
    docs = [c.model_dump(mode="json") for c in make(2)]
    reindex(engine, docs, 2, today=TODAY)
    assert search(engine, SearchParams()).total == 2


def test_second_build_moves_alias_and_keeps_one_for_rollback(engine):
    first = reindex(engine, make(2, "a"), 2, today=TODAY)
    second = reindex(engine, make(3, "b"), 3, today=TODAY)
    assert live(engine) == [second]
    assert [r["name"] for r in list_indices(engine)] == [second, first]
    assert {r["id"] for r in search(engine, SearchParams()).results} == {"b-0", "b-1", "b-2"}
    third = reindex(engine, make(1, "c"), 1, today=TODAY)
    assert [r["name"] for r in list_indices(engine)] == [third, second]  # first pruned
    assert not engine.client.indices.exists(index=first)


def test_alias_swap_is_one_atomic_request(engine, monkeypatch):
    reindex(engine, make(1, "a"), 1, today=TODAY)
    calls = []
    real = engine.client.indices.update_aliases

    def spy(*args, **kwargs):
        calls.append(kwargs["body"]["actions"])
        return real(*args, **kwargs)

    monkeypatch.setattr(engine.client.indices, "update_aliases", spy)
    new = reindex(engine, make(1, "b"), 1, today=TODAY)
    assert len(calls) == 1
    assert [next(iter(a)) for a in calls[0]] == ["remove", "add"]
    assert calls[0][-1] == {"add": {"index": new, "alias": engine.alias}}


def test_other_aliases_indices_are_not_pruned(engine, engine_url):
    from indexer.search.client import Engine

    with Engine.connect(engine_url, alias=engine.alias + "-x") as neighbour:
        theirs = reindex(neighbour, make(1), 1, today=TODAY)
        for _ in range(3):
            reindex(engine, make(1), 1, today=TODAY)
        assert neighbour.client.indices.exists(index=theirs)
        assert live(neighbour) == [theirs]
        neighbour.client.indices.delete(index=theirs)


class TestFailedBuild:
    def assert_untouched(self, engine, old: str) -> None:
        assert [r["name"] for r in list_indices(engine)] == [old]
        assert live(engine) == [old]
        assert {r["id"] for r in search(engine, SearchParams()).results} == {"a-0", "a-1"}

    def test_wrong_count(self, engine):
        old = reindex(engine, make(2, "a"), 2, today=TODAY)
        with pytest.raises(ReindexError, match="holds 3 course.*expected 4"):
            reindex(engine, make(3, "b"), 4, today=TODAY)
        self.assert_untouched(engine, old)

    def test_document_rejected_by_the_engine(self, engine, monkeypatch):
        old = reindex(engine, make(2, "a"), 2, today=TODAY)
        real = reindex_module.documents.to_document

        def broken(course, today=None):
            doc = real(course, today)
            if course.id == "b-1":
                doc["duration"]["hours"] = "a long time"  # not a float: mapper_parsing_exception
            return doc

        monkeypatch.setattr(reindex_module.documents, "to_document", broken)
        with pytest.raises(ReindexError, match=r"1 course\(s\) failed to index \(b-1: "):
            reindex(engine, make(3, "b"), 3, today=TODAY)
        self.assert_untouched(engine, old)

    def test_invalid_course_dict(self, engine):
        old = reindex(engine, make(2, "a"), 2, today=TODAY)
        with pytest.raises(ReindexError, match="bad-1: not a valid course"):
            reindex(engine, [{"id": "bad-1", "mode": "by pigeon"}], 1, today=TODAY)
        self.assert_untouched(engine, old)

    def test_source_that_raises_midway(self, engine):
        old = reindex(engine, make(2, "a"), 2, today=TODAY)

        def courses():
            yield from make(2, "b")
            raise RuntimeError("database went away")

        with pytest.raises(RuntimeError, match="database went away"):
            reindex(engine, courses(), 2, today=TODAY)
        self.assert_untouched(engine, old)

    def test_first_build_failing_leaves_no_alias(self, engine):
        with pytest.raises(ReindexError):
            reindex(engine, make(1), 2, today=TODAY)
        assert list_indices(engine) == []
        assert not engine.client.indices.exists_alias(name=engine.alias)
