"""Shortlists, notes, saved searches and accounts in the DB, on SQLite and PostgreSQL.

Uses the shared `settings` fixture: a migrated database (Alembic head, so 0002's tables).
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import inspect

from indexer import models
from indexer.config import Settings
from indexer.db import get_engine, session_scope
from indexer.usermodels import NOTE_MAX_CHARS, Shortlist
from portal import userdata as ud


def add_courses(settings: Settings, *ids: str) -> None:
    now = dt.datetime(2026, 10, 14, tzinfo=dt.UTC)
    with session_scope(settings) as db:
        db.add(models.Provider(id="p", name_en="P"))
        db.flush()
        for cid in ids:
            db.add(
                models.Course(
                    id=cid,
                    provider_id="p",
                    status="active",
                    listing_hash="0" * 64,
                    data={"id": cid, "provider_id": "p", "title": {"en": cid}},
                    first_seen=now,
                    last_seen=now,
                    last_changed=now,
                )
            )


def test_migration_creates_the_user_tables(settings: Settings) -> None:
    tables = set(inspect(get_engine(settings.database_url)).get_table_names())
    assert {"accounts", "shortlists", "shortlist_items", "saved_searches"} <= tables


def test_shortlist_lifecycle(settings: Settings) -> None:
    add_courses(settings, "p:1", "p:2", "p:3")
    with session_scope(settings) as db:
        shortlist = ud.create_shortlist(db, "  Client\x00 A  ", "REF-1")
        token, share = shortlist.token, shortlist.share_token
        assert shortlist.name == "Client A"
        assert len(token) >= 43 and token != share  # 256-bit tokens, two of them
        for cid in ("p:1", "p:2", "p:3"):
            assert ud.add_course(db, shortlist, cid)
        assert not ud.add_course(db, shortlist, "p:1")
        with pytest.raises(ValueError):
            ud.add_course(db, shortlist, "p:nope")
    with session_scope(settings) as db:
        shortlist = ud.shortlist_by_token(db, token)
        assert shortlist is not None
        assert ud.shortlist_by_share_token(db, share) is shortlist
        assert ud.shortlist_by_token(db, share) is None
        assert ud.shortlist_by_token(db, "x' OR 1=1 --") is None
        first, second, third = shortlist.items
        assert ud.move_item(shortlist, third, "up")
        assert not ud.move_item(shortlist, first, "up")
        ud.set_note(second, "<b>bold</b> note", shared=True)
        with pytest.raises(ud.NoteTooLong):
            ud.set_note(first, "x" * (NOTE_MAX_CHARS + 1), shared=False)
        ud.remove_item(db, shortlist, first)
    with session_scope(settings) as db:
        shortlist = ud.shortlist_by_token(db, token)
        assert [i.course_id for i in shortlist.items] == ["p:3", "p:2"]
        assert shortlist.items[1].note == "<b>bold</b> note" and shortlist.items[1].note_shared
        courses = ud.courses_by_id(db, ["p:2", "p:gone"])
        assert set(courses) == {"p:2"}


def test_saved_searches_and_feed_tokens(settings: Settings) -> None:
    with session_scope(settings) as db:
        shortlist = ud.create_shortlist(db, "Searches")
        one = ud.save_search(db, shortlist, "q=data")
        assert ud.save_search(db, shortlist, "q=data") is one  # saved once
        feed = one.feed_token
    with session_scope(settings) as db:
        found = ud.saved_search_by_feed_token(db, feed)
        assert found is not None and found.query == "q=data"
        assert ud.saved_search_by_feed_token(db, "A" * 43) is None


def test_accounts_hash_passwords_and_claim_shortlists(settings: Settings) -> None:
    with session_scope(settings) as db:
        account = ud.create_account(db, "Adviser@Example.org", "a long passphrase")
        assert account.email == "adviser@example.org"
        assert account.password_hash.startswith("$argon2id$")
        with pytest.raises(ud.EmailTaken):
            ud.create_account(db, "adviser@example.org", "another passphrase")
        shortlist = ud.create_shortlist(db, "Mine")
        assert ud.claim(shortlist, account.id)
        other = ud.create_account(db, "other@example.org", "a long passphrase")
        assert not ud.claim(shortlist, other.id)
        account_id = account.id
    with session_scope(settings) as db:
        assert ud.authenticate(db, "ADVISER@example.org", "a long passphrase").id == account_id
        assert ud.authenticate(db, "adviser@example.org", "wrong") is None
        assert ud.authenticate(db, "nobody@example.org", "a long passphrase") is None
        names = [s.name for s in ud.account_shortlists(db, account_id)]
        assert names == ["Mine"]
        assert db.query(Shortlist).count() == 1
