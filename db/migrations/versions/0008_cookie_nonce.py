"""cookie nonce"""

from db.migrations.ops import moment, reversible, string, table

revision, down_revision = "0008", "0007"  # created 2026-12-06 03:54:03.666003

upgrade, downgrade = reversible(
    table(
        "cookie_nonce",
        string("nonce_hash", 64),
        string("sealed", 200, null=True),
        moment("expires_at", null=False, index=True),
        key="nonce_hash",
    )
)
