"""Step 2 services: dots for a pain (one's own, or placed for someone in the room), revealing a private
brainstorm and hiding it again while nobody has acted on what it showed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, func, select

from cvm_core import policy
from cvm_core.errors import DomainError, FieldError, PermissionDenied, ValidationError
from cvm_core.schema import ENTITIES
from cvm_core.validation import parse_number
from db import engine as dbe
from db.models import AuditEvent, Pain, Vote, Workshop
from db.rules.pains import entered_for
from db.services import (
    Actor,
    audit,
    context,
    create_in,
    delete_in,
    live_where,
    require_facilitator,
    table,
    update_in,
)

_p, _v, _w, _a = Pain.__table__, Vote.__table__, Workshop.__table__, AuditEvent.__table__


def _vote_of(conn: Connection, actor: Actor, pain_id: int, voter: int | None) -> Any:
    return conn.execute(
        select(_v.c.id, _v.c.dots).where(live_where(_v, actor.workshop_id, pain_id=pain_id, participant_id=voter))
    ).first()


def _vote(
    engine: Engine, actor: Actor, pain_id: int, dots: Callable[[int], int], voter: int | None
) -> dict[str, Any] | None:
    """Set the voter's dots on a pain to `dots(current dots)`, read and written in one transaction."""
    voter = voter or actor.participant_id

    def work(conn: Connection) -> dict[str, Any] | None:
        ctx = context(conn, actor)
        mine = _vote_of(conn, actor, pain_id, voter)
        wanted = max(int(dots(mine.dots if mine else 0)), 0)
        if wanted == 0:
            if mine is None:
                return None
            if not conn.execute(select(_w.c.voting_open).where(_w.c.id == actor.workshop_id)).scalar():
                raise DomainError("errors.voting_closed")
            delete_in(conn, ctx, "vote", mine.id)
            return None
        if mine is None:
            return create_in(conn, ctx, "vote", {"pain_id": pain_id, "participant_id": voter, "dots": wanted})
        return update_in(conn, ctx, "vote", mine.id, None, {"dots": wanted})

    return dbe.write(engine, work)


def _whole(field: str, value: Any) -> int:
    """A whole number of dots from a page (NaN, infinities, fractions and text refused)."""
    try:
        number = parse_number(value)
    except ValueError:
        number = None
    if number is None or number != int(number):
        raise ValidationError([FieldError(field, "errors.not_whole")], "vote")
    return int(number)


def set_dots(
    engine: Engine, *, actor: Actor, pain_id: int, dots: int, voter: int | None = None
) -> dict[str, Any] | None:
    """Put `dots` of the actor's own dots (or, with `voter`, of that participant's, placed for them) on a
    pain; 0 takes them back. Returns the vote or None.

    The table of rights checks that voting is open and who may place dots for whom; the vote rule that
    the pain is visible and that the voter's budget holds.
    """
    wanted = _whole("dots", dots)
    return _vote(engine, actor, pain_id, lambda _: wanted, voter)


def change_dots(
    engine: Engine, *, actor: Actor, pain_id: int, by: int, voter: int | None = None
) -> dict[str, Any] | None:
    """`by` more (or, negative, fewer) dots of the voter (the actor by default) on a pain, counted from
    what is stored."""
    change = _whole("dots", by)
    return _vote(engine, actor, pain_id, lambda now: now + change, voter)


def dots_left(engine: Engine, *, actor: Actor, voter: int | None = None) -> int:
    """How many of the voter's dots are still free (the actor's own, or of a participant the actor may
    place dots for: only the number, never where the voter's own dots went)."""
    with dbe.reading(engine) as conn:
        ctx = context(conn, actor, lock=False)
        voter = voter or actor.participant_id
        if voter != actor.participant_id:
            if not policy.enters_for_others(ctx.role):
                raise PermissionDenied(policy.refusal("vote", policy.CREATE, ctx.role))
            entered_for(conn, ctx, voter, "participant_id", "vote")
        spent = conn.execute(
            select(func.coalesce(func.sum(_v.c.dots), 0)).where(live_where(_v, actor.workshop_id, participant_id=voter))
        ).scalar_one()
    return max(ctx.dots_per_person - int(spent), 0)


def reveal(engine: Engine, *, actor: Actor) -> int:
    """Show every hidden pain of the workshop to everyone (facilitator only); how many were revealed. One
    audit event names them, so that `hide_again` can undo exactly this reveal."""

    def work(conn: Connection) -> int:
        ctx = context(conn, actor)
        require_facilitator(ctx)
        hidden = conn.execute(
            select(_p.c.id, _p.c.version).where(
                _p.c.workshop_id == actor.workshop_id, _p.c.hidden.is_(True), _p.c.deleted_at.is_(None)
            )
        ).all()
        for row in hidden:
            update_in(conn, ctx, "pain", row.id, row.version, {"hidden": False})
        if hidden:
            audit(conn, actor, "pain", None, "reveal", None, {"ids": [row.id for row in hidden]})
        return len(hidden)

    return dbe.write(engine, work)


@dataclass(frozen=True)
class Revealed:
    """What the last reveal showed: how many pains are still shown, and how many of them someone acted
    on since (voted for, linked, tested, changed or deleted). It can be hidden again only untouched."""

    shown: int
    acted: int

    @property
    def can_hide(self) -> bool:
        return self.shown > 0 and self.acted == 0


# Rows that act on a pain: every entity with a reference to it (votes, factor links, test cards…).
_ON_PAIN = tuple((name, f.name) for name, spec in ENTITIES.items() for f in spec.refs() if f.ref == "pain")


def _last_reveal(conn: Connection, workshop_id: int) -> tuple[int, list[int]] | None:
    event = conn.execute(
        select(_a.c.id, _a.c.action, _a.c.after)
        .where(_a.c.workshop_id == workshop_id, _a.c.entity == "pain", _a.c.action.in_(("reveal", "hide_again")))
        .order_by(_a.c.id.desc())
        .limit(1)
    ).first()
    if event is None or event.action != "reveal":
        return None
    return event.id, [int(i) for i in (event.after or {}).get("ids", [])]


def _acted_on(conn: Connection, workshop_id: int, since: int, ids: list[int]) -> set[int]:
    """The pains among `ids` someone acted on after audit event `since`."""
    later = (_a.c.workshop_id == workshop_id, _a.c.id > since)
    acted = set(
        conn.execute(select(_a.c.entity_id).where(*later, _a.c.entity == "pain", _a.c.entity_id.in_(ids))).scalars()
    )
    for name, field in _ON_PAIN:
        touched = select(_a.c.entity_id).where(*later, _a.c.entity == name)
        t = table(name)
        acted |= set(conn.execute(select(t.c[field]).where(t.c.id.in_(touched), t.c[field].in_(ids))).scalars())
    return acted


def _shown(conn: Connection, workshop_id: int, ids: list[int]) -> list[Any]:
    return conn.execute(
        select(_p.c.id, _p.c.version).where(
            _p.c.workshop_id == workshop_id, _p.c.id.in_(ids), _p.c.hidden.is_(False), _p.c.deleted_at.is_(None)
        )
    ).all()


def revealed(engine: Engine, *, actor: Actor) -> Revealed | None:
    """The state of the last reveal, for those who run the room; None when there is none to undo."""
    with dbe.reading(engine) as conn:
        require_facilitator(context(conn, actor, lock=False, archived_ok=True))
        last = _last_reveal(conn, actor.workshop_id)
        if last is None:
            return None
        since, ids = last
        shown = _shown(conn, actor.workshop_id, ids)
        acted = _acted_on(conn, actor.workshop_id, since, ids)
    return Revealed(len(shown), len(acted)) if shown or acted else None


def hide_again(engine: Engine, *, actor: Actor) -> int:
    """Undo the last reveal (those who run the room): its pains are hidden again, but only while nobody
    has acted on any of them since; else refused, saying on how many. How many were hidden."""

    def work(conn: Connection) -> int:
        ctx = context(conn, actor)
        require_facilitator(ctx)
        last = _last_reveal(conn, actor.workshop_id)
        if last is None:
            raise DomainError("step2.err.nothing_to_hide")
        since, ids = last
        acted = _acted_on(conn, actor.workshop_id, since, ids)
        if acted:
            raise DomainError("step2.err.acted_since", count=len(acted))
        shown = _shown(conn, actor.workshop_id, ids)
        for row in shown:
            update_in(conn, ctx, "pain", row.id, row.version, {"hidden": True})
        audit(conn, actor, "pain", None, "hide_again", None, {"ids": [row.id for row in shown]})
        return len(shown)

    return dbe.write(engine, work)
