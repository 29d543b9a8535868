"""Engine and unit of work.

SQLite runs in WAL mode with a busy timeout, and write transactions take the write lock up front
(BEGIN IMMEDIATE) so that a writer never fails half-way with "database is locked". PostgreSQL is
selected by `DATABASE_URL`. Writes retry on lock and serialization errors, so users never see them.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import DBAPIError, OperationalError

from cvm_core.settings import SQLITE_BUSY_TIMEOUT_MS, WRITE_RETRIES
from db import changes

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = f"sqlite:///{ROOT / 'data' / 'workshop.db'}"
T = TypeVar("T")


def database_url() -> str:
    return os.environ.get("DATABASE_URL") or DEFAULT_URL


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def _sqlite_setup(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:  # noqa: ANN001
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=FULL")  # every commit reaches the disk: nothing lost
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        write = conn.get_execution_options().get("write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def make_engine(url: str | None = None, pool_size: int | None = None) -> Engine:
    """An engine for `url` (default: `DATABASE_URL` or the SQLite file under data/). A PostgreSQL pool
    holds `pool_size` connections per app server (`DB_POOL_SIZE`, default 10) plus as many overflow."""
    url = url or database_url()
    pool_size = pool_size or int(os.environ.get("DB_POOL_SIZE", "10"))
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        _sqlite_setup(engine)
        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return create_engine(url, pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True)


@cache
def shared_engine(url: str | None = None) -> Engine:
    """One engine per URL for the whole process: the pages and the server's own routes share its pool."""
    return make_engine(url or database_url())


def _retryable(exc: DBAPIError) -> bool:
    text = str(exc.orig).lower() if exc.orig else str(exc).lower()
    code = getattr(exc.orig, "sqlstate", None)
    return "database is locked" in text or "busy" in text or code in ("40001", "40P01")


@contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """A read-only connection in one transaction (a consistent snapshot)."""
    with engine.connect() as conn, conn.begin():
        yield conn


def write(engine: Engine, work: Callable[[Connection], T]) -> T:
    """Run `work` in one short write transaction; retried whole on lock or serialization errors. After
    the commit, the workshops and entities it changed are announced (db/changes.py)."""
    for attempt in range(WRITE_RETRIES):
        try:
            with changes.collecting() as notes:
                try:
                    with engine.connect().execution_options(write=True) as conn:
                        with conn.begin():
                            result = work(conn)
                            changes.before_commit(conn, notes)
                except BaseException:
                    changes.failed(notes)
                    raise
                changes.publish(notes)
                return result
        except (OperationalError, DBAPIError) as exc:
            if not _retryable(exc) or attempt == WRITE_RETRIES - 1:
                raise
            time.sleep(random.uniform(0.005, 0.05) * (attempt + 1))
    raise AssertionError("unreachable")
