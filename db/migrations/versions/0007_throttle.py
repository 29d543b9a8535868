"""throttle per source and workshop

Failed guesses are now counted per key (client address or workshop) in one locked row each, instead of
one row per failure in join_attempt; old failures are dropped (they only ever mattered for minutes).
The downgrade brings join_attempt back as 0001 made it.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06 03:59:05.664151
"""

from db.migrations.ops import ID, dropped, integer, moment, reversible, string, table

revision, down_revision = "0007", "0006"

upgrade, downgrade = reversible(
    table(
        "throttle",
        string("key", 80),
        integer("failures"),
        moment("last_failure_at", index=True),
        key="key",
    ),
    dropped(
        table(
            "join_attempt",
            ID,
            string("session_key", 64, index=True),
            integer("workshop_id", null=True, index=True),
            moment("at", null=False, index=True),
        )
    ),
)
