"""The migrated schema equals the models, and the chain goes down to nothing and up again, on SQLite and PostgreSQL."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

import db.models  # noqa: F401
from db.engine import make_engine
from db.migrate import alembic_config, upgrade
from tests.conftest import drop_postgres_database, new_postgres_database, sqlite_url


def assert_no_difference(url: str) -> None:
    upgrade(url)
    engine = make_engine(url)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, SQLModel.metadata) == []
    engine.dispose()


def assert_round_trip(url: str) -> None:
    """Every downgrade undoes its upgrade: down to base, then up again to the models' schema."""
    upgrade(url)
    command.downgrade(alembic_config(url), "base")
    assert_no_difference(url)


@pytest.fixture(params=["sqlite", "postgres"])
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database with no schema yet, on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        yield sqlite_url(tmp_path)
        return
    url = new_postgres_database()
    try:
        yield url
    finally:
        drop_postgres_database(url)


def test_schema_matches_models(empty_url: str) -> None:
    assert_no_difference(empty_url)


def test_downgrade_to_base_and_back(empty_url: str) -> None:
    assert_round_trip(empty_url)


def test_upgrade_twice_is_harmless(tmp_path) -> None:
    url = sqlite_url(tmp_path)
    upgrade(url)
    upgrade(url)
