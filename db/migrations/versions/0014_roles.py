"""roles: who entered a pain or placed dots for someone, and when a person first came in

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06 12:00:00.000000

`pain.entered_by_id` and `vote.entered_by_id` name the facilitator or scribe who entered a row for its
author (None: the author entered it). `participant.claimed_at` is when a person first came in; people
who are in the room before this revision came in when their row was made, so it is filled from
`created_at`. People the facilitator adds later (pre-registered, invited, without a device) have None
until they come in.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ENTERED = ("pain", "vote")


def upgrade() -> None:
    for table in ENTERED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("entered_by_id", sa.Integer(), nullable=True))
            batch_op.create_index(batch_op.f(f"ix_{table}_entered_by_id"), ["entered_by_id"], unique=False)
            batch_op.create_foreign_key(
                f"fk_{table}_entered_by_id_participant", "participant", ["entered_by_id"], ["id"]
            )

    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.add_column(sa.Column("claimed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
    people = sa.table("participant", sa.column("claimed_at", sa.DateTime), sa.column("created_at", sa.DateTime))
    op.get_bind().execute(sa.update(people).values(claimed_at=people.c.created_at))


def downgrade() -> None:
    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.drop_column("claimed_at")

    for table in reversed(ENTERED):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(f"fk_{table}_entered_by_id_participant", type_="foreignkey")
            batch_op.drop_index(batch_op.f(f"ix_{table}_entered_by_id"))
            batch_op.drop_column("entered_by_id")
