"""rejoin codes and unique live participant names

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06 03:54:05.843950

Fills `participant.dedupe_key` with the normalised display name (as `cvm_core.validation.text_key`
does), then makes it unique among the live people of a workshop. Live people who already share a name
(possible before this revision only through old imports) keep their rows: the later ones get a key
suffixed with their id, so the index can be built and nobody is lost.
"""

import hashlib
import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _key(name: str) -> str:
    """A copy of `db.workshops.name_key` as it was at this revision (a migration must not change with
    the code)."""
    key = " ".join(unicodedata.normalize("NFKC", name or "").casefold().split())
    return key if len(key) <= 160 else "sha256:" + hashlib.sha256(key.encode()).hexdigest()


def _fill_name_keys() -> None:
    conn = op.get_bind()
    people = sa.table(
        "participant",
        sa.column("id", sa.Integer),
        sa.column("workshop_id", sa.Integer),
        sa.column("display_name", sa.String),
        sa.column("deleted_at", sa.DateTime),
        sa.column("dedupe_key", sa.String),
    )
    seen: set[tuple[int, str]] = set()
    rows = conn.execute(sa.select(people.c.id, people.c.workshop_id, people.c.display_name, people.c.deleted_at))
    for row in rows.all():
        key = _key(row.display_name)
        if row.deleted_at is None:
            if (row.workshop_id, key) in seen:
                key = f"{key}#{row.id}"
            seen.add((row.workshop_id, key))
        conn.execute(sa.update(people).where(people.c.id == row.id).values(dedupe_key=key))


def upgrade() -> None:
    op.create_table(
        "rejoin_code",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("expires_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("used_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["participant_id"], ["participant.id"]),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshop.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("rejoin_code", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rejoin_code_code_hash"), ["code_hash"], unique=True)
        batch_op.create_index(batch_op.f("ix_rejoin_code_participant_id"), ["participant_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_rejoin_code_workshop_id"), ["workshop_id"], unique=False)

    _fill_name_keys()
    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.create_index(
            "uq_participant_live_name",
            ["workshop_id", "dedupe_key"],
            unique=True,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )


def downgrade() -> None:
    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.drop_index("uq_participant_live_name")

    with op.batch_alter_table("rejoin_code", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rejoin_code_workshop_id"))
        batch_op.drop_index(batch_op.f("ix_rejoin_code_participant_id"))
        batch_op.drop_index(batch_op.f("ix_rejoin_code_code_hash"))

    op.drop_table("rejoin_code")
