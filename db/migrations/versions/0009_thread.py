"""the golden thread: a promise's share of its segment's revenue, and what a test card tests"""

from db.migrations.ops import add_columns, number, ref, reversible

revision, down_revision = "0009", "0008"  # created 2026-12-06 04:40:56.507725

TESTED = (("pain_id", "pain"), ("factor_id", "value_factor"), ("promise_id", "promise"))

upgrade, downgrade = reversible(
    add_columns("experiment", *(ref(column, target, null=True) for column, target in TESTED)),
    add_columns("promise", number("revenue_share")),
)
