"""decisions and actions register: actions and their status history"""

from db.migrations.ops import ENTITY, ref, reversible, string, table

revision, down_revision = "0010", "0009"  # created 2026-12-06 05:00:00

STATUS = string("status", 20)
LINKS = (
    ("promise_id", "promise"),
    ("internal_promise_id", "internal_promise"),
    ("experiment_id", "experiment"),
    ("pain_id", "pain"),
    ("feedback_round_id", "feedback_round"),
    ("author_id", "participant"),
)
"""What an action may come from, none of them required."""

upgrade, downgrade = reversible(
    table(
        "action",
        *ENTITY,
        string("text", 300),
        ref("owner_participant_id", "participant", null=True),
        ref("owner_department_id", "department", null=True),
        string("due", 10, null=True),
        STATUS,
        string("source", 20),
        *(ref(column, target, null=True) for column, target in LINKS),
        string("status_by", 80),
        string("status_at", 40),
        string("carried_from", 80),
    ),
    table(
        "action_status",
        *ENTITY,
        ref("action_id", "action"),
        STATUS,
        string("by_name", 80),
        string("at", 40),
    ),
)
