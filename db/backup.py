"""Online backup of the SQLite database while the app keeps running (PostgreSQL: use pg_dump)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from db.engine import database_url


def sqlite_path(url: str | None = None) -> Path:
    url = url or database_url()
    if not url.startswith("sqlite:///"):
        raise ValueError("backup copies a SQLite database; for PostgreSQL use pg_dump (docs/deploy.md)")
    return Path(url.removeprefix("sqlite:///"))


def backup_sqlite(target: Path, url: str | None = None) -> Path:
    """Copy the live database to `target` with SQLite's online backup API: a consistent snapshot taken
    in one step, while other sessions go on writing (they wait at most for the copy)."""
    source = sqlite3.connect(sqlite_path(url), timeout=30)
    target.parent.mkdir(parents=True, exist_ok=True)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy, pages=-1)
        copy.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file
        if copy.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise RuntimeError("the backup failed its integrity check")
    finally:
        copy.close()
        source.close()
    return target
