"""Helpers for the portal tests: seed a catalogue DB, build an app, find a free port."""

from __future__ import annotations

import datetime as dt
import socket
from typing import Any

from flask import Flask
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from indexer import models, usermodels  # noqa: F401  (usermodels: the shortlist tables)
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
        session.flush()
        seed_provenance(session, now)
        session.commit()
    db.dispose()


def seed_provenance(session: Session, now: dt.datetime) -> None:
    """One crawl of Northern Skills with a failed page, and the raw listing behind ns-200."""
    run = models.CrawlRun(
        provider_id=NORTH["id"],
        started_at=now,
        finished_at=now + dt.timedelta(minutes=2),
        status="partial",
        pages_fetched=12,
        bytes_fetched=34_000,
        not_modified=3,
        listings_found=2,
        new=2,
        changed=0,
        unchanged=0,
        withdrawn=0,
        errors=[{"url": "http://northern-skills.example/courses/broken", "reason": "HTTP 500"}],
    )
    session.add(run)
    session.flush()
    session.add(
        models.RawListing(
            course_id="northern-skills:ns-200",
            provider_id=NORTH["id"],
            url="http://northern-skills.example/courses/ns-200",
            extractor="jsonld",
            fetched_at="2026-10-14T09:00:00+00:00",
            content_hash="1" * 64,
            run_id=run.id,
            data={
                "title_en": "Project Management Essentials",
                "cost_text": "Price on application",
                "level_text": "Intermediate",
                "mode_text": "Online <b>live</b>",
                "start_text": "January 2020",
            },
        )
    )


def make_app(engine: Any, database_url: str, **extra: Any) -> Flask:
    return create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test",
            "ENGINE": engine,
            "DATABASE_URL": database_url,
            "OPENSEARCH_URL": None,
            "SIGNIN_RATE_LIMIT": "1000 per minute",  # tests sign in often; one test lowers it
            **extra,
        }
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_url(driver, fragment: str) -> None:  # type: ignore[no-untyped-def]
    """Clicks return when navigation starts; wait until the new page is the current one."""
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 15).until(
        lambda d: (
            fragment in d.current_url
            and d.execute_script("return document.readyState") == "complete"
        )
    )


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def axe_violations(driver, axe_source: str) -> list[dict]:  # type: ignore[no-untyped-def]
    """Run axe-core on the current page; return its serious and critical violations."""
    if not driver.execute_script("return typeof window.axe !== 'undefined'"):
        driver.execute_script(axe_source)
    result = driver.execute_async_script(
        """
        const done = arguments[arguments.length - 1];
        axe.run(document, {runOnly: {type: "tag", values: arguments[0]}})
          .then(r => done(r.violations))
          .catch(e => done([{id: "axe-error", impact: "critical", help: String(e), nodes: []}]));
        """,
        AXE_TAGS,
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n.get("target") for n in v.get("nodes", [])][:5],
        }
        for v in result
        if v.get("impact") in ("serious", "critical")
    ]


def assert_accessible(driver, axe_source: str) -> None:  # type: ignore[no-untyped-def]
    problems = axe_violations(driver, axe_source)
    assert not problems, f"axe on {driver.current_url}: {problems}"
