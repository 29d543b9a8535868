"""throttle per source and workshop

Failed guesses are now counted per key (client address or workshop) in one locked row each, instead of
one row per failure in join_attempt; old failures are dropped (they only ever mattered for minutes).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06 03:59:05.664151
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "throttle",
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failure_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("key"),
    )
    with op.batch_alter_table("throttle", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_throttle_last_failure_at"), ["last_failure_at"], unique=False)

    with op.batch_alter_table("join_attempt", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_join_attempt_at"))
        batch_op.drop_index(batch_op.f("ix_join_attempt_session_key"))
        batch_op.drop_index(batch_op.f("ix_join_attempt_workshop_id"))

    op.drop_table("join_attempt")


def downgrade() -> None:
    op.create_table(
        "join_attempt",
        sa.Column("id", sa.INTEGER(), nullable=False),
        sa.Column("session_key", sa.VARCHAR(length=64), nullable=False),
        sa.Column("workshop_id", sa.INTEGER(), nullable=True),
        sa.Column("at", sa.DATETIME(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("join_attempt", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_join_attempt_workshop_id"), ["workshop_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_join_attempt_session_key"), ["session_key"], unique=False)
        batch_op.create_index(batch_op.f("ix_join_attempt_at"), ["at"], unique=False)

    with op.batch_alter_table("throttle", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_throttle_last_failure_at"))

    op.drop_table("throttle")
