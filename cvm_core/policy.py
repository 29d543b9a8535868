"""Who may do what: the one table of rights, enforced by the services (`db/services.py`) in the write
transaction of every create, update, delete and restore, whoever calls them.

A right is a row: (entity, action) → a grant per role, and the conditions under which it holds. Grants:
`all` (any row of the workshop), `own` (only rows the person owns: a pain's author, a vote's voter),
`for` (own rows, and rows entered for someone else: a new row may name a participant as its owner,
and a row entered that way stays the enterer's to correct), `none`. Conditions bind the roles listed in
CONDITIONS: `step_unlocked` (the entity's step is not locked by the facilitator), `voting_open`. The
system actor (demo data, imports, the command line) stands outside the table, but not outside the rules
across rows (budgets, trees, uniqueness).

| entity | create | update | delete | restore | when |
|---|---|---|---|---|---|
| department | all | all | facilitator | facilitator | step unlocked |
| customer, customer_department, value_factor, factor_pain, offering, canvas_score, errc_action, promise, internal_promise, promise_support, team_member, communication_rule, value_stream, value_stream_stage, stage_department, economics, motivation_plan, experiment, feedback, mistake | all | all | all | all | step unlocked |
| pain | own | own | own | own | step unlocked |
| vote | own (facilitator for others too) | own (facilitator for others too) | own | own | voting open, step unlocked |
| feedback_round, note, step_progress | facilitator | facilitator | facilitator | facilitator | |
| action | all | all | all | all | |
| action_status | — | — | — | — | |
| workshop (settings, archive) | — | facilitator | facilitator | — | |
| room (clock, current step, reveal) | — | facilitator | — | — | |
| participant (oneself: department, ready) | — | own (facilitator too) | — | — | |
| people (rejoin codes, roles, resets and removal of participants and scribes) | facilitator | facilitator | facilitator | facilitator | |
| staff (the same for facilitators and co-facilitators, invitations, hand over, the passcode) | facilitator | facilitator | facilitator | facilitator | |
| roster (adding people to the list: pre-registered, or without a device) | facilitator | — | — | — | |

In a cell, "all" and "own" are the participants' grant, and the facilitator has `all` (moderation) unless
the cell says otherwise: "facilitator too" gives the facilitator `own`, "facilitator for others too" gives
`for` (dots are one's own, or placed for someone in the room). "facilitator": the facilitator `all`,
participants `none`. "—": nobody. A unit test reads this table and compares it with TABLE.
Departments are shared, but deleting one takes its team's work with it (internal promises, economics,
members…), so only the facilitator deletes or restores them. An action is everyone's to add; who changes
its status (its owners and the facilitator), edits it (its author, owners and the facilitator) and deletes
or restores it (its author and the facilitator) depends on its owner department too, so db/rules/actions.py
decides that within the grant. Its status history is written by the services with each change of status.

Roles are columns. A further role acts like the role it extends (EXTENDS) and has grants of its own only
where this second table says (an empty cell: as the role it extends); the unit test reads it too:

| role | extends | entity | create | update | delete | restore |
|---|---|---|---|---|---|---|
| cofacilitator | facilitator | staff | none | none | none | none |
| cofacilitator | facilitator | workshop | | | none | |
| scribe | participant | pain | for | for | for | for |
| scribe | participant | vote | for | for | for | for |
| scribe | participant | roster | all | | | |

A co-facilitator runs the room with every right of the facilitator, except over the facilitators
themselves (invitations of co-facilitators, their codes, roles and removal, handing over, the passcode)
and deleting the workshop. A scribe is a participant who may also enter pains and dots for the people in
the room (`for`) and add people to the list; a scribe does not run the room. Acting on a person takes
the "staff" row when a facilitator or co-facilitator is involved, else the "people" row (`people_entity`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ALL, FOR, OWN, NONE = "all", "for", "own", "none"
CREATE, UPDATE, DELETE, RESTORE = "create", "update", "delete", "restore"
ACTIONS = (CREATE, UPDATE, DELETE, RESTORE)
FACILITATOR, PARTICIPANT = "facilitator", "participant"
COFACILITATOR, SCRIBE = "cofacilitator", "scribe"
ROLES = (FACILITATOR, PARTICIPANT)  # the table's columns
# A role that a row does not name acts like the role it extends.
EXTENDS: dict[str, str] = {COFACILITATOR: FACILITATOR, SCRIBE: PARTICIPANT}
EVERY_ROLE = (FACILITATOR, COFACILITATOR, SCRIBE, PARTICIPANT)  # highest first
# The people one may enter pains and dots for: participants (not those who run the room, not scribes).
ENTERED_FOR = (PARTICIPANT,)

STEP_UNLOCKED, VOTING_OPEN = "step_unlocked", "voting_open"

# Which roles a condition binds (the facilitator may write in a step they locked).
CONDITIONS: dict[str, tuple[str, ...]] = {STEP_UNLOCKED: (PARTICIPANT,), VOTING_OPEN: (FACILITATOR, PARTICIPANT)}

# The field that names a row's owner, for entities with `own` grants; ENTERED_BY names who entered it.
OWNERS = {"pain": "author_id", "vote": "participant_id", "participant": "id"}
ENTERED_BY = "entered_by_id"

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


def _own(when: tuple[str, ...] = (STEP_UNLOCKED,), facilitator: str = ALL, **more: str) -> Right:
    return Right({FACILITATOR: facilitator, PARTICIPANT: OWN, **more}, when)


def _facilitator(when: tuple[str, ...] = (), **more: str) -> Right:
    return Right({FACILITATOR: ALL, PARTICIPANT: NONE, **more}, when)


_VOTE = (VOTING_OPEN, STEP_UNLOCKED)
_SCRIBE_FOR = {SCRIBE: FOR}
_NOT_CO = {COFACILITATOR: NONE}

TABLE: dict[tuple[str, str], Right] = {
    **{(name, action): _everyone() for name in SHARED for action in ACTIONS},
    ("department", CREATE): _everyone(),
    ("department", UPDATE): _everyone(),
    ("department", DELETE): _facilitator(),
    ("department", RESTORE): _facilitator(),
    **{("pain", action): _own(**_SCRIBE_FOR) for action in ACTIONS},
    ("vote", CREATE): _own(_VOTE, facilitator=FOR, **_SCRIBE_FOR),
    ("vote", UPDATE): _own(_VOTE, facilitator=FOR, **_SCRIBE_FOR),
    ("vote", DELETE): _own(_VOTE, **_SCRIBE_FOR),
    ("vote", RESTORE): _own(_VOTE, **_SCRIBE_FOR),
    **{(name, action): _facilitator() for name in RUN_BY_FACILITATOR for action in ACTIONS},
    ("workshop", UPDATE): _facilitator(),
    ("workshop", DELETE): _facilitator(**_NOT_CO),
    ("room", UPDATE): _facilitator(),
    **{("action", action): _everyone(when=()) for action in ACTIONS},
    **{("action_status", action): Right({FACILITATOR: NONE, PARTICIPANT: NONE}) for action in ACTIONS},
    ("participant", UPDATE): Right({FACILITATOR: OWN, PARTICIPANT: OWN}),
    **{("people", action): _facilitator() for action in ACTIONS},
    **{("staff", action): _facilitator(**_NOT_CO) for action in ACTIONS},
    ("roster", CREATE): _facilitator(**{SCRIBE: ALL}),
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


def runs_room(role: str | None) -> bool:
    """Whether the role runs the room: the facilitator and the roles that extend it (co-facilitators)."""
    return role is not None and FACILITATOR in _lineage(role)


def people_entity(*roles: str | None) -> str:
    """The row that acting on people takes: "staff" when a role involved runs the room, else "people"."""
    return "staff" if any(runs_room(r) for r in roles) else "people"


def enters_for_others(role: str | None) -> bool:
    """Whether the role may enter pains and dots for someone else (the facilitator, a scribe)."""
    return role is not None and all(grant(e, CREATE, role) in (ALL, FOR) for e in ("pain", "vote"))


def owns(entity: str, row: dict[str, Any], participant_id: int | None) -> bool:
    owner = OWNERS.get(entity)
    return owner is not None and participant_id is not None and row.get(owner) == participant_id


def entered(row: dict[str, Any], participant_id: int | None) -> bool:
    """Whether the person entered this row for someone else."""
    return participant_id is not None and row.get(ENTERED_BY) == participant_id


def allowed(entity: str, action: str, role: str, row: dict[str, Any] | None, participant_id: int | None) -> bool:
    """Whether the grant lets `role` act on `row` (None: a row not written yet, checked once it is)."""
    given = grant(entity, action, role)
    if given == ALL:
        return True
    if given in (OWN, FOR) and row is None:
        return True
    if given == OWN:
        return owns(entity, row, participant_id)
    if given == FOR:
        return owns(entity, row, participant_id) or entered(row, participant_id)
    return False


# What a refused owner-only action says, per entity.
NOT_YOURS = {"vote": "step2.err.not_your_vote", "pain": "policy.err.not_your_pain"}


def refusal(entity: str, action: str, role: str) -> str:
    """The message key for a refusal: "only the facilitator" when the facilitator could, else "not yours"."""
    given = grant(entity, action, role)
    if given == NONE and runs_room(role):
        return "policy.err.lead_only"
    if given == NONE and grant(entity, action, FACILITATOR) == ALL:
        return "errors.facilitator_only"
    if given == FOR:
        return "policy.err.not_entered_by_you"
    return NOT_YOURS.get(entity, "policy.err.not_yours")
