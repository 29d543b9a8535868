"""The people of a workshop as the facilitator manages them: personal rejoin codes, removing a person
(and bringing them back), changing the passcode. Every right is checked here, in the write transaction:
acting on a participant or scribe takes the policy's "people" row, on a facilitator or co-facilitator its
"staff" row (`policy.people_entity`)."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from sqlalchemy import Connection, Engine, select, update

from cvm_core import policy
from cvm_core import settings as s
from cvm_core.errors import FieldError, NotFound, ValidationError
from db import engine as dbe
from db import sessions, throttle, workshops
from db.models import Participant, RejoinCode, Workshop, utcnow
from db.services import Actor, audit, context, require

P, R, W = Participant.__table__, RejoinCode.__table__, Workshop.__table__


def _hash(code: str) -> str:
    return hashlib.sha256(workshops.normalise_code(code).encode()).hexdigest()


def show_code(code: str) -> str:
    """A rejoin code as people read it out: two groups of five."""
    half = len(code) // 2
    return f"{code[:half]}-{code[half:]}"


def person(conn: Connection, workshop_id: int, participant_id: Any, *, removed: bool = False) -> Any:
    """A live person of the workshop (`removed`: a removed one), or a ValidationError."""
    found = conn.execute(
        select(P.c.id, P.c.display_name, P.c.role, P.c.claimed_at, P.c.deleted_at).where(
            P.c.id == participant_id,
            P.c.workshop_id == workshop_id,
            P.c.deleted_at.is_not(None) if removed else P.c.deleted_at.is_(None),
        )
    ).first()
    if found is None:
        raise ValidationError([FieldError("participant_id", "errors.bad_reference")], "participant")
    return found


def require_over(ctx: Any, action: str, participant_id: Any, *roles: str, removed: bool = False) -> Any:
    """The person `participant_id` once the actor may do `action` on them: the "people" row of the
    policy, and its "staff" row when the person (or a role in `roles`) runs the room."""
    require(ctx, "people", action)
    found = person(ctx.conn, ctx.workshop_id, participant_id, removed=removed)
    if policy.people_entity(found.role, *roles) == "staff":
        require(ctx, "staff", action)
    return found


def new_code() -> str:
    return "".join(secrets.choice(s.JOIN_CODE_ALPHABET) for _ in range(s.REJOIN_CODE_LENGTH))


def store_code(conn: Connection, actor: Actor, participant_id: int, code: str, minutes: int) -> None:
    """Inside a write: `code` becomes the person's one rejoin code (earlier unused ones stop working)."""
    now = utcnow()
    conn.execute(update(R).where(R.c.participant_id == participant_id, R.c.used_at.is_(None)).values(expires_at=now))
    expires = now + timedelta(minutes=minutes)
    conn.execute(
        R.insert(),
        {"code_hash": _hash(code), "workshop_id": actor.workshop_id, "participant_id": participant_id}
        | {"created_by": actor.participant_id, "created_at": now, "expires_at": expires},
    )
    audit(conn, actor, "participant", participant_id, "rejoin_code", None, {"expires_at": expires})


def issue_rejoin_code(engine: Engine, *, actor: Actor, participant_id: int) -> str:
    """A one-time code for that person to come back in another browser (facilitator only), valid for
    REJOIN_CODE_MINUTES. Earlier unused codes of the person stop working. Only its hash is stored."""
    code = new_code()

    def work(conn: Connection) -> None:
        found = require_over(context(conn, actor), policy.CREATE, participant_id)
        store_code(conn, actor, found.id, code, s.REJOIN_CODE_MINUTES)

    dbe.write(engine, work)
    return show_code(code)


def redeem_rejoin_code(engine: Engine, *, code: str, throttle_keys: list[str]) -> Actor:
    """The person a rejoin code stands for; the code is spent. A wrong, used or expired code counts
    towards the throttle like a wrong join code."""
    if not isinstance(code, str) or len(code) > 40:
        code = ""
    hashed = _hash(code)

    def work(conn: Connection) -> Actor | None:
        now = utcnow()
        found = conn.execute(
            select(R.c.id, R.c.workshop_id, R.c.participant_id, P.c.display_name)
            .join(P, P.c.id == R.c.participant_id)
            .join(W, W.c.id == R.c.workshop_id)
            .where(
                R.c.code_hash == hashed,
                R.c.used_at.is_(None),
                R.c.expires_at > now,
                P.c.deleted_at.is_(None),
                W.c.deleted_at.is_(None),
            )
        ).first()
        if found is None:
            return None
        spent = conn.execute(update(R).where(R.c.id == found.id, R.c.used_at.is_(None)).values(used_at=now))
        if spent.rowcount != 1:
            return None
        here = P.c.id == found.participant_id, P.c.claimed_at.is_(None)
        conn.execute(update(P).where(*here).values(claimed_at=now))  # an invited or pre-registered person is in
        actor = Actor(found.workshop_id, found.participant_id, found.display_name)
        audit(conn, actor, "participant", actor.participant_id, "rejoin", None, None)
        return actor

    actor = throttle.checked(engine, throttle_keys, None, work)
    if actor is None:
        raise NotFound("people.err.bad_rejoin_code")
    return actor


def remove(engine: Engine, *, actor: Actor, participant_id: int) -> None:
    """Take a person out of the workshop (facilitator only; not oneself). The row is soft-deleted, so
    their entries stay, attributed to them; their sessions and rejoin codes end at once, and their
    name is free again."""

    def work(conn: Connection) -> None:
        found = require_over(context(conn, actor), policy.DELETE, participant_id)
        if found.id == actor.participant_id:
            raise ValidationError([FieldError("participant_id", "people.err.not_yourself")], "participant")
        now = utcnow()
        conn.execute(update(P).where(P.c.id == found.id).values(deleted_at=now, version=P.c.version + 1))
        end_sessions(conn, found.id, now)
        audit(conn, actor, "participant", found.id, "remove", {"display_name": found.display_name}, None)

    dbe.write(engine, work)


def end_sessions(conn: Connection, participant_id: int, now: Any) -> None:
    """Inside a write: every session and unused rejoin code of the person ends."""
    sessions.end_all(conn, [participant_id])
    conn.execute(update(R).where(R.c.participant_id == participant_id, R.c.used_at.is_(None)).values(expires_at=now))


def bring_back(engine: Engine, *, actor: Actor, participant_id: int) -> None:
    """Undo a removal: the person is back with their entries, under their name if nobody took it since
    (else refused, naming it). Their sessions stay ended: they come back with a personal rejoin code."""

    def work(conn: Connection) -> None:
        ctx = context(conn, actor)
        workshops.lock_workshop(conn, actor.workshop_id)
        found = require_over(ctx, policy.RESTORE, participant_id, removed=True)
        if workshops.named(conn, actor.workshop_id, found.display_name) is not None:
            raise workshops.name_taken(found.display_name)
        conn.execute(update(P).where(P.c.id == found.id).values(deleted_at=None, version=P.c.version + 1))
        audit(conn, actor, "participant", found.id, "restore", None, {"display_name": found.display_name})

    dbe.write(engine, work)


def change_passcode(
    engine: Engine, *, actor: Actor, current: str, new: str, keep_token: str | None, throttle_keys: list[str]
) -> None:
    """A new facilitator passcode (facilitator only, with the current one, throttled like a sign-in).
    Every other facilitator session ends, and unused rejoin codes of facilitators stop working: who
    held the old passcode must sign in with the new one."""
    hashed = workshops.hash_passcode(workshops._passcode(new))
    with dbe.reading(engine) as conn:
        require(context(conn, actor, lock=False), "staff", policy.UPDATE)
        stored = conn.execute(select(W.c.passcode_hash).where(W.c.id == actor.workshop_id)).scalar_one()
    typed = current if isinstance(current, str) else ""
    right = throttle.guarded(
        engine, throttle_keys, actor.workshop_id, lambda: True if workshops.check_passcode(typed, stored) else None
    )
    if right is None:
        raise ValidationError([FieldError("passcode", "people.err.wrong_passcode")], "workshop")

    def work(conn: Connection) -> None:
        require(context(conn, actor), "staff", policy.UPDATE)
        now = utcnow()
        conn.execute(update(W).where(W.c.id == actor.workshop_id).values(passcode_hash=hashed, updated_at=now))
        facilitators = list(
            conn.execute(
                select(P.c.id).where(P.c.workshop_id == actor.workshop_id, P.c.role == "facilitator")
            ).scalars()
        )
        sessions.end_all(conn, facilitators, keep=keep_token)
        conn.execute(
            update(R).where(R.c.participant_id.in_(facilitators), R.c.used_at.is_(None)).values(expires_at=now)
        )
        audit(conn, actor, "workshop", actor.workshop_id, "passcode", None, None)

    dbe.write(engine, work)
