"""Every row of the table of rights (cvm_core.policy), allowed and refused, through the services on SQLite
and PostgreSQL, for every role (facilitator, co-facilitator, participant, scribe): each role tries each
action on a row it owns, on someone else's, and on a row it entered for someone else; the step lock and
closed voting refuse whom the table says they refuse; and the rows about the room and its people."""

from __future__ import annotations

import itertools
import secrets
from collections.abc import Callable
from typing import Any

import pytest

from cvm_core import policy
from cvm_core.errors import DomainError, NotFound, PermissionDenied
from cvm_core.schema import ENTITIES
from db import live, read, roster, services, workshops
from db import pains as votes
from db import people as pp
from db.services import Actor
from tests.helpers import create, settings, update

_n = itertools.count(1)
OWN, OTHER, ENTERED = "own", "other", "entered"  # whose row: the actor's, someone else's, entered for someone


class Room:
    """A workshop with voting open, a facilitator, an invited co-facilitator, a participant made scribe,
    two participants and the rows others build on."""

    def __init__(self, engine, info: dict, fay: Actor) -> None:
        self.engine, self.info, self.fay = engine, info, fay
        self.system = Actor.system(info["id"])
        self.pat = self.join("Pat")
        self.kim = self.join("Kim")
        code = roster.invite(engine, actor=fay, name="Cody", role="cofacilitator")
        self.cody = pp.redeem_rejoin_code(engine, code=code, throttle_keys=[secrets.token_hex(4)])
        self.sam = self.join("Sam")
        roster.set_role(engine, actor=fay, participant_id=self.sam.participant_id, role="scribe")
        settings(engine, fay, voting_open=True, dots_per_person=50)
        self.d1, self.d2 = self.add("department", name="Sales")["id"], self.add("department", name="IT")["id"]
        self.customer = self.add("customer", name="Shops")["id"]

    @property
    def roles(self) -> dict[str, Actor]:
        return {"facilitator": self.fay, "cofacilitator": self.cody, "participant": self.pat, "scribe": self.sam}

    def join(self, name: str) -> Actor:
        code = self.info["join_code"]
        return workshops.join(self.engine, code=code, display_name=name, throttle_keys=[secrets.token_hex(4)])

    def newcomer(self) -> Actor:
        """A participant of their own (someone else's rows, and a dot budget nobody else spends)."""
        return self.join(f"Someone {next(_n)}")

    def add(self, entity_name: str, /, **data: Any) -> dict[str, Any]:
        """A row written by the system actor (outside the table), so any owner can be given."""
        return create(self.engine, self.system, entity_name, **data)

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
        live_rows = read.rows(self.engine, workshop_id=self.info["id"], entity_name="step_progress")
        if not live_rows:
            return 1  # every step's row was deleted: any step is free
        row = live_rows[-1]
        services.delete(self.engine, actor=self.system, entity_name="step_progress", row_id=row["id"])
        return row["step"]

    def row(self, name: str, owner: Actor, deleted: bool = False, entered_by: Actor | None = None) -> dict[str, Any]:
        data = self.new(name, owner)
        if name in policy.OWNERS and entered_by is not None:
            data[policy.ENTERED_BY] = entered_by.participant_id
        created = self.add(name, **data)
        if deleted:
            services.delete(self.engine, actor=self.system, entity_name=name, row_id=created["id"])
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


def act(room: Room, actor: Actor, name: str, action: str, owner: Actor, entered: bool = False) -> None:
    """`actor` does `action` on a row of `name` owned by `owner` (for create: data naming `owner`);
    `entered`: a row the actor entered for its owner."""
    engine = room.engine
    by = actor if entered else None
    if action == policy.CREATE:
        create(engine, actor, name, **room.new(name, owner))
    elif action == policy.UPDATE:
        row = room.row(name, owner, entered_by=by)
        update(engine, actor, name, row["id"], **_change(room, name))
    elif action == policy.DELETE:
        row = room.row(name, owner, entered_by=by)
        services.delete(engine, actor=actor, entity_name=name, row_id=row["id"])
    else:
        row = room.row(name, owner, deleted=True, entered_by=by)
        services.restore(engine, actor=actor, entity_name=name, row_id=row["id"])


def _room(engine) -> Room:
    info, fay = workshops.create_workshop(
        engine, data={"name": "Rights"}, passcode="passcode-1", facilitator_name="Fay"
    )
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


def expected(name: str, action: str, role: str, whose: str) -> bool:
    """What the table says of `role` doing `action` on a row of `name` that is `whose`."""
    given = policy.grant(name, action, role)
    owned = name in policy.OWNERS
    if given == policy.OWN:
        return whose == OWN or not owned
    if given == policy.FOR:
        return whose in (OWN, ENTERED) or not owned or action == policy.CREATE
    return given == policy.ALL


@pytest.mark.parametrize(("name", "action"), ROWS, ids=[f"{n}-{a}" for n, a in ROWS])
def test_each_role_on_its_own_someone_elses_and_an_entered_row(shared_room: Room, name: str, action: str) -> None:
    room = shared_room
    other = room.newcomer()
    for role, actor in room.roles.items():
        for whose in (OWN, OTHER, ENTERED):
            if whose == ENTERED and (name not in policy.OWNERS or action == policy.CREATE):
                continue  # a row with no owner, or a new row (OTHER already names someone else)
            owner = actor if whose == OWN else other
            if expected(name, action, role, whose):
                act(room, actor, name, action, owner, entered=whose == ENTERED)
            else:
                with pytest.raises((PermissionDenied, NotFound)):
                    act(room, actor, name, action, owner, entered=whose == ENTERED)


LOCKABLE = [
    n
    for n in ENTITIES
    if ENTITIES[n].step and any(policy.STEP_UNLOCKED in policy.right(n, a).when for a in policy.ACTIONS)
]


@pytest.mark.parametrize("name", LOCKABLE)
def test_a_locked_step_stops_participants_only(room: Room, name: str) -> None:
    step = ENTITIES[name].step
    progress = read.rows(room.engine, workshop_id=room.info["id"], entity_name="step_progress", where={"step": step})[0]
    update(room.engine, room.fay, "step_progress", progress["id"], locked=True)
    for action in policy.ACTIONS:
        for bound in (room.pat, room.sam):
            if policy.grant(name, action, workshops.participant(room.engine, actor=bound)["role"]) != policy.NONE:
                with pytest.raises(PermissionDenied) as caught:
                    act(room, bound, name, action, bound)
                assert caught.value.key == "errors.step_locked"
        act(room, room.fay, name, action, room.fay)
        act(room, room.cody, name, action, room.cody)


def test_votes_only_while_voting_is_open(room: Room) -> None:
    settings(room.engine, room.fay, voting_open=False)
    for action in policy.ACTIONS:
        for actor in room.roles.values():
            with pytest.raises(DomainError) as caught:
                act(room, actor, "vote", action, actor)
            assert caught.value.key == "errors.voting_closed"
        act(room, room.system, "vote", action, room.pat)  # the system (import, demo) stands outside


def test_a_participant_cannot_name_someone_else_as_author_or_voter(shared_room: Room) -> None:
    room = shared_room
    for name in ("pain", "vote"):
        with pytest.raises(PermissionDenied):
            create(room.engine, room.pat, name, **room.new(name, room.kim))


@pytest.mark.parametrize("role", ["facilitator", "cofacilitator", "scribe"])
def test_entering_for_someone_records_who_entered_it(shared_room: Room, role: str) -> None:
    room = shared_room
    actor, bob = room.roles[role], room.newcomer()
    pain = create(room.engine, actor, "pain", **room.new("pain", bob))
    vote = create(room.engine, actor, "vote", **room.new("vote", bob))
    for row, owner in ((pain, "author_id"), (vote, "participant_id")):
        assert row[owner] == bob.participant_id
        assert row["entered_by_id"] == actor.participant_id
    mine = create(room.engine, actor, "pain", **room.new("pain", actor))
    assert mine["author_id"] == actor.participant_id and mine["entered_by_id"] is None


def test_nobody_enters_for_those_who_run_the_room_or_for_a_scribe(shared_room: Room) -> None:
    room = shared_room
    for actor, target in ((room.cody, room.fay), (room.fay, room.cody), (room.fay, room.sam), (room.sam, room.fay)):
        for name in ("pain", "vote"):
            with pytest.raises(DomainError) as caught:
                create(room.engine, actor, name, **room.new(name, target))
            assert caught.value.errors[0].key == "policy.err.not_for_them"


def test_the_table_covers_every_entity_and_action() -> None:
    for name in ENTITIES:
        for action in policy.ACTIONS:
            assert set(policy.ROLES) <= set(policy.right(name, action).grants), (name, action)
            assert set(policy.right(name, action).grants) <= set(policy.EVERY_ROLE), (name, action)
    for name in policy.OWNERS:
        assert name in ENTITIES or name == "participant"


# The rows about the room and its people: (entity, action) -> a service call that needs that right. A
# call gets the room and the actor; it makes whatever it acts on (a person to remove, a removed person).
def _cofacilitator(room: Room) -> int:
    code = roster.invite(room.engine, actor=room.fay, name=f"Co {next(_n)}", role="cofacilitator")
    return pp.redeem_rejoin_code(room.engine, code=code, throttle_keys=[secrets.token_hex(4)]).participant_id


def _removed(room: Room, pid: int) -> int:
    pp.remove(room.engine, actor=room.fay, participant_id=pid)
    return pid


ROOM_CALLS: dict[tuple[str, str], list[Callable[[Room, Actor], Any]]] = {
    ("workshop", policy.UPDATE): [
        lambda r, a: settings(r.engine, a, name=f"N {next(_n)}"),
        lambda r, a: workshops.set_archived(r.engine, actor=a, archived=False),
    ],
    ("workshop", policy.DELETE): [lambda r, a: live.delete_workshop(r.engine, actor=a)],
    ("room", policy.UPDATE): [
        lambda r, a: live.set_current_step(r.engine, actor=a, step=next(_n) % 9 + 1),
        lambda r, a: live.start_timer(r.engine, actor=a, minutes=5),
        lambda r, a: votes.reveal(r.engine, actor=a),
    ],
    ("people", policy.CREATE): [
        lambda r, a: pp.issue_rejoin_code(r.engine, actor=a, participant_id=r.newcomer().participant_id)
    ],
    ("people", policy.UPDATE): [
        lambda r, a: roster.set_role(r.engine, actor=a, participant_id=r.newcomer().participant_id, role="scribe"),
        lambda r, a: roster.reset(r.engine, actor=a, participant_id=r.newcomer().participant_id),
    ],
    ("people", policy.DELETE): [lambda r, a: pp.remove(r.engine, actor=a, participant_id=r.newcomer().participant_id)],
    ("people", policy.RESTORE): [
        lambda r, a: pp.bring_back(r.engine, actor=a, participant_id=_removed(r, r.newcomer().participant_id))
    ],
    ("staff", policy.CREATE): [
        lambda r, a: roster.invite(r.engine, actor=a, name=f"Co {next(_n)}", role="cofacilitator"),
        lambda r, a: pp.issue_rejoin_code(r.engine, actor=a, participant_id=_cofacilitator(r)),
    ],
    ("staff", policy.UPDATE): [
        lambda r, a: roster.set_role(r.engine, actor=a, participant_id=_cofacilitator(r), role="participant"),
        lambda r, a: roster.set_role(
            r.engine, actor=a, participant_id=r.newcomer().participant_id, role="cofacilitator"
        ),
        lambda r, a: roster.reset(r.engine, actor=a, participant_id=_cofacilitator(r)),
        lambda r, a: pp.change_passcode(
            r.engine, actor=a, current="passcode-1", new="passcode-1", keep_token=None, throttle_keys=["pc"]
        ),
        lambda r, a: live.hand_over(r.engine, actor=a, participant_id=r.newcomer().participant_id),
    ],
    ("staff", policy.DELETE): [lambda r, a: pp.remove(r.engine, actor=a, participant_id=_cofacilitator(r))],
    ("staff", policy.RESTORE): [
        lambda r, a: pp.bring_back(r.engine, actor=a, participant_id=_removed(r, _cofacilitator(r)))
    ],
    ("roster", policy.CREATE): [lambda r, a: roster.add_people(r.engine, actor=a, text=f"Person {next(_n)}, Sales")],
    ("participant", policy.UPDATE): [lambda r, a: workshops.set_department(r.engine, actor=a, department_id=r.d1)],
}
ROOM_ROWS = [(n, a, i) for (n, a), calls in ROOM_CALLS.items() for i in range(len(calls))]


def test_every_room_row_of_the_table_has_a_call() -> None:
    listed = {(n, a) for (n, a) in policy.TABLE if n not in ENTITIES}
    assert listed == set(ROOM_CALLS)


@pytest.mark.parametrize(("name", "action", "i"), ROOM_ROWS, ids=[f"{n}-{a}-{i}" for n, a, i in ROOM_ROWS])
@pytest.mark.parametrize("role", policy.EVERY_ROLE)
def test_room_rights(engine, name: str, action: str, i: int, role: str) -> None:
    room = _room(engine)
    run, actor = ROOM_CALLS[(name, action)][i], room.roles[role]
    if policy.grant(name, action, role) == policy.NONE:
        with pytest.raises(PermissionDenied) as caught:
            run(room, actor)
        assert caught.value.key == policy.refusal(name, action, role)
    else:
        run(room, actor)
