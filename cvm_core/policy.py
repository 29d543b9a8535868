"""Who may do what: the one table of rights, enforced by the services (`db/services.py`) in the write
transaction of every create, update, delete and restore, whoever calls them.

A right is a row: (entity, action) → a grant per role, and the conditions under which it holds. Grants:
`all` (any row of the workshop), `own` (only rows the person owns: a pain's author, a vote's voter),
`none`. Conditions bind the roles listed in CONDITIONS: `step_unlocked` (the entity's step is not
locked by the facilitator), `voting_open`. The system actor (demo data, imports, the command line)
stands outside the table, but not outside the rules across rows (budgets, trees, uniqueness).

Roles are columns. A new role (issue 17's co-facilitator and scribe) names the role it acts like in
EXTENDS and gets rows of its own only where it differs: e.g. `EXTENDS["scribe"] = "participant"` plus
a grant for "scribe" in the rows where a scribe may do more (entries for someone else). A role not named
anywhere may do nothing. Nothing outside this module changes.

| entity | create | update | delete | restore | when |
|---|---|---|---|---|---|
| department | all | all | facilitator | facilitator | step unlocked |
| customer, customer_department, value_factor, factor_pain, offering, canvas_score, errc_action, promise, internal_promise, promise_support, team_member, communication_rule, value_stream, value_stream_stage, stage_department, economics, motivation_plan, experiment, feedback, mistake | all | all | all | all | step unlocked |
| pain | all | own | own | own | step unlocked |
| vote | own (facilitator too) | own (facilitator too) | own | own | voting open, step unlocked |
| feedback_round, note, step_progress | facilitator | facilitator | facilitator | facilitator | |
| action | all | all | all | all | |
| action_status | — | — | — | — | |
| workshop (settings, archive, passcode) | — | facilitator | facilitator | — | |
| room (clock, current step, reveal) | — | facilitator | — | — | |
| participant (oneself: department, ready) | — | own (facilitator too) | — | — | |
| people (rejoin codes, hand over, remove) | facilitator | facilitator | facilitator | — | |

In a cell, "all" and "own" are the participants' grant, and the facilitator has `all` (moderation) unless
the cell says "facilitator too": dots are always one's own. "facilitator": the facilitator `all`,
participants `none`. "—": nobody. A unit test reads this table and compares it with TABLE.
Departments are shared, but deleting one takes its team's work with it (internal promises, economics,
members…), so only the facilitator deletes or restores them. An action is everyone's to add; who changes
its status (its owners and the facilitator), edits it (its author, owners and the facilitator) and deletes
or restores it (its author and the facilitator) depends on its owner department too, so db/rules/actions.py
decides that within the grant. Its status history is written by the services with each change of status.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ALL, OWN, NONE = "all", "own", "none"
CREATE, UPDATE, DELETE, RESTORE = "create", "update", "delete", "restore"
ACTIONS = (CREATE, UPDATE, DELETE, RESTORE)
FACILITATOR, PARTICIPANT = "facilitator", "participant"
ROLES = (FACILITATOR, PARTICIPANT)

STEP_UNLOCKED, VOTING_OPEN = "step_unlocked", "voting_open"
# A role that a row does not name acts like the role it extends (none yet: issue 17 adds them).
EXTENDS: dict[str, str] = {}

# Which roles a condition binds (the facilitator may write in a step they locked).
CONDITIONS: dict[str, tuple[str, ...]] = {STEP_UNLOCKED: (PARTICIPANT,), VOTING_OPEN: (FACILITATOR, PARTICIPANT)}

# The field that names a row's owner, for entities with `own` grants.
OWNERS = {"pain": "author_id", "vote": "participant_id", "participant": "id"}

SHARED = (
    "customer",
    "customer_department",
    "value_factor",
    "factor_pain",
    "offering",
    "canvas_score",
    "errc_action",
    "promise",
    "internal_promise",
    "promise_support",
    "team_member",
    "communication_rule",
    "value_stream",
    "value_stream_stage",
    "stage_department",
    "economics",
    "motivation_plan",
    "experiment",
    "feedback",
    "mistake",
)
RUN_BY_FACILITATOR = ("feedback_round", "note", "step_progress")


@dataclass(frozen=True)
class Right:
    """One row of the table: what each role may do with one action on one entity, and when."""

    grants: dict[str, str]
    when: tuple[str, ...] = field(default=())


def _everyone(when: tuple[str, ...] = (STEP_UNLOCKED,)) -> Right:
    return Right({FACILITATOR: ALL, PARTICIPANT: ALL}, when)


def _own(when: tuple[str, ...] = (STEP_UNLOCKED,), facilitator: str = ALL) -> Right:
    return Right({FACILITATOR: facilitator, PARTICIPANT: OWN}, when)


def _facilitator(when: tuple[str, ...] = ()) -> Right:
    return Right({FACILITATOR: ALL, PARTICIPANT: NONE}, when)


_VOTE = (VOTING_OPEN, STEP_UNLOCKED)

TABLE: dict[tuple[str, str], Right] = {
    **{(name, action): _everyone() for name in SHARED for action in ACTIONS},
    ("department", CREATE): _everyone(),
    ("department", UPDATE): _everyone(),
    ("department", DELETE): _facilitator(),
    ("department", RESTORE): _facilitator(),
    ("pain", CREATE): _everyone(),
    ("pain", UPDATE): _own(),
    ("pain", DELETE): _own(),
    ("pain", RESTORE): _own(),
    ("vote", CREATE): _own(_VOTE, facilitator=OWN),
    ("vote", UPDATE): _own(_VOTE, facilitator=OWN),
    ("vote", DELETE): _own(_VOTE),
    ("vote", RESTORE): _own(_VOTE),
    **{(name, action): _facilitator() for name in RUN_BY_FACILITATOR for action in ACTIONS},
    ("workshop", UPDATE): _facilitator(),
    ("workshop", DELETE): _facilitator(),
    ("room", UPDATE): _facilitator(),
    **{("action", action): _everyone(when=()) for action in ACTIONS},
    **{("action_status", action): Right({FACILITATOR: NONE, PARTICIPANT: NONE}) for action in ACTIONS},
    ("participant", UPDATE): Right({FACILITATOR: OWN, PARTICIPANT: OWN}),
    ("people", CREATE): _facilitator(),
    ("people", UPDATE): _facilitator(),
    ("people", DELETE): _facilitator(),
}


def right(entity: str, action: str) -> Right:
    """The row for (entity, action); an action the table does not list is nobody's."""
    return TABLE.get((entity, action), Right({}))


def _lineage(role: str) -> list[str]:
    """The role and the roles it extends, nearest first."""
    chain = [role]
    while chain[-1] in EXTENDS and EXTENDS[chain[-1]] not in chain:
        chain.append(EXTENDS[chain[-1]])
    return chain


def grant(entity: str, action: str, role: str) -> str:
    grants = right(entity, action).grants
    return next((grants[r] for r in _lineage(role) if r in grants), NONE)


def conditions(entity: str, action: str, role: str) -> tuple[str, ...]:
    """The conditions that must hold for `role` to do `action` on `entity`."""
    lineage = _lineage(role)
    return tuple(c for c in right(entity, action).when if any(r in CONDITIONS[c] for r in lineage))


def owns(entity: str, row: dict[str, Any], participant_id: int | None) -> bool:
    owner = OWNERS.get(entity)
    return owner is not None and participant_id is not None and row.get(owner) == participant_id


def allowed(entity: str, action: str, role: str, row: dict[str, Any] | None, participant_id: int | None) -> bool:
    """Whether the grant lets `role` act on `row` (None: a row not written yet, checked once it is)."""
    given = grant(entity, action, role)
    if given == ALL:
        return True
    if given == OWN:
        return row is None or owns(entity, row, participant_id)
    return False


# What a refused owner-only action says, per entity.
NOT_YOURS = {"vote": "step2.err.not_your_vote", "pain": "policy.err.not_your_pain"}


def refusal(entity: str, action: str, role: str) -> str:
    """The message key for a refusal: "only the facilitator" when the facilitator could, else "not yours"."""
    if grant(entity, action, role) == NONE and grant(entity, action, FACILITATOR) == ALL:
        return "errors.facilitator_only"
    return NOT_YOURS.get(entity, "policy.err.not_yours")
