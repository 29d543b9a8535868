"""Migration 0006 fills the participants' name keys and keeps people who shared a name before it."""

from alembic import command
from sqlalchemy import create_engine, text

from db.migrate import alembic_config, upgrade
from db.workshops import name_key
from tests.conftest import sqlite_url

STAMP = "'2026-01-01 00:00:00'"


def test_existing_people_get_name_keys_and_duplicates_survive(tmp_path) -> None:
    url = sqlite_url(tmp_path)
    command.upgrade(alembic_config(url), "0003")
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO workshop (id, name, organisation, language, join_code, passcode_hash, scale_max, "
                "dots_per_person, voting_open, voting_anonymous, brainstorm_private, current_step, version, "
                f"created_at, updated_at) VALUES (1, 'W', '', 'en', 'ABCDEF', 'x', 10, 5, 0, 1, 0, 1, 1, {STAMP}, "
                f"{STAMP})"
            )
        )
        for pid, name in ((1, "Ann  Lee"), (2, "ann lee"), (3, "Bob")):
            conn.execute(
                text(
                    "INSERT INTO participant (id, workshop_id, display_name, role, version, created_at, updated_at)"
                    f" VALUES (:id, 1, :name, 'participant', 1, {STAMP}, {STAMP})"
                ),
                {"id": pid, "name": name},
            )
    upgrade(url)
    with engine.connect() as conn:
        keys = dict(conn.execute(text("SELECT id, dedupe_key FROM participant")).all())
    engine.dispose()
    assert keys == {1: name_key("Ann Lee"), 2: name_key("Ann Lee") + "#2", 3: name_key("bob")}
