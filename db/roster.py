"""People the facilitator puts in the room: a pasted list (pre-registered), someone without a device,
an invited co-facilitator or scribe; people picking their pre-registered name when they join; roles;
and resetting a person whose name someone else picked.

How a pre-registered person proves who they are: the first to pick an unclaimed name on the join form
becomes that person (a name is offered only while nobody has come in under it). Once claimed, the name
is only reachable by its browser's token or a personal rejoin code, never by picking or typing it. If
someone picked a name that is not theirs, the facilitator resets the person (their sessions end, the name
is unclaimed again) and gives the real person a personal rejoin code. Invited co-facilitators and scribes
come in only with their invitation code (a rejoin code that lives INVITE_CODE_HOURS), never by picking.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine, select, update

from cvm_core import policy
from cvm_core import settings as s
from cvm_core.errors import FieldError, ValidationError
from cvm_core.roster import Entry, parse
from cvm_core.validation import validate
from db import engine as dbe
from db import people as pp
from db import workshops
from db.models import Department, Participant, utcnow
from db.services import Actor, audit, context, create_in, require

P, D = Participant.__table__, Department.__table__
INVITED = (policy.COFACILITATOR, policy.SCRIBE)  # roles one is invited to
GIVEN = (policy.PARTICIPANT, policy.SCRIBE, policy.COFACILITATOR)  # roles set on the console (facilitator: hand over)


def _department(conn: Connection, ctx: Any, name: str) -> int | None:
    """The department of that name (case and spacing aside), created when the workshop has none."""
    if not name:
        return None
    found = workshops.department_named(conn, ctx.workshop_id, name)
    return found or create_in(conn, ctx, "department", {"name": name})["id"]


def add_people(engine: Engine, *, actor: Actor, text: str) -> list[int]:
    """Put the people of a pasted list in the workshop, not come in yet (those who may add to the list:
    the facilitator, a co-facilitator, a scribe). All or nothing: a name someone in the workshop has, or
    a bad line, refuses the whole list, naming the lines. Departments are matched by name or created."""
    entries = parse(text)

    def work(conn: Connection) -> list[int]:
        ctx = context(conn, actor)
        require(ctx, "roster", policy.CREATE)
        workshops.lock_workshop(conn, actor.workshop_id)
        _names_free(conn, actor.workshop_id, entries)
        ids = []
        for entry in entries:
            department = _department(conn, ctx, entry.department)
            pid = workshops.insert_person(
                conn, actor.workshop_id, entry.name, policy.PARTICIPANT, department, here=False
            )
            audit(conn, actor, "participant", pid, "register", None, {"display_name": entry.name})
            ids.append(pid)
        return ids

    return dbe.write(engine, work)


def _names_free(conn: Connection, workshop_id: int, entries: list[Entry]) -> None:
    taken = [e for e in entries if workshops.named(conn, workshop_id, e.name) is not None]
    if taken:
        errors = [FieldError("", "roster.err.taken", {"line": e.line, "name": e.name}) for e in taken]
        raise ValidationError(errors[: s.IMPORT_MAX_PROBLEMS], "participant")


def waiting(engine: Engine, *, code: str, throttle_keys: list[str]) -> tuple[int, list[dict[str, Any]]]:
    """The open workshop with this join code and its pre-registered participants who have not come in
    yet, by name (for the join form). A wrong code counts towards the throttle like a join."""
    found = workshops._open_by_code(engine, code, throttle_keys)
    query = (
        select(P.c.id, P.c.display_name, D.c.name.label("department"))
        .outerjoin(D, D.c.id == P.c.department_id)
        .where(
            P.c.workshop_id == found.id,
            P.c.deleted_at.is_(None),
            P.c.claimed_at.is_(None),
            P.c.role == policy.PARTICIPANT,
        )
        .order_by(P.c.display_name)
    )
    with dbe.reading(engine) as conn:
        return found.id, [dict(r) for r in conn.execute(query).mappings()]


def claim(engine: Engine, *, code: str, participant_id: int, throttle_keys: list[str]) -> Actor:
    """Come in as a pre-registered participant nobody has come in as yet (first claim wins). A name
    already claimed never yields its person: the refusal says how to come back."""
    found = workshops._open_by_code(engine, code, throttle_keys)

    def work(conn: Connection) -> Actor:
        now = utcnow()
        done = conn.execute(
            update(P)
            .where(
                P.c.id == participant_id,
                P.c.workshop_id == found.id,
                P.c.deleted_at.is_(None),
                P.c.claimed_at.is_(None),
                P.c.role == policy.PARTICIPANT,
            )
            .values(claimed_at=now, last_seen=now)
        )
        if done.rowcount != 1:
            raise ValidationError([FieldError("", "roster.err.claimed")], "participant")
        name = conn.execute(select(P.c.display_name).where(P.c.id == participant_id)).scalar_one()
        actor = Actor(found.id, participant_id, name)
        audit(conn, actor, "participant", participant_id, "claim", None, {"display_name": name})
        return actor

    return dbe.write(engine, work)


def reset(engine: Engine, *, actor: Actor, participant_id: int) -> None:
    """Someone came in under a name that is not theirs: every session and code of the person ends and
    the name is unclaimed again (their entries stay theirs). Not oneself."""

    def work(conn: Connection) -> None:
        found = pp.require_over(context(conn, actor), policy.UPDATE, participant_id)
        if found.id == actor.participant_id:
            raise ValidationError([FieldError("participant_id", "people.err.not_on_yourself")], "participant")
        now = utcnow()
        conn.execute(update(P).where(P.c.id == found.id).values(claimed_at=None, version=P.c.version + 1))
        pp.end_sessions(conn, found.id, now)
        audit(conn, actor, "participant", found.id, "reset", None, {"display_name": found.display_name})

    dbe.write(engine, work)


def _role(value: Any, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise ValidationError([FieldError("role", "errors.bad_choice", {"value": str(value)[:40]})], "participant")
    return value


def set_role(engine: Engine, *, actor: Actor, participant_id: int, role: str) -> None:
    """Make a person a participant, a scribe or a co-facilitator (revoking a co-facilitator makes them a
    participant; to make someone the facilitator, hand over). Roles of those who run the room are the
    facilitator's (the policy's "staff" row); of the others, anyone's who manages people. Not oneself."""
    wanted = _role(role, GIVEN)

    def work(conn: Connection) -> None:
        found = pp.require_over(context(conn, actor), policy.UPDATE, participant_id, wanted)
        if found.id == actor.participant_id:
            raise ValidationError([FieldError("participant_id", "people.err.not_on_yourself")], "participant")
        if found.role == policy.FACILITATOR:
            raise ValidationError([FieldError("participant_id", "people.err.hand_over_instead")], "participant")
        if found.role == wanted:
            return
        conn.execute(update(P).where(P.c.id == found.id).values(role=wanted, version=P.c.version + 1))
        audit(conn, actor, "participant", found.id, "role", {"role": found.role}, {"role": wanted})

    dbe.write(engine, work)


def invite(engine: Engine, *, actor: Actor, name: str, role: str) -> str:
    """Invite a named co-facilitator or scribe: a new person with that role, who comes in (in any browser,
    once, within INVITE_CODE_HOURS) with the code or link returned. Revoke: change their role or remove them."""
    wanted = _role(role, INVITED)
    person = validate(workshops.PERSON, {"display_name": name})
    code = pp.new_code()

    def work(conn: Connection) -> None:
        ctx = context(conn, actor)
        require(ctx, policy.people_entity(wanted), policy.CREATE)
        workshops.lock_workshop(conn, actor.workshop_id)
        if workshops.named(conn, actor.workshop_id, person["display_name"]) is not None:
            raise workshops.name_taken(person["display_name"])
        pid = workshops.insert_person(conn, actor.workshop_id, person["display_name"], wanted, None, here=False)
        audit(conn, actor, "participant", pid, "invite", None, {"role": wanted})
        pp.store_code(conn, actor, pid, code, s.INVITE_CODE_HOURS * 60)

    dbe.write(engine, work)
    return pp.show_code(code)
