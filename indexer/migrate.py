"""Run Alembic from code, so `coursefinder db upgrade` needs no alembic.ini beside the install."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

from indexer.config import Settings

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(database_url: str | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    url = database_url or Settings.from_env().database_url
    # Alembic's config is a ConfigParser: a literal "%" (escaped passwords, libpq options) must be doubled
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(database_url: str | None = None, revision: str = "head") -> None:
    command.upgrade(alembic_config(database_url), revision)
