"""Configuration from the environment, with defaults that work embedded (DESIGN.md, decision 5)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_VAR = PROJECT_ROOT / "var"
DEFAULT_ALIAS = "courses"


def var_dir() -> Path:
    path = Path(os.environ.get("COURSEFINDER_VAR", DEFAULT_VAR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def shared_dir() -> Path:
    """The shared reference data and devsets, beside the checkout unless told otherwise."""
    return Path(os.environ.get("COURSEFINDER_SHARED", PROJECT_ROOT.parent / "shared"))


@dataclass(frozen=True)
class Settings:
    database_url: str
    opensearch_url: str | None  # None: start the bundled osmem-server

    @classmethod
    def from_env(cls) -> Settings:
        db = os.environ.get("DATABASE_URL") or f"sqlite:///{var_dir() / 'catalogue.sqlite3'}"
        if db.startswith("postgres://"):  # Heroku-style URLs; SQLAlchemy wants the dialect name
            db = "postgresql+psycopg://" + db.removeprefix("postgres://")
        elif db.startswith("postgresql://"):
            db = "postgresql+psycopg://" + db.removeprefix("postgresql://")
        return cls(database_url=db, opensearch_url=os.environ.get("OPENSEARCH_URL") or None)
