"""Shared fixtures: real databases (SQLite files, and PostgreSQL when TEST_POSTGRES_URL is set), fresh
workshops, and the rule that under CI=true nothing that needs PostgreSQL or Chromium may skip."""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text

from db.engine import make_engine
from db.migrate import upgrade
from db.services import Actor
from db.workshops import create_workshop

ROOT = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
PG_ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def need(condition: bool, reason: str) -> None:
    """Skip outside CI when a real dependency is missing; in CI that is a failure."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: this test must run)")
    pytest.skip(reason)


def sqlite_url(folder: Path) -> str:
    return f"sqlite:///{folder / 'test.db'}"


def new_postgres_database() -> str:
    """A fresh, empty PostgreSQL database; its URL."""
    need(bool(PG_ADMIN_URL), "TEST_POSTGRES_URL is not set")
    name = f"cvm_test_{secrets.token_hex(4)}"
    admin = create_engine(PG_ADMIN_URL.replace("postgresql://", "postgresql+psycopg://"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"


def drop_postgres_database(url: str) -> None:
    name = url.rsplit("/", 1)[1]
    admin = create_engine(PG_ADMIN_URL.replace("postgresql://", "postgresql+psycopg://"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def sqlite_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    url = sqlite_url(tmp_path_factory.mktemp("sqlite"))
    upgrade(url)
    engine = make_engine(url)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    url = new_postgres_database()
    upgrade(url)
    yield url
    drop_postgres_database(url)


@pytest.fixture(scope="session")
def postgres_engine(postgres_url: str) -> Iterator[Engine]:
    engine = make_engine(postgres_url)
    yield engine
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def engine(request: pytest.FixtureRequest) -> Engine:
    """The same test on SQLite and on PostgreSQL."""
    return request.getfixturevalue(f"{request.param}_engine")


@pytest.fixture
def workshop(engine: Engine) -> tuple[dict, Actor]:
    """A fresh workshop and its facilitator."""
    return create_workshop(
        engine,
        data={"name": f"Test {secrets.token_hex(3)}", "language": "en"},
        passcode="passcode-1",
        facilitator_name="Fay",
    )


@pytest.fixture
def facilitator(workshop: tuple[dict, Actor]) -> Actor:
    return workshop[1]


# A test that passed on its automatic rerun (tests/e2e/conftest.py) shows in the summary by name only: keep the
# first try's failure (and what its pages showed) and print it at the end, so that a flake seen once in CI says
# what went wrong.
_FIRST_TRIES: list[tuple[str, str]] = []
FIRST_TRY_CHARS = 6000


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.outcome == "rerun":
        pages = [f"--- {name}\n{shown}" for name, shown in report.sections if name.endswith("when it failed")]
        _FIRST_TRIES.append((report.nodeid, "\n".join([report.longreprtext[-FIRST_TRY_CHARS:], *pages])))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    for nodeid, told in _FIRST_TRIES:
        terminalreporter.write_sep("-", f"the first try of {nodeid}, passed when run again")
        terminalreporter.write_line(told)
