"""Helpers for the portal tests: seed a catalogue DB, build an app, find a free port."""

from __future__ import annotations

import datetime as dt
import socket
from typing import Any

from flask import Flask
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from indexer import models
from indexer.db import Base
from indexer.schema import Course
from portal import create_app
from tests.portal.courses import COLEG, NORTH, TVU


def seed_catalogue(url: str, courses: list[Course]) -> None:
    """Create the catalogue tables and store the test providers and `courses` in them."""
    db = create_engine(url)
    Base.metadata.create_all(db)
    now = dt.datetime(2026, 10, 14, 9, 0, tzinfo=dt.UTC)
    with Session(db) as session:
        for p in (TVU, COLEG, NORTH):
            session.add(
                models.Provider(
                    id=p["id"],
                    name_en=p["name"]["en"],
                    name_cy=p["name"]["cy"],
                    type=p["type"],
                    nation=p["nation"],
                    website=p["website"],
                )
            )
        session.flush()
        for c in courses:
            session.add(
                models.Course(
                    id=c.id,
                    provider_id=c.provider_id,
                    status="active",
                    listing_hash="0" * 64,
                    data=c.model_dump(mode="json"),
                    first_seen=now,
                    last_seen=now,
                    last_changed=now,
                )
            )
        session.commit()
    db.dispose()


def make_app(engine: Any, database_url: str, **extra: Any) -> Flask:
    return create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test",
            "ENGINE": engine,
            "DATABASE_URL": database_url,
            "OPENSEARCH_URL": None,
            **extra,
        }
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
