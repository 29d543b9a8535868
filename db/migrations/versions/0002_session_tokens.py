"""session tokens and audit change index"""

from db.migrations.ops import handed_out, index, moment, reversible, table

revision, down_revision = "0002", "0001"  # created 2026-11-25 16:05:43.736527

upgrade, downgrade = reversible(
    table(
        "session_token",
        *handed_out("token_hash"),
        moment("created_at", null=False),
        moment("last_used_at", null=False),
        moment("revoked_at"),
    ),
    index("audit_event", "ix_audit_event_changes", ["workshop_id", "entity", "id"]),
)
