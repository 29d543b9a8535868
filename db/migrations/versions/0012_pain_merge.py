"""merged pains, kept for undo

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06 05:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op


revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "pain_merge",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("pain_id", sa.Integer(), nullable=False),
        sa.Column("originals", sa.JSON(), nullable=False),
        sa.Column("moved_actions", sa.JSON(), nullable=False),
        sa.Column("at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("actor_name", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("undone_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["pain_id"],
            ["pain.id"],
        ),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshop.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("pain_merge", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pain_merge_pain_id"), ["pain_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_pain_merge_workshop_id"), ["workshop_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("pain_merge", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pain_merge_pain_id"))
        batch_op.drop_index(batch_op.f("ix_pain_merge_workshop_id"))
    op.drop_table("pain_merge")
