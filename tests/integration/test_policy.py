"""Every row of the table of rights (cvm_core.policy), allowed and refused, through the services on SQLite
and PostgreSQL: each role tries each action on a row it owns and on someone else's, and the step lock and
closed voting refuse whom the table says they refuse."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import pytest

from cvm_core import policy
from cvm_core.errors import DomainError, NotFound, PermissionDenied
from cvm_core.schema import ENTITIES
from db import live, read
from db import people as pp
from db import services as sv
from db import workshops as ws
from db.services import Actor

_n = itertools.count(1)


class Room:
    """A workshop with voting open, a facilitator, two participants and the rows others build on."""

    def __init__(self, engine, info: dict, fay: Actor) -> None:
        self.engine, self.info, self.fay = engine, info, fay
        self.system = Actor.system(info["id"])
        self.pat = ws.join(engine, code=info["join_code"], display_name="Pat", throttle_keys=["policy-pat"])
        self.kim = ws.join(engine, code=info["join_code"], display_name="Kim", throttle_keys=["policy-kim"])
        ws.update_settings(engine, actor=fay, version=None, changes={"voting_open": True, "dots_per_person": 50})
        self.d1, self.d2 = self.add("department", name="Sales")["id"], self.add("department", name="IT")["id"]
        self.customer = self.add("customer", name="Shops")["id"]

    def add(self, entity_name: str, /, **data: Any) -> dict[str, Any]:
        """A row written by the system actor (outside the table), so any owner can be given."""
        return sv.create(self.engine, actor=self.system, entity_name=entity_name, data=data)

    def new(self, name: str, owner: Actor) -> dict[str, Any]:
        """Valid data for a new row of `name`, owned by `owner` where the entity has owners."""
        n = next(_n)
        add, c, d1, d2 = self.add, self.customer, self.d1, self.d2
        pain = lambda: add("pain", customer_id=c, text=f"Pain {n}")["id"]  # noqa: E731
        factor = lambda: add("value_factor", customer_id=c, name=f"Factor {n}")["id"]  # noqa: E731
        internal = lambda: add(  # noqa: E731
            "internal_promise", supplier_department_id=d1, client_department_id=d2, text=f"IP {next(_n)}"
        )["id"]
        makers: dict[str, Callable[[], dict[str, Any]]] = {
            "department": lambda: {"name": f"Dept {n}"},
            "customer": lambda: {"name": f"Customer {n}"},
            "customer_department": lambda: {"customer_id": add("customer", name=f"C{n}")["id"], "department_id": d1},
            "pain": lambda: {"customer_id": c, "text": f"Pain {n}", "author_id": owner.participant_id},
            "vote": lambda: {"pain_id": pain(), "participant_id": owner.participant_id, "dots": 1},
            "value_factor": lambda: {"customer_id": c, "name": f"Factor {n}"},
            "factor_pain": lambda: {"factor_id": factor(), "pain_id": pain()},
            "offering": lambda: {"name": f"Offering {n}"},
            "canvas_score": lambda: {
                "offering_id": add("offering", name=f"O{n}")["id"],
                "factor_id": factor(),
                "score": 3,
            },
            "errc_action": lambda: {"factor_id": factor(), "action": "raise"},
            "promise": lambda: {"customer_id": c, "text": f"Promise {n}"},
            "internal_promise": lambda: {"supplier_department_id": d1, "client_department_id": d2, "text": f"IP {n}"},
            "promise_support": lambda: {"internal_promise_id": internal(), "parent_internal_id": internal()},
            "team_member": lambda: {"department_id": d1, "name": f"Member {n}"},
            "communication_rule": lambda: {"what": f"Rule {n}"},
            "value_stream": lambda: {"customer_id": c, "name": f"Stream {n}"},
            "value_stream_stage": lambda: {
                "stream_id": add("value_stream", customer_id=c, name=f"VS{n}")["id"],
                "name": f"Stage {n}",
            },
            "stage_department": lambda: {
                "stage_id": add(
                    "value_stream_stage",
                    stream_id=add("value_stream", customer_id=c, name=f"VS{n}")["id"],
                    name="S",
                )["id"],
                "department_id": d1,
            },
            "economics": lambda: {"department_id": d1, "period": f"Q{n}"},
            "motivation_plan": lambda: {"department_id": add("department", name=f"Team {n}")["id"], "variant": 1},
            "experiment": lambda: (
                {"department_id": d1, "title": f"Exp {n}"}
                | {"believe": "b", "verify": "v", "measure": "m", "right_if": "r"}
            ),
            "feedback_round": lambda: {"name": f"Round {n}"},
            "feedback": lambda: {
                "round_id": add("feedback_round", name=f"R{n}")["id"],
                "client_department_id": d1,
                "supplier_department_id": d2,
                "score": 5,
            },
            "mistake": lambda: {"what_happened": f"Mistake {n}"},
            "note": lambda: {"text": f"Note {n}"},
            "step_progress": lambda: {"step": self._free_step()},
        }
        return makers[name]()

    def _free_step(self) -> int:
        row = read.rows(self.engine, workshop_id=self.info["id"], entity_name="step_progress")[-1]
        sv.delete(self.engine, actor=self.system, entity_name="step_progress", row_id=row["id"])
        return row["step"]

    def row(self, name: str, owner: Actor, deleted: bool = False) -> dict[str, Any]:
        created = self.add(name, **self.new(name, owner))
        if deleted:
            sv.delete(self.engine, actor=self.system, entity_name=name, row_id=created["id"])
        return created


CHANGES: dict[str, dict[str, Any]] = {
    "department": {"description": "changed"},
    "customer": {"first_to_notice": "changed"},
    "pain": {"severity": 5},
    "vote": {"dots": 2},
    "value_factor": {"weight": 5},
    "offering": {"description": "changed"},
    "canvas_score": {"score": 4},
    "errc_action": {"note": "changed"},
    "promise": {"authority_needed": "changed"},
    "internal_promise": {"service_description": "changed"},
    "team_member": {"role": "changed"},
    "communication_rule": {"cadence": "weekly"},
    "value_stream": {"leader": "changed"},
    "value_stream_stage": {"position": 3},
    "economics": {"direct_costs": 5},
    "motivation_plan": {"variant": 2},
    "experiment": {"cost": 5},
    "feedback_round": {"is_open": False},
    "feedback": {"comment": "changed"},
    "mistake": {"why": "changed"},
    "note": {"kind": "decision"},
    "step_progress": {"timebox_minutes": 5},
}


def _change(room: Room, name: str) -> dict[str, Any]:
    if name in CHANGES:
        return CHANGES[name]
    other = {  # link rows: point one end elsewhere
        "customer_department": {"department_id": room.d2},
        "factor_pain": {"pain_id": room.add("pain", customer_id=room.customer, text=f"Other {next(_n)}")["id"]},
        "promise_support": {"parent_internal_id": room.add("internal_promise", **_ip(room))["id"]},
        "stage_department": {"department_id": room.d2},
    }
    return other[name]


def _ip(room: Room) -> dict[str, Any]:
    n = next(_n)
    return {
        "supplier_department_id": room.d1,
        "client_department_id": room.d2,
        "text": f"IP {n}",
    }


def act(room: Room, actor: Actor, name: str, action: str, target: Actor) -> None:
    """`actor` does `action` on a row of `name` owned by `target` (for create: data naming `target`)."""
    engine = room.engine
    if action == policy.CREATE:
        sv.create(engine, actor=actor, entity_name=name, data=room.new(name, target))
    elif action == policy.UPDATE:
        row = room.row(name, target)
        sv.update_row(
            engine, actor=actor, entity_name=name, row_id=row["id"], version=None, changes=_change(room, name)
        )
    elif action == policy.DELETE:
        row = room.row(name, target)
        sv.delete(engine, actor=actor, entity_name=name, row_id=row["id"])
    else:
        row = room.row(name, target, deleted=True)
        sv.restore(engine, actor=actor, entity_name=name, row_id=row["id"])


def _room(engine) -> Room:
    info, fay = ws.create_workshop(engine, data={"name": "Rights"}, passcode="passcode-1", facilitator_name="Fay")
    return Room(engine, info, fay)


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def shared_room(request: pytest.FixtureRequest) -> Room:
    """One room per database for the many cases that change nothing but their own rows."""
    return _room(request.getfixturevalue(f"{request.param}_engine"))


@pytest.fixture
def room(engine) -> Room:
    """A room of its own, for cases that lock steps, close voting or delete the workshop."""
    return _room(engine)


# Actions' finer rights (owners by person or department, the author) are their rules' (db/rules/actions.py),
# tested in tests/integration/test_actions.py; the table only opens them to everyone in the room.
REFINED_BY_RULES = ("action", "action_status")
ROWS = [(name, action) for name in ENTITIES if name not in REFINED_BY_RULES for action in policy.ACTIONS]


def expected(name: str, action: str, role: str, own: bool) -> bool:
    given = policy.grant(name, action, role)
    return given == policy.ALL or (given == policy.OWN and (own or name not in policy.OWNERS or action == "create"))


@pytest.mark.parametrize(("name", "action"), ROWS, ids=[f"{n}-{a}" for n, a in ROWS])
def test_each_role_on_its_own_and_on_someone_elses_row(shared_room: Room, name: str, action: str) -> None:
    room = shared_room
    for role, actor in (("facilitator", room.fay), ("participant", room.pat)):
        for own in (True, False):
            target = actor if own else room.kim
            if name == "vote" and action == policy.CREATE and not own:
                continue  # a new vote is always the voter's: the rule records it as theirs (tested below)
            if expected(name, action, role, own):
                act(room, actor, name, action, target)
            else:
                with pytest.raises((PermissionDenied, NotFound)):
                    act(room, actor, name, action, target)


LOCKABLE = [
    n
    for n in ENTITIES
    if ENTITIES[n].step and any(policy.STEP_UNLOCKED in policy.right(n, a).when for a in policy.ACTIONS)
]


@pytest.mark.parametrize("name", LOCKABLE)
def test_a_locked_step_stops_participants_only(room: Room, name: str) -> None:
    step = ENTITIES[name].step
    progress = read.rows(room.engine, workshop_id=room.info["id"], entity_name="step_progress", where={"step": step})[0]
    sv.update_row(
        room.engine,
        actor=room.fay,
        entity_name="step_progress",
        row_id=progress["id"],
        version=None,
        changes={"locked": True},
    )
    for action in policy.ACTIONS:
        if policy.grant(name, action, "participant") != policy.NONE:
            assert policy.STEP_UNLOCKED in policy.conditions(name, action, "participant")
            with pytest.raises(PermissionDenied) as caught:
                act(room, room.pat, name, action, room.pat)
            assert caught.value.key == "errors.step_locked"
        act(room, room.fay, name, action, room.fay)


def test_votes_only_while_voting_is_open(room: Room) -> None:
    ws.update_settings(room.engine, actor=room.fay, version=None, changes={"voting_open": False})
    for action in policy.ACTIONS:
        for actor in (room.fay, room.pat):
            with pytest.raises(DomainError) as caught:
                act(room, actor, "vote", action, actor)
            assert caught.value.key == "errors.voting_closed"
        act(room, room.system, "vote", action, room.pat)  # the system (import, demo) stands outside


def test_a_new_vote_is_always_the_voters_own(shared_room: Room) -> None:
    room = shared_room
    for actor in (room.fay, room.pat):
        vote = sv.create(room.engine, actor=actor, entity_name="vote", data=room.new("vote", room.kim))
        assert vote["participant_id"] == actor.participant_id


def test_the_table_covers_every_entity_and_action() -> None:
    for name in ENTITIES:
        for action in policy.ACTIONS:
            assert set(policy.right(name, action).grants) == set(policy.ROLES), (name, action)
    for name in policy.OWNERS:
        assert name in ENTITIES or name == "participant"


# The room-level rows: (entity, action) -> what each role may do through which service.
def _room_actions(room: Room) -> dict[tuple[str, str], Callable[[Actor], Any]]:
    e = room.engine
    return {
        ("workshop", policy.UPDATE): lambda a: ws.update_settings(e, actor=a, version=None, changes={"name": "N"}),
        ("workshop", policy.DELETE): lambda a: live.delete_workshop(e, actor=a),
        ("room", policy.UPDATE): lambda a: live.set_current_step(e, actor=a, step=2),
        ("people", policy.CREATE): lambda a: pp.issue_rejoin_code(e, actor=a, participant_id=room.kim.participant_id),
        ("people", policy.UPDATE): lambda a: live.hand_over(e, actor=a, participant_id=room.kim.participant_id),
        ("participant", policy.UPDATE): lambda a: ws.set_department(e, actor=a, department_id=room.d1),
    }


ROOM_ROWS = [
    ("workshop", policy.UPDATE),
    ("workshop", policy.DELETE),
    ("room", policy.UPDATE),
    ("people", policy.CREATE),
    ("people", policy.UPDATE),
    ("participant", policy.UPDATE),
]


@pytest.mark.parametrize(("name", "action"), ROOM_ROWS, ids=[f"{n}-{a}" for n, a in ROOM_ROWS])
def test_room_rights(room: Room, name: str, action: str) -> None:
    run = _room_actions(room)[(name, action)]
    if policy.grant(name, action, "participant") == policy.NONE:
        with pytest.raises(PermissionDenied) as caught:
            run(room.pat)
        assert caught.value.key == "errors.facilitator_only"
    else:
        run(room.pat)
    run(room.fay)
