"""workshop hour rate"""

from db.migrations.ops import add_columns, number, reversible

revision, down_revision = "0003", "0002"  # created 2026-11-25 17:56:58.182475

upgrade, downgrade = reversible(add_columns("workshop", number("hour_rate")))
