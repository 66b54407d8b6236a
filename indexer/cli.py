"""Indexer commands: database migrations and the search-index projection."""

from __future__ import annotations

import click

from indexer.config import Settings


@click.group("db")
def db_command() -> None:
    """Catalogue database tasks."""


@db_command.command("upgrade")
@click.option("--revision", default="head", show_default=True)
def db_upgrade(revision: str) -> None:
    """Apply Alembic migrations to DATABASE_URL (default: a SQLite file under var/)."""
    from indexer.migrate import upgrade

    settings = Settings.from_env()
    upgrade(settings.database_url, revision)
    click.echo(f"database at {settings.database_url.split('@')[-1]} is at {revision}")


def rebuild_index(engine, settings: Settings | None = None, today=None) -> tuple[str, int]:  # type: ignore[no-untyped-def]
    """Project the catalogue into a fresh index and swap the alias; return (index, count).

    `today` decides which start dates count as past (default: today)."""
    from indexer.catalogue import count_courses, iter_courses
    from indexer.db import session_scope
    from indexer.search.reindex import reindex

    with session_scope(settings) as session:
        expected = count_courses(session)
        name = reindex(engine, iter_courses(session), expected, today=today)
    return name, expected


@click.command("reindex")
def reindex_command() -> None:
    """Rebuild the search index from the catalogue (new versioned index, verify, alias swap)."""
    from indexer.search.client import Engine
    from indexer.search.reindex import ReindexError

    settings = Settings.from_env()
    if settings.opensearch_url is None:
        click.echo(
            "OPENSEARCH_URL is not set: the embedded engine lives only as long as this command, "
            "and the portal rebuilds its own index at start-up. Reindexing a throw-away engine "
            "to check the catalogue projects cleanly."
        )
    engine = Engine.from_settings(settings)
    try:
        name, count = rebuild_index(engine, settings)
    except ReindexError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        engine.close()
    click.echo(f"alias {engine.alias!r} -> {name} ({count} courses)")


@click.command("indices")
def indices_command() -> None:
    """List the versioned course indices, marking the live one."""
    from indexer.search.client import Engine
    from indexer.search.reindex import list_indices

    engine = Engine.from_settings()
    try:
        for row in list_indices(engine):
            arrow = "<- live" if row["is_live"] else ""
            click.echo(f"{row['name']}\t{row['docs']}\t{arrow}")
    finally:
        engine.close()
