"""workshop rounds: the predecessor link and templates"""

from db.migrations.ops import add_columns, flag, ref, reversible

revision, down_revision = "0011", "0010"  # created 2026-12-06 05:00:00

upgrade, downgrade = reversible(
    add_columns(
        "workshop",
        ref("predecessor_id", "workshop", null=True, fk_name="fk_workshop_predecessor_id"),
        flag("is_template", default=False),
    )
)
