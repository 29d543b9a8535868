"""each person's chosen language"""

from db.migrations.ops import add_columns, reversible, string

revision, down_revision = "0005", "0004"  # created 2026-12-06 10:00:01.000000

upgrade, downgrade = reversible(add_columns("participant", string("language", 5, null=True)))
