"""Things users own, in the catalogue DB: shortlists, their notes, saved searches, accounts.

Plain functions over a SQLAlchemy session (the caller owns the unit of work), so they are
tested on SQLite and PostgreSQL without Flask. Tokens come from `secrets.token_urlsafe(32)`
(256 bits); anything that does not look like one is refused before touching the DB.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from indexer import models
from indexer.usermodels import (
    CLIENT_REF_MAX_CHARS,
    NAME_MAX_CHARS,
    NOTE_MAX_CHARS,
    Account,
    SavedSearch,
    Shortlist,
    ShortlistItem,
)

TOKEN_BYTES = 32  # 256 bits; the brief asks for at least 128
MAX_ITEMS = 100
MAX_SAVED_SEARCHES = 20
MAX_QUERY_CHARS = 2000
COURSE_ID_MAX_CHARS = 200
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{22,64}$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

_hasher = PasswordHasher()


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def plausible_token(token: str | None) -> bool:
    return bool(token) and bool(_TOKEN.match(token or ""))


def clean_text(text: str | None, limit: int) -> str:
    """One tidy string: control characters removed, surrounding space trimmed, capped."""
    return _CONTROL.sub("", text or "").strip()[:limit]


# -- shortlists -------------------------------------------------------------------------


def create_shortlist(
    session: Session, name: str, client_ref: str | None = None, account_id: int | None = None
) -> Shortlist:
    stamp = now()
    shortlist = Shortlist(
        token=new_token(),
        share_token=new_token(),
        name=clean_text(name, NAME_MAX_CHARS),
        client_ref=clean_text(client_ref, CLIENT_REF_MAX_CHARS) or None,
        account_id=account_id,
        created_at=stamp,
        updated_at=stamp,
    )
    session.add(shortlist)
    session.flush()
    return shortlist


def shortlist_by_token(session: Session, token: str | None) -> Shortlist | None:
    if not plausible_token(token):
        return None
    return session.scalar(select(Shortlist).where(Shortlist.token == token))


def shortlist_by_share_token(session: Session, token: str | None) -> Shortlist | None:
    if not plausible_token(token):
        return None
    return session.scalar(select(Shortlist).where(Shortlist.share_token == token))


def course_exists(session: Session, course_id: str) -> bool:
    if not course_id or len(course_id) > COURSE_ID_MAX_CHARS:
        return False
    return session.get(models.Course, course_id) is not None


class ShortlistFull(Exception):
    """The shortlist already holds MAX_ITEMS courses."""


def add_course(session: Session, shortlist: Shortlist, course_id: str) -> bool:
    """Add a known course once; False when it was already there. Unknown ids: ValueError."""
    if not course_exists(session, course_id):
        raise ValueError(course_id)
    if any(item.course_id == course_id for item in shortlist.items):
        return False
    if len(shortlist.items) >= MAX_ITEMS:
        raise ShortlistFull(course_id)
    position = max((item.position for item in shortlist.items), default=0) + 1
    shortlist.items.append(
        ShortlistItem(course_id=course_id, position=position, note_shared=False, added_at=now())
    )
    shortlist.updated_at = now()
    session.flush()
    return True


def find_item(shortlist: Shortlist, item_id: int | str | None) -> ShortlistItem | None:
    try:
        wanted = int(item_id or 0)
    except (TypeError, ValueError):
        return None
    return next((item for item in shortlist.items if item.id == wanted), None)


def remove_item(session: Session, shortlist: Shortlist, item: ShortlistItem) -> None:
    shortlist.items.remove(item)
    shortlist.updated_at = now()
    session.flush()


class NoteTooLong(ValueError):
    """A note longer than NOTE_MAX_CHARS: refused whole, never silently cut."""


def set_note(item: ShortlistItem, note: str | None, shared: bool) -> None:
    text = _CONTROL.sub("", note or "").strip()
    if len(text) > NOTE_MAX_CHARS:
        raise NoteTooLong(len(text))
    item.note = text or None
    item.note_shared = bool(shared and text)
    item.shortlist.updated_at = now()


def move_item(shortlist: Shortlist, item: ShortlistItem, direction: str) -> bool:
    """Swap with the neighbour above ("up") or below ("down"); False at either end."""
    items = sorted(shortlist.items, key=lambda i: i.position)
    index = items.index(item)
    other = index - 1 if direction == "up" else index + 1 if direction == "down" else -1
    if other < 0 or other >= len(items):
        return False
    # Renumber densely first so positions stay unique whatever happened before.
    for n, each in enumerate(items, start=1):
        each.position = n
    items[index].position, items[other].position = items[other].position, items[index].position
    shortlist.updated_at = now()
    return True


def rename(shortlist: Shortlist, name: str, client_ref: str | None) -> None:
    shortlist.name = clean_text(name, NAME_MAX_CHARS)
    shortlist.client_ref = clean_text(client_ref, CLIENT_REF_MAX_CHARS) or None
    shortlist.updated_at = now()


# -- saved searches ---------------------------------------------------------------------


class TooManySearches(Exception):
    pass


def save_search(session: Session, shortlist: Shortlist, query: str) -> SavedSearch:
    query = query[:MAX_QUERY_CHARS]
    existing = next((s for s in shortlist.searches if s.query == query), None)
    if existing is not None:
        return existing
    if len(shortlist.searches) >= MAX_SAVED_SEARCHES:
        raise TooManySearches()
    saved = SavedSearch(feed_token=new_token(), query=query, created_at=now())
    shortlist.searches.append(saved)
    session.flush()
    return saved


def saved_search_by_feed_token(session: Session, token: str | None) -> SavedSearch | None:
    if not plausible_token(token):
        return None
    return session.scalar(select(SavedSearch).where(SavedSearch.feed_token == token))


# -- accounts ---------------------------------------------------------------------------

EMAIL_PATTERN = r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$"
_EMAIL = re.compile(EMAIL_PATTERN)
PASSWORD_MIN_CHARS = 10
PASSWORD_MAX_CHARS = 200


def normalise_email(email: str) -> str:
    return email.strip().lower()


def valid_email(email: str) -> bool:
    return len(email) <= 254 and bool(_EMAIL.match(email))


class EmailTaken(Exception):
    pass


def create_account(session: Session, email: str, password: str) -> Account:
    email = normalise_email(email)
    taken = session.scalar(select(func.count()).select_from(Account).where(Account.email == email))
    if taken:
        raise EmailTaken(email)
    account = Account(email=email, password_hash=_hasher.hash(password), created_at=now())
    session.add(account)
    session.flush()
    return account


def authenticate(session: Session, email: str, password: str) -> Account | None:
    account = session.scalar(select(Account).where(Account.email == normalise_email(email)))
    if account is None:
        # Spend the same effort as a real check, so timing does not tell who has an account.
        with contextlib.suppress(VerificationError):
            _hasher.verify(_DUMMY_HASH, password)
        return None
    try:
        _hasher.verify(account.password_hash, password)
    except (VerificationError, InvalidHashError):
        return None
    if _hasher.check_needs_rehash(account.password_hash):
        account.password_hash = _hasher.hash(password)
    return account


_DUMMY_HASH = _hasher.hash("not a real password")


def claim(shortlist: Shortlist, account_id: int) -> bool:
    """Put an anonymous shortlist into an account; False when it belongs to another one."""
    if shortlist.account_id not in (None, account_id):
        return False
    shortlist.account_id = account_id
    return True


def account_shortlists(session: Session, account_id: int) -> list[Shortlist]:
    return list(
        session.scalars(
            select(Shortlist)
            .where(Shortlist.account_id == account_id)
            .order_by(Shortlist.updated_at.desc(), Shortlist.id.desc())
        )
    )


def courses_by_id(session: Session, ids: list[str]) -> dict[str, dict]:
    """Current common-schema documents for `ids`, from the catalogue (withdrawn ones too)."""
    from indexer.catalogue import course_from_row

    if not ids:
        return {}
    rows = session.scalars(select(models.Course).where(models.Course.id.in_(ids)))
    return {row.id: course_from_row(row).model_dump(mode="json") for row in rows}
