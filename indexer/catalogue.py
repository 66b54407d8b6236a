"""Read access to the catalogue for the index projection and the portal."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from indexer import models
from indexer.schema import Course


def _statuses(include_withdrawn: bool) -> tuple[str, ...]:
    return ("active", "withdrawn") if include_withdrawn else ("active",)


def iter_courses(session: Session, *, include_withdrawn: bool = False) -> Iterator[Course]:
    """Stream courses in id order without loading the whole catalogue at once."""
    stmt = (
        select(models.Course)
        .where(models.Course.status.in_(_statuses(include_withdrawn)))
        .order_by(models.Course.id)
        .execution_options(yield_per=500)
    )
    for row in session.scalars(stmt):
        yield course_from_row(row)


def course_from_row(row: models.Course) -> Course:
    course = Course.model_validate(row.data)
    course.id = row.id
    course.source.status = "withdrawn" if row.status == "withdrawn" else "active"
    course.source.first_seen = row.first_seen.isoformat()
    course.source.last_seen = row.last_seen.isoformat()
    return course


def count_courses(session: Session, *, include_withdrawn: bool = False) -> int:
    stmt = select(func.count()).where(models.Course.status.in_(_statuses(include_withdrawn)))
    return session.scalar(stmt.select_from(models.Course)) or 0


def get_course(session: Session, course_id: str) -> Course | None:
    row = session.get(models.Course, course_id)
    return course_from_row(row) if row else None


def list_providers(session: Session) -> list[dict[str, Any]]:
    counts = dict(
        session.execute(
            select(models.Course.provider_id, func.count())
            .where(models.Course.status == "active")
            .group_by(models.Course.provider_id)
        ).all()
    )
    return [
        {
            "id": p.id,
            "name": {"en": p.name_en, "cy": p.name_cy},
            "type": p.type,
            "nation": p.nation,
            "website": p.website,
            "courses": counts.get(p.id, 0),
        }
        for p in session.scalars(select(models.Provider).order_by(models.Provider.name_en))
    ]
