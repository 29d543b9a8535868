"""The migrated schema equals the models, and the chain goes down to nothing and up again, on SQLite and PostgreSQL."""

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


def test_sqlite_schema_matches_models(tmp_path) -> None:
    assert_no_difference(sqlite_url(tmp_path))


def test_postgres_schema_matches_models() -> None:
    url = new_postgres_database()
    try:
        assert_no_difference(url)
    finally:
        drop_postgres_database(url)


def test_sqlite_downgrade_to_base_and_back(tmp_path) -> None:
    assert_round_trip(sqlite_url(tmp_path))


def test_postgres_downgrade_to_base_and_back() -> None:
    url = new_postgres_database()
    try:
        assert_round_trip(url)
    finally:
        drop_postgres_database(url)


def test_upgrade_twice_is_harmless(tmp_path) -> None:
    url = sqlite_url(tmp_path)
    upgrade(url)
    upgrade(url)
