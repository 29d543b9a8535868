"""workshop rounds: the predecessor link and templates

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06 05:00:00
"""

from db.migrations.ops import add_columns, flag, ref, reversible

revision, down_revision = "0011", "0010"

upgrade, downgrade = reversible(
    add_columns(
        "workshop",
        ref("predecessor_id", "workshop", null=True, fk_name="fk_workshop_predecessor_id"),
        flag("is_template", default=False),
    )
)
