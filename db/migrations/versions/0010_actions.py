"""decisions and actions register: actions and their status history

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 05:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op


revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "action",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("deleted_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("dedupe_key", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("owner_participant_id", sa.Integer(), nullable=True),
        sa.Column("owner_department_id", sa.Integer(), nullable=True),
        sa.Column("due", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=True),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("promise_id", sa.Integer(), nullable=True),
        sa.Column("internal_promise_id", sa.Integer(), nullable=True),
        sa.Column("experiment_id", sa.Integer(), nullable=True),
        sa.Column("pain_id", sa.Integer(), nullable=True),
        sa.Column("feedback_round_id", sa.Integer(), nullable=True),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("status_by", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("status_at", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("carried_from", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["participant.id"],
        ),
        sa.ForeignKeyConstraint(
            ["experiment_id"],
            ["experiment.id"],
        ),
        sa.ForeignKeyConstraint(
            ["feedback_round_id"],
            ["feedback_round.id"],
        ),
        sa.ForeignKeyConstraint(
            ["internal_promise_id"],
            ["internal_promise.id"],
        ),
        sa.ForeignKeyConstraint(
            ["owner_department_id"],
            ["department.id"],
        ),
        sa.ForeignKeyConstraint(
            ["owner_participant_id"],
            ["participant.id"],
        ),
        sa.ForeignKeyConstraint(
            ["pain_id"],
            ["pain.id"],
        ),
        sa.ForeignKeyConstraint(
            ["promise_id"],
            ["promise.id"],
        ),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshop.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_action_author_id"), ["author_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_action_dedupe_key"), ["dedupe_key"], unique=False)
        batch_op.create_index(batch_op.f("ix_action_deleted_at"), ["deleted_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_action_experiment_id"), ["experiment_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_action_feedback_round_id"), ["feedback_round_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_action_internal_promise_id"), ["internal_promise_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_action_owner_department_id"), ["owner_department_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_action_owner_participant_id"), ["owner_participant_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_action_pain_id"), ["pain_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_action_promise_id"), ["promise_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_action_workshop_id"), ["workshop_id"], unique=False)

    op.create_table(
        "action_status",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("deleted_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("dedupe_key", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("by_name", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("at", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["action_id"],
            ["action.id"],
        ),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshop.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("action_status", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_action_status_action_id"), ["action_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_action_status_dedupe_key"), ["dedupe_key"], unique=False)
        batch_op.create_index(batch_op.f("ix_action_status_deleted_at"), ["deleted_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_action_status_workshop_id"), ["workshop_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("action_status", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_action_status_action_id"))
        batch_op.drop_index(batch_op.f("ix_action_status_dedupe_key"))
        batch_op.drop_index(batch_op.f("ix_action_status_deleted_at"))
        batch_op.drop_index(batch_op.f("ix_action_status_workshop_id"))
    op.drop_table("action_status")
    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_action_author_id"))
        batch_op.drop_index(batch_op.f("ix_action_dedupe_key"))
        batch_op.drop_index(batch_op.f("ix_action_deleted_at"))
        batch_op.drop_index(batch_op.f("ix_action_experiment_id"))
        batch_op.drop_index(batch_op.f("ix_action_feedback_round_id"))
        batch_op.drop_index(batch_op.f("ix_action_internal_promise_id"))
        batch_op.drop_index(batch_op.f("ix_action_owner_department_id"))
        batch_op.drop_index(batch_op.f("ix_action_owner_participant_id"))
        batch_op.drop_index(batch_op.f("ix_action_pain_id"))
        batch_op.drop_index(batch_op.f("ix_action_promise_id"))
        batch_op.drop_index(batch_op.f("ix_action_workshop_id"))
    op.drop_table("action")
