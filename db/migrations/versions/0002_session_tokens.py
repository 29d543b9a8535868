"""session tokens and audit change index

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 16:05:43.736527
"""

from db.migrations.ops import ID, index, moment, ref, reversible, string, table

revision, down_revision = "0002", "0001"

upgrade, downgrade = reversible(
    table(
        "session_token",
        ID,
        string("token_hash", 64, unique=True),
        ref("workshop_id", "workshop"),
        ref("participant_id", "participant"),
        moment("created_at", null=False),
        moment("last_used_at", null=False),
        moment("revoked_at"),
    ),
    index("audit_event", "ix_audit_event_changes", ["workshop_id", "entity", "id"]),
)
