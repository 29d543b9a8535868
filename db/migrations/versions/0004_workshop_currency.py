"""workshop currency label"""

from db.migrations.ops import add_columns, reversible, string

revision, down_revision = "0004", "0003"  # created 2026-12-06 10:00:00.000000

upgrade, downgrade = reversible(add_columns("workshop", string("currency", 12, default="")))
