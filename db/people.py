"""The people of a workshop as the facilitator manages them: personal rejoin codes, removing a person,
changing the passcode. Every right is checked here, in the write transaction."""

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
from db import sessions, throttle
from db import workshops as ws
from db.models import Participant, RejoinCode, Workshop, utcnow
from db.services import Actor, audit, context, require

P, R, W = Participant.__table__, RejoinCode.__table__, Workshop.__table__


def _hash(code: str) -> str:
    return hashlib.sha256(ws.normalise_code(code).encode()).hexdigest()


def show_code(code: str) -> str:
    """A rejoin code as people read it out: two groups of five."""
    half = len(code) // 2
    return f"{code[:half]}-{code[half:]}"


def _person(conn: Connection, workshop_id: int, participant_id: Any) -> Any:
    found = conn.execute(
        select(P.c.id, P.c.display_name, P.c.role).where(
            P.c.id == participant_id, P.c.workshop_id == workshop_id, P.c.deleted_at.is_(None)
        )
    ).first()
    if found is None:
        raise ValidationError([FieldError("participant_id", "errors.bad_reference")], "participant")
    return found


def issue_rejoin_code(engine: Engine, *, actor: Actor, participant_id: int) -> str:
    """A one-time code for that person to come back in another browser (facilitator only), valid for
    REJOIN_CODE_MINUTES. Earlier unused codes of the person stop working. Only its hash is stored."""
    code = "".join(secrets.choice(s.JOIN_CODE_ALPHABET) for _ in range(s.REJOIN_CODE_LENGTH))

    def work(conn: Connection) -> None:
        require(context(conn, actor), "people", policy.CREATE)
        person = _person(conn, actor.workshop_id, participant_id)
        now = utcnow()
        conn.execute(update(R).where(R.c.participant_id == person.id, R.c.used_at.is_(None)).values(expires_at=now))
        expires = now + timedelta(minutes=s.REJOIN_CODE_MINUTES)
        conn.execute(
            R.insert(),
            {"code_hash": _hash(code), "workshop_id": actor.workshop_id, "participant_id": person.id}
            | {"created_by": actor.participant_id, "created_at": now, "expires_at": expires},
        )
        audit(conn, actor, "participant", person.id, "rejoin_code", None, {"expires_at": expires})

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
        actor = Actor(found.workshop_id, found.participant_id, found.display_name)
        audit(conn, actor, "participant", actor.participant_id, "rejoin", None, None)
        return actor

    actor = throttle.guarded(engine, throttle_keys, None, lambda: dbe.write(engine, work))
    if actor is None:
        raise NotFound("people.err.bad_rejoin_code")
    return actor


def remove(engine: Engine, *, actor: Actor, participant_id: int) -> None:
    """Take a person out of the workshop (facilitator only; not oneself). The row is soft-deleted, so
    their entries stay, attributed to them; their sessions and rejoin codes end at once, and their
    name is free again."""

    def work(conn: Connection) -> None:
        require(context(conn, actor), "people", policy.DELETE)
        person = _person(conn, actor.workshop_id, participant_id)
        if person.id == actor.participant_id:
            raise ValidationError([FieldError("participant_id", "people.err.not_yourself")], "participant")
        now = utcnow()
        conn.execute(update(P).where(P.c.id == person.id).values(deleted_at=now, version=P.c.version + 1))
        sessions.end_all(conn, [person.id])
        conn.execute(update(R).where(R.c.participant_id == person.id, R.c.used_at.is_(None)).values(expires_at=now))
        audit(conn, actor, "participant", person.id, "remove", {"display_name": person.display_name}, None)

    dbe.write(engine, work)


def change_passcode(
    engine: Engine, *, actor: Actor, current: str, new: str, keep_token: str | None, throttle_keys: list[str]
) -> None:
    """A new facilitator passcode (facilitator only, with the current one, throttled like a sign-in).
    Every other facilitator session ends, and unused rejoin codes of facilitators stop working: who
    held the old passcode must sign in with the new one."""
    hashed = ws.hash_passcode(ws._passcode(new))
    with dbe.reading(engine) as conn:
        require(context(conn, actor, lock=False), "workshop", policy.UPDATE)
        stored = conn.execute(select(W.c.passcode_hash).where(W.c.id == actor.workshop_id)).scalar_one()
    typed = current if isinstance(current, str) else ""
    right = throttle.guarded(
        engine, throttle_keys, actor.workshop_id, lambda: True if ws.check_passcode(typed, stored) else None
    )
    if right is None:
        raise ValidationError([FieldError("passcode", "people.err.wrong_passcode")], "workshop")

    def work(conn: Connection) -> None:
        require(context(conn, actor), "workshop", policy.UPDATE)
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
