"""roles: who entered a pain or placed dots for someone, and when a person first came in

`pain.entered_by_id` and `vote.entered_by_id` name the facilitator or scribe who entered a row for its
author (None: the author entered it). `participant.claimed_at` is when a person first came in; people
who are in the room before this revision came in when their row was made, so it is filled from
`created_at`. People the facilitator adds later (pre-registered, invited, without a device) have None
until they come in.
"""

import sqlalchemy as sa
from alembic import op

from db.migrations.ops import add_columns, data, moment, ref, reversible

revision, down_revision = "0014", "0013"  # created 2026-12-06 12:00:00.000000

ENTERED = ("pain", "vote")


def _fill_claimed_at() -> None:
    """People already in the room came in when their row was made."""
    people = sa.table("participant", sa.column("claimed_at", sa.DateTime), sa.column("created_at", sa.DateTime))
    op.get_bind().execute(sa.update(people).values(claimed_at=people.c.created_at))


upgrade, downgrade = reversible(
    *(add_columns(table, ref("entered_by_id", "participant", null=True)) for table in ENTERED),
    add_columns("participant", moment("claimed_at")),
    data(_fill_claimed_at),
)
