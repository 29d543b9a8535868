"""the golden thread: a promise's share of its segment's revenue, and what a test card tests

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 04:40:56.507725
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TESTED = (("pain_id", "pain"), ("factor_id", "value_factor"), ("promise_id", "promise"))


def upgrade() -> None:
    with op.batch_alter_table("experiment", schema=None) as batch_op:
        for column, target in TESTED:
            batch_op.add_column(sa.Column(column, sa.Integer(), nullable=True))
            batch_op.create_index(batch_op.f(f"ix_experiment_{column}"), [column], unique=False)
            batch_op.create_foreign_key(f"fk_experiment_{column}_{target}", target, [column], ["id"])

    with op.batch_alter_table("promise", schema=None) as batch_op:
        batch_op.add_column(sa.Column("revenue_share", sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("promise", schema=None) as batch_op:
        batch_op.drop_column("revenue_share")

    with op.batch_alter_table("experiment", schema=None) as batch_op:
        for column, target in TESTED:
            batch_op.drop_constraint(f"fk_experiment_{column}_{target}", type_="foreignkey")
            batch_op.drop_index(batch_op.f(f"ix_experiment_{column}"))
            batch_op.drop_column(column)
