"""the short round timer and the sound at the end of a timebox"""

from db.migrations.ops import add_columns, flag, moment, reversible, string

revision, down_revision = "0013", "0012"  # created 2026-12-07 10:00:00.000000

upgrade, downgrade = reversible(
    add_columns(
        "workshop",
        moment("round_end"),
        string("round_kind", 20, null=True),
        flag("clock_sound", default=True),
    )
)
