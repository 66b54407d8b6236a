"""Tables for things users own: advisers' accounts, shortlists, notes and saved searches.

They live in the catalogue DB beside the courses (DESIGN: the portal reads user things from
the DB) but refer to courses by id only, without a foreign key: a shortlist must survive a
course being withdrawn, and says so when it shows it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from indexer.db import Base

NOTE_MAX_CHARS = 2000
NAME_MAX_CHARS = 120
CLIENT_REF_MAX_CHARS = 60
TOKEN_CHARS = 64  # secrets.token_urlsafe(32) gives 43 characters (256 bits)


class Account(Base):
    """An adviser who chose to sign up (shortlists work without one)."""

    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Shortlist(Base):
    """Courses an adviser gathers for one client, reached by an unguessable token."""

    __tablename__ = "shortlists"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    token: Mapped[str] = mapped_column(String(TOKEN_CHARS), unique=True)  # edit link
    share_token: Mapped[str] = mapped_column(String(TOKEN_CHARS), unique=True)  # read-only link
    name: Mapped[str] = mapped_column(String(NAME_MAX_CHARS))
    client_ref: Mapped[str | None] = mapped_column(String(CLIENT_REF_MAX_CHARS))
    account_id: Mapped[int | None] = mapped_column(
        ForeignKey("accounts.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    items: Mapped[list[ShortlistItem]] = relationship(
        back_populates="shortlist",
        order_by="ShortlistItem.position",
        cascade="all, delete-orphan",
    )
    searches: Mapped[list[SavedSearch]] = relationship(
        back_populates="shortlist",
        order_by="SavedSearch.id",
        cascade="all, delete-orphan",
    )


class ShortlistItem(Base):
    __tablename__ = "shortlist_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    shortlist_id: Mapped[int] = mapped_column(
        ForeignKey("shortlists.id", ondelete="CASCADE"), index=True
    )
    course_id: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)
    note_shared: Mapped[bool] = mapped_column(Boolean, default=False)
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    shortlist: Mapped[Shortlist] = relationship(back_populates="items")


class SavedSearch(Base):
    """A search (query string of the search page) saved to a shortlist; its feed lists new courses."""

    __tablename__ = "saved_searches"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    shortlist_id: Mapped[int] = mapped_column(
        ForeignKey("shortlists.id", ondelete="CASCADE"), index=True
    )
    feed_token: Mapped[str] = mapped_column(String(TOKEN_CHARS), unique=True)
    query: Mapped[str] = mapped_column(Text)  # "q=...&mode=online", as the search page reads it
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    shortlist: Mapped[Shortlist] = relationship(back_populates="searches")
