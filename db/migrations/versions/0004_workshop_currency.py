"""workshop currency label

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06 10:00:00.000000
"""

from db.migrations.ops import add_columns, reversible, string

revision, down_revision = "0004", "0003"

upgrade, downgrade = reversible(add_columns("workshop", string("currency", 12, default="")))
