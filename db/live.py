"""The live room: the countdown and the short round timer, the current step, ready signals, presence, handing over the
facilitator role, and resuming a browser session after a reload. Every right is checked here."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, func, select, update

from cvm_core import live, policy
from cvm_core import settings as s
from cvm_core.errors import FieldError, NotFound, ValidationError
from cvm_core.schema import TIMER, WORKSHOP
from cvm_core.validation import validate
from db import cookies, read, sessions
from db import engine as dbe
from db.models import AuditEvent, Participant, SessionToken, StepProgress, Vote, Workshop, utcnow
from db.services import Actor, audit, context, live_where, require, require_facilitator
from db.workshops import set_row

W, P = Workshop.__table__, Participant.__table__


@dataclass(frozen=True)
class Room:
    """What every screen shows about the room, read in one go."""

    current_step: int
    timer: str
    seconds_left: int | None
    voting_open: bool
    online: int
    ready: int
    participants: int
    marker: int
    archived: bool
    dots_per_person: int = 0
    my_dots: int | None = None  # the dots the reading person has given (when `participant_id` was asked)

    @property
    def dots_left(self) -> int | None:
        return None if self.my_dots is None else max(self.dots_per_person - self.my_dots, 0)

    round_left: int | None = None  # the short round (voting, brainstorm): seconds to its end
    round_kind: str | None = None
    clock_sound: bool = False
    facilitators: frozenset[int] = frozenset()

    def hears_sound(self, participant_id: int | None) -> bool:
        """Whether this person's screens play the sound at zero: the facilitator's, with the switch on."""
        return self.clock_sound and participant_id in self.facilitators


def _facilitator_write(engine: Engine, actor: Actor, action: str, values: Any) -> None:
    """Run a facilitator-only change of the room (the workshop row); `values(conn, row)` gives the values."""

    def work(conn: Connection) -> None:
        require_facilitator(context(conn, actor))
        row = conn.execute(select(W).where(W.c.id == actor.workshop_id)).mappings().one()
        set_row(conn, actor, action, **values(conn, row))

    dbe.write(engine, work)


def start_timer(engine: Engine, *, actor: Actor, minutes: float | None = None) -> None:
    """Start the countdown (resume it when paused); `minutes` defaults to the current step's timebox."""
    if minutes is not None:
        minutes = validate(TIMER, {"minutes": minutes}, partial=True)["minutes"]

    def values(conn: Connection, row: Any) -> dict[str, Any]:
        length = minutes if minutes is not None else _timebox(conn, actor.workshop_id, row["current_step"])
        end = live.after_start(utcnow(), length, None if minutes is not None else row["timer_remaining_s"])
        return {"timer_end": end, "timer_remaining_s": None}

    _facilitator_write(engine, actor, "timer_start", values)


def _timebox(conn: Connection, workshop_id: int, step: int) -> float:
    sp = StepProgress.__table__
    minutes = conn.execute(
        select(sp.c.timebox_minutes).where(sp.c.workshop_id == workshop_id, sp.c.step == step)
    ).scalar()
    return float(minutes or s.DEFAULT_TIMEBOX_MINUTES)


def pause_timer(engine: Engine, *, actor: Actor) -> None:
    """Stop the clock, keeping the seconds left for a resume."""

    def values(conn: Connection, row: Any) -> dict[str, Any]:
        left = live.seconds_left(row["timer_end"], row["timer_remaining_s"], utcnow())
        return {"timer_end": None, "timer_remaining_s": max(left or 0, 0)}

    _facilitator_write(engine, actor, "timer_pause", values)


def add_time(engine: Engine, *, actor: Actor, seconds: int) -> None:
    """Give the room more (or, with a negative number, less) time."""
    seconds = validate(TIMER, {"seconds": seconds}, partial=True)["seconds"]

    def values(conn: Connection, row: Any) -> dict[str, Any]:
        if row["timer_end"] is not None:
            return {"timer_end": row["timer_end"] + timedelta(seconds=seconds)}
        return {"timer_remaining_s": max((row["timer_remaining_s"] or 0) + seconds, 0), "timer_end": None}

    _facilitator_write(engine, actor, "timer_add", values)


def stop_timer(engine: Engine, *, actor: Actor) -> None:
    _facilitator_write(engine, actor, "timer_stop", lambda conn, row: {"timer_end": None, "timer_remaining_s": None})


def start_round(engine: Engine, *, actor: Actor, seconds: int, kind: str) -> None:
    """Start the short round timer (a vote, a brainstorm) for `seconds`, beside the step's clock."""
    problems = []
    if not isinstance(seconds, int) or not 0 < seconds <= s.ROUND_SECONDS_MAX:
        problems.append(FieldError("seconds", "errors.out_of_range", {"min": 1, "max": s.ROUND_SECONDS_MAX}))
    if kind not in live.ROUND_KINDS:
        problems.append(FieldError("kind", "errors.bad_choice"))
    if problems:
        raise ValidationError(problems, "round")
    _facilitator_write(
        engine,
        actor,
        "round_start",
        lambda conn, row: {"round_end": utcnow() + timedelta(seconds=seconds), "round_kind": kind},
    )


def add_round_time(engine: Engine, *, actor: Actor, seconds: int) -> None:
    """Give the running round more time (from now, when it already ended)."""
    if not isinstance(seconds, int) or not 0 < seconds <= s.ROUND_SECONDS_MAX:
        raise ValidationError(
            [FieldError("seconds", "errors.out_of_range", {"min": 1, "max": s.ROUND_SECONDS_MAX})], "round"
        )

    def values(conn: Connection, row: Any) -> dict[str, Any]:
        if row["round_end"] is None:
            raise ValidationError([FieldError("", "errors.no_round")], "round")
        return {"round_end": max(row["round_end"], utcnow()) + timedelta(seconds=seconds)}

    _facilitator_write(engine, actor, "round_add", values)


def stop_round(engine: Engine, *, actor: Actor) -> None:
    _facilitator_write(engine, actor, "round_stop", lambda conn, row: {"round_end": None, "round_kind": None})


def set_clock_sound(engine: Engine, *, actor: Actor, on: bool) -> None:
    """The console's switch: a short sound at zero on the facilitator's screens (console, projector)."""
    _facilitator_write(engine, actor, "clock_sound", lambda conn, row: {"clock_sound": bool(on)})


def set_current_step(engine: Engine, *, actor: Actor, step: int) -> None:
    """Move the room to `step`: every participant's banner (and followers' page) goes there. The step it
    left is kept in the audit event, for "back to step N" (`last_move`)."""
    step = validate(WORKSHOP, {"current_step": step}, partial=True)["current_step"]

    def work(conn: Connection) -> None:
        require_facilitator(context(conn, actor))
        was = conn.execute(select(W.c.current_step).where(W.c.id == actor.workshop_id)).scalar_one()
        if was != step:
            set_row(conn, actor, "current_step", before={"current_step": was}, current_step=step)

    dbe.write(engine, work)


@dataclass(frozen=True)
class Move:
    """Where the room is, and the step its last move left while it is still where that move took it
    (None: no move to undo), with who moved it."""

    current: int
    came_from: int | None = None
    by: str = ""


def last_move(engine: Engine, *, workshop_id: int) -> Move:
    """The room's current step (read now: pages keep the workshop row while only the room moved) and the
    move that "back to step N" would undo."""
    a = AuditEvent.__table__
    with dbe.reading(engine) as conn:
        now = conn.execute(select(W.c.current_step).where(W.c.id == workshop_id)).scalar()
        event = conn.execute(
            select(a.c.before, a.c.after, a.c.actor_name)
            .where(a.c.workshop_id == workshop_id, a.c.entity == "workshop", a.c.action == "current_step")
            .order_by(a.c.id.desc())
            .limit(1)
        ).first()
    if now is None:
        raise NotFound("errors.workshop_not_found")
    if event is None or not event.before or not event.after or event.after.get("current_step") != now:
        return Move(now)
    came_from = event.before.get("current_step")
    return Move(now, came_from, event.actor_name) if isinstance(came_from, int) and came_from != now else Move(now)


def set_ready(engine: Engine, *, actor: Actor, ready: bool) -> None:
    """A participant says they are ready to move on from the current step (or takes it back)."""

    def work(conn: Connection) -> None:
        context(conn, actor)
        step = conn.execute(select(W.c.current_step).where(W.c.id == actor.workshop_id)).scalar()
        conn.execute(
            update(P)
            .where(P.c.id == actor.participant_id, P.c.workshop_id == actor.workshop_id)
            .values(ready_step=step if ready else None)
        )

    dbe.write(engine, work)


def heartbeat(engine: Engine, *, actor: Actor) -> None:
    """Record that this person is here (presence is not an artefact: no version, no audit)."""
    dbe.write(
        engine,
        lambda conn: conn.execute(
            update(P).where(live_where(P, actor.workshop_id, id=actor.participant_id)).values(last_seen=utcnow())
        ),
    )


def hand_over(engine: Engine, *, actor: Actor, participant_id: int) -> None:
    """Give the facilitator role to another person of the workshop who has come in (the facilitator
    only: the policy's "staff" row); the giver becomes a participant."""

    def work(conn: Connection) -> None:
        require(context(conn, actor), "staff", policy.UPDATE)
        found = conn.execute(
            select(P.c.id, P.c.claimed_at).where(live_where(P, actor.workshop_id, id=participant_id))
        ).first()
        if found is None or found.id == actor.participant_id:
            raise ValidationError([FieldError("participant_id", "errors.bad_reference")], "participant")
        if found.claimed_at is None:
            raise ValidationError([FieldError("participant_id", "people.err.not_here_yet")], "participant")
        target = found.id
        conn.execute(update(P).where(P.c.id == target).values(role="facilitator", version=P.c.version + 1))
        if actor.participant_id is not None:
            conn.execute(
                update(P).where(P.c.id == actor.participant_id).values(role="participant", version=P.c.version + 1)
            )
        audit(conn, actor, "participant", target, "hand_over", {"role": "participant"}, {"role": "facilitator"})

    dbe.write(engine, work)


def delete_workshop(engine: Engine, *, actor: Actor) -> None:
    """Soft-delete the whole workshop (facilitator only; `restore_workshop` brings it back)."""

    def work(conn: Connection) -> None:
        require(context(conn, actor, archived_ok=True), "workshop", policy.DELETE)
        set_row(conn, actor, "delete", deleted_at=utcnow())

    dbe.write(engine, work)


def restore_workshop(engine: Engine, *, workshop_id: int, by: str = "command line") -> bool:
    """Undo a workshop delete (from the command line: a deleted workshop has no pages), with an audit
    event. False when it was not deleted; NotFound when there is no such workshop."""

    def work(conn: Connection) -> bool:
        found = conn.execute(select(W.c.deleted_at).where(W.c.id == workshop_id)).first()
        if found is None:
            raise NotFound("cli.no_workshop", id=str(workshop_id))
        if found.deleted_at is None:
            return False
        set_row(conn, Actor.system(workshop_id, by), "restore", deleted_at=None)
        return True

    return dbe.write(engine, work)


# What every page run and room bar run reads, built once: building a statement costs more than running it.
_ROOM = select(
    W.c.current_step,
    W.c.timer_end,
    W.c.timer_remaining_s,
    W.c.voting_open,
    W.c.dots_per_person,
    W.c.round_end,
    W.c.round_kind,
    W.c.clock_sound,
    W.c.archived_at,
    W.c.deleted_at,
).where(W.c.id == bindparam("wid"))
_PEOPLE = select(P.c.id, P.c.last_seen, P.c.ready_step, P.c.role, P.c.claimed_at).where(live_where(P, bindparam("wid")))
_V = Vote.__table__
_DOTS = select(func.coalesce(func.sum(_V.c.dots), 0)).where(
    live_where(_V, bindparam("wid"), participant_id=bindparam("pid"))
)


def room(
    engine: Engine, *, workshop_id: int, entities: tuple[str, ...] = (), participant_id: int | None = None
) -> Room:
    """The room's state: step, timer, voting, presence, readiness and a change marker (the newest audit
    event, of `entities` when given), so that screens refresh only when something they show changed; with
    `participant_id`, also the dots that person has given while voting is open."""
    with dbe.reading(engine) as conn:
        ws = conn.execute(_ROOM, {"wid": workshop_id}).first()
        if ws is None or ws.deleted_at is not None:
            raise NotFound("errors.workshop_not_found")
        people = conn.execute(_PEOPLE, {"wid": workshop_id}).mappings().all()
        marker = read.marker(conn, workshop_id, read.marked(entities) if entities else None)
        mine = _dots_given(conn, workshop_id, participant_id) if participant_id and ws.voting_open else None
    now = utcnow()
    return Room(
        current_step=ws.current_step,
        timer=live.timer_state(ws.timer_end, ws.timer_remaining_s),
        seconds_left=live.seconds_left(ws.timer_end, ws.timer_remaining_s, now),
        voting_open=ws.voting_open,
        online=len(live.online(people, now, s.PRESENCE_WINDOW_S)),
        ready=live.ready_count(people, ws.current_step),
        participants=sum(1 for p in people if not policy.runs_room(p["role"]) and p["claimed_at"] is not None),
        marker=marker,
        archived=ws.archived_at is not None,
        dots_per_person=ws.dots_per_person or 0,
        my_dots=mine,
        round_left=live.round_left(ws.round_end, now, s.ROUND_LINGER_S),
        round_kind=ws.round_kind,
        clock_sound=bool(ws.clock_sound),
        facilitators=frozenset(p["id"] for p in people if policy.runs_room(p["role"])),
    )


def _dots_given(conn: Connection, workshop_id: int, participant_id: int) -> int:
    """The dots a person has on live votes (what the budget counts)."""
    return int(conn.execute(_DOTS, {"wid": workshop_id, "pid": participant_id}).scalar_one())


def online_people(engine: Engine, *, workshop_id: int) -> list[dict[str, Any]]:
    """Participants with their presence, newest first."""
    query = select(P).where(live_where(P, workshop_id)).order_by(P.c.display_name)
    with dbe.reading(engine) as conn:
        people = [dict(r) for r in conn.execute(query).mappings()]
    since = utcnow() - timedelta(seconds=s.PRESENCE_WINDOW_S)
    for p in people:
        p["online"] = p["last_seen"] is not None and p["last_seen"] >= since
    return people


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(engine: Engine, *, actor: Actor) -> str:
    """A random token for this browser (kept in a cookie); only its hash is stored."""
    return dbe.write(engine, lambda conn: _token_in(conn, actor))


def remember_browser(engine: Engine, *, actor: Actor) -> tuple[str, str]:
    """A token for this browser and the one-time ticket that sets its cookie (db/cookies.py), in one
    transaction: one commit for each person arriving, where a room arrives at once."""

    def work(conn: Connection) -> tuple[str, str]:
        token = _token_in(conn, actor)
        return token, cookies.issue_in(conn, token)

    return dbe.write(engine, work)


def _token_in(conn: Connection, actor: Actor) -> str:
    token = secrets.token_urlsafe(32)
    now = utcnow()
    row = {"token_hash": _hash(token), "workshop_id": actor.workshop_id, "participant_id": actor.participant_id}
    conn.execute(SessionToken.__table__.insert(), row | {"created_at": now, "last_used_at": now})
    return token


def resume(engine: Engine, *, token: str) -> Actor | None:
    """The person a token stands for, if it is still valid (see `db.sessions.resume`: sliding expiry)."""
    return sessions.resume(engine, token=token)


def revoke(engine: Engine, *, token: str) -> None:
    t = SessionToken.__table__
    dbe.write(
        engine,
        lambda conn: conn.execute(update(t).where(t.c.token_hash == _hash(token)).values(revoked_at=utcnow())),
    )
