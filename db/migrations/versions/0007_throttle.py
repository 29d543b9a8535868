"""throttle per source and workshop

Failed guesses are now counted per key (client address or workshop) in one locked row each, instead of
one row per failure in join_attempt; old failures are dropped (they only ever mattered for minutes).
The downgrade brings join_attempt back as 0001 made it.
"""

from db.migrations.ops import JOIN_ATTEMPT, dropped, integer, moment, reversible, string, table

revision, down_revision = "0007", "0006"  # created 2026-12-06 03:59:05.664151

upgrade, downgrade = reversible(
    table(
        "throttle",
        string("key", 80),
        integer("failures"),
        moment("last_failure_at", index=True),
        key="key",
    ),
    dropped(table("join_attempt", *JOIN_ATTEMPT)),
)
