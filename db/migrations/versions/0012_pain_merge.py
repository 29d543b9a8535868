"""merged pains, kept for undo"""

from db.migrations.ops import ID, json, moment, ref, reversible, string, table

revision, down_revision = "0012", "0011"  # created 2026-12-06 05:00:00

upgrade, downgrade = reversible(
    table(
        "pain_merge",
        ID,
        ref("workshop_id", "workshop"),
        ref("pain_id", "pain"),
        json("originals", null=False),
        json("moved_actions", null=False),
        moment("at", null=False),
        string("actor_name", 80),
        moment("undone_at"),
    )
)
