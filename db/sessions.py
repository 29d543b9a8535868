"""Browser sessions (the tokens that bring a browser back as its person), seen from the database: sliding
expiry, whether a session still stands for its person, and a person's own list of sessions to end.

A token lives SESSION_TOKEN_DAYS after its last use; the use is written at most once per SESSION_TOUCH_S
so that a page run does not write. Only the token's SHA-256 is stored; a person acts on their sessions
by presenting their own token, so nobody can list or end another person's sessions.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, select, update

from cvm_core import settings as s
from cvm_core.errors import NotFound
from db import engine as dbe
from db import read
from db.models import Participant, SessionToken, Workshop, utcnow
from db.services import Actor

T, P, W = SessionToken.__table__, Participant.__table__, Workshop.__table__
LIVE, REMOVED, ENDED = "live", "removed", "ended"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _expired_before(now: datetime) -> datetime:
    return now - timedelta(days=s.SESSION_TOKEN_DAYS)


def _live_tokens(now: datetime) -> Any:
    return (T.c.revoked_at.is_(None), T.c.last_used_at > _expired_before(now))


def touch(engine: Engine, token_id: int, last_used_at: datetime, now: datetime) -> None:
    """Record a use of the token, at most once per SESSION_TOUCH_S (sliding expiry)."""
    if (now - last_used_at).total_seconds() < s.SESSION_TOUCH_S:
        return
    stale = now - timedelta(seconds=s.SESSION_TOUCH_S)
    dbe.write(
        engine,
        lambda conn: conn.execute(
            update(T).where(T.c.id == token_id, T.c.last_used_at < stale).values(last_used_at=now)
        ),
    )


def resume(engine: Engine, *, token: str) -> Actor | None:
    """The person a token stands for, if it is still valid (not ended, used within SESSION_TOKEN_DAYS,
    person and workshop present); counts as a use."""
    if not token or len(token) > 100:
        return None
    now = utcnow()
    with dbe.reading(engine) as conn:
        found = conn.execute(
            select(T.c.id, T.c.last_used_at, T.c.workshop_id, T.c.participant_id, P.c.display_name)
            .join(P, P.c.id == T.c.participant_id)
            .join(W, W.c.id == T.c.workshop_id)
            .where(
                T.c.token_hash == token_hash(token),
                *_live_tokens(now),
                P.c.deleted_at.is_(None),
                W.c.deleted_at.is_(None),
            )
        ).first()
    if found is None:
        return None
    touch(engine, found.id, found.last_used_at, now)
    return Actor(found.workshop_id, found.participant_id, found.display_name)


@dataclass(frozen=True)
class Standing:
    """Where a browser session stands, read in one transaction: its status, and when LIVE the workshop
    (as anyone may read it; None if it is gone) and the person's row."""

    status: str
    workshop: dict[str, Any] | None = None
    person: dict[str, Any] | None = None


_PERSON = select(P).where(P.c.id == bindparam("pid"), P.c.workshop_id == bindparam("wid"))
_TOKEN = select(T.c.id, T.c.participant_id, T.c.revoked_at, T.c.last_used_at).where(T.c.token_hash == bindparam("hash"))


def standing(engine: Engine, *, actor: Actor, token: str | None) -> Standing:
    """Whether a browser session still stands for `actor`: LIVE, REMOVED (the facilitator removed the
    person) or ENDED (this session was ended, from another session or by a passcode change, or expired);
    when LIVE, the workshop and the person too, in one transaction: what every page run starts with. A token
    that belongs to someone else (the session joined several workshops) is not this one's."""
    now = utcnow()
    with dbe.reading(engine) as conn:
        person = conn.execute(_PERSON, {"pid": actor.participant_id, "wid": actor.workshop_id}).mappings().first()
        if person is None:
            return Standing(ENDED)
        if person["deleted_at"] is not None:
            return Standing(REMOVED)
        mine = None
        if token and len(token) <= 100:
            found = conn.execute(_TOKEN, {"hash": token_hash(token)}).first()
            mine = found if found is not None and found.participant_id == actor.participant_id else None
        if mine is not None and (mine.revoked_at is not None or mine.last_used_at <= _expired_before(now)):
            return Standing(ENDED)
        workshop = read.public_workshop(conn, actor.workshop_id)
    if mine is not None:
        touch(engine, mine.id, mine.last_used_at, now)
    return Standing(LIVE, workshop, dict(person))


@dataclass(frozen=True)
class Session:
    id: int
    created_at: datetime
    last_used_at: datetime
    current: bool


def _owner(conn: Connection, token: str, now: datetime) -> Any:
    found = conn.execute(
        select(T.c.id, T.c.participant_id).where(T.c.token_hash == token_hash(token or ""), *_live_tokens(now))
    ).first()
    if found is None:
        raise NotFound("sessions.err.ended")
    return found


def mine(engine: Engine, *, token: str) -> list[Session]:
    """The live sessions of the person this token stands for, this one first, then the newest used."""
    now = utcnow()
    with dbe.reading(engine) as conn:
        me = _owner(conn, token, now)
        rows = conn.execute(
            select(T.c.id, T.c.created_at, T.c.last_used_at)
            .where(T.c.participant_id == me.participant_id, *_live_tokens(now))
            .order_by(T.c.last_used_at.desc())
        ).all()
    found = [Session(r.id, r.created_at, r.last_used_at, r.id == me.id) for r in rows]
    return sorted(found, key=lambda x: not x.current)


def end(engine: Engine, *, token: str, session_id: int | None = None) -> int:
    """End one of the person's own sessions (`session_id`), or with None all of them but this one;
    how many ended. Their browsers are out at their next page."""

    def work(conn: Connection) -> int:
        now = utcnow()
        me = _owner(conn, token, now)
        which = T.c.id == session_id if session_id is not None else T.c.id != me.id
        done = conn.execute(
            update(T)
            .where(T.c.participant_id == me.participant_id, which, T.c.revoked_at.is_(None))
            .values(revoked_at=now)
        )
        return done.rowcount

    return dbe.write(engine, work)


def end_all(conn: Connection, participant_ids: list[int], keep: str | None = None) -> None:
    """Inside a write transaction: end every session of these people (but the one of token `keep`)."""
    query = update(T).where(T.c.participant_id.in_(participant_ids), T.c.revoked_at.is_(None))
    if keep:
        query = query.where(T.c.token_hash != token_hash(keep))
    conn.execute(query.values(revoked_at=utcnow()))
