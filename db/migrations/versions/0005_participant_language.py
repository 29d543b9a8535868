"""each person's chosen language

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06 10:00:01.000000
"""

from db.migrations.ops import add_columns, reversible, string

revision, down_revision = "0005", "0004"

upgrade, downgrade = reversible(add_columns("participant", string("language", 5, null=True)))
