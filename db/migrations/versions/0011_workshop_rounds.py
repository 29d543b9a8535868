"""workshop rounds: the predecessor link and templates

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06 05:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op


revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("workshop", schema=None) as batch_op:
        batch_op.add_column(sa.Column("predecessor_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("is_template", sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.create_index(batch_op.f("ix_workshop_predecessor_id"), ["predecessor_id"], unique=False)
        batch_op.create_foreign_key("fk_workshop_predecessor_id", "workshop", ["predecessor_id"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("workshop", schema=None) as batch_op:
        batch_op.drop_constraint("fk_workshop_predecessor_id", type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_workshop_predecessor_id"))
        batch_op.drop_column("is_template")
        batch_op.drop_column("predecessor_id")
