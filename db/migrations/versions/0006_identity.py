"""rejoin codes and unique live participant names

Fills `participant.dedupe_key` with the normalised display name (as `cvm_core.validation.text_key`
does), then makes it unique among the live people of a workshop. Live people who already share a name
(possible before this revision only through old imports) keep their rows: the later ones get a key
suffixed with their id, so the index can be built and nobody is lost.
"""

import hashlib
import unicodedata

import sqlalchemy as sa
from alembic import op

from db.migrations.ops import data, handed_out, index, integer, moment, reversible, table

revision, down_revision = "0006", "0005"  # created 2026-12-06 03:54:05.843950


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


upgrade, downgrade = reversible(
    table(
        "rejoin_code",
        *handed_out("code_hash"),
        integer("created_by", null=True),
        moment("created_at", null=False),
        moment("expires_at", null=False),
        moment("used_at"),
    ),
    data(_fill_name_keys),
    index(
        "participant",
        "uq_participant_live_name",
        ["workshop_id", "dedupe_key"],
        unique=True,
        where="deleted_at IS NULL",
    ),
)
