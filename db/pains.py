"""Step 2 services: dots for a pain and revealing a private brainstorm."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection, Engine, select

from cvm_core.errors import DomainError, FieldError, ValidationError
from cvm_core.validation import parse_number
from db import engine as dbe
from db.models import Pain, Vote, Workshop
from db.services import Actor, context, create_in, delete_in, require_facilitator, update_in

_p, _v, _w = Pain.__table__, Vote.__table__, Workshop.__table__


def _my_vote(conn: Connection, actor: Actor, pain_id: int) -> Any:
    return conn.execute(
        select(_v.c.id, _v.c.dots).where(
            _v.c.workshop_id == actor.workshop_id,
            _v.c.pain_id == pain_id,
            _v.c.participant_id == actor.participant_id,
            _v.c.deleted_at.is_(None),
        )
    ).first()


def _vote(engine: Engine, actor: Actor, pain_id: int, dots: Callable[[int], int]) -> dict[str, Any] | None:
    """Set the actor's dots on a pain to `dots(current dots)`, read and written in one transaction."""

    def work(conn: Connection) -> dict[str, Any] | None:
        ctx = context(conn, actor)
        mine = _my_vote(conn, actor, pain_id)
        wanted = max(int(dots(mine.dots if mine else 0)), 0)
        if wanted == 0:
            if mine is None:
                return None
            if not conn.execute(select(_w.c.voting_open).where(_w.c.id == actor.workshop_id)).scalar():
                raise DomainError("errors.voting_closed")
            delete_in(conn, ctx, "vote", mine.id)
            return None
        if mine is None:
            data = {"pain_id": pain_id, "participant_id": actor.participant_id, "dots": wanted}
            return create_in(conn, ctx, "vote", data)
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


def set_dots(engine: Engine, *, actor: Actor, pain_id: int, dots: int) -> dict[str, Any] | None:
    """Put `dots` of the actor's own dots on a pain (0 takes them back); returns the vote or None.

    The table of rights checks that voting is open; the vote rule that the pain is visible and that the
    budget holds.
    """
    wanted = _whole("dots", dots)
    return _vote(engine, actor, pain_id, lambda _: wanted)


def change_dots(engine: Engine, *, actor: Actor, pain_id: int, by: int) -> dict[str, Any] | None:
    """`by` more (or, negative, fewer) of the actor's dots on a pain, counted from what is stored."""
    change = _whole("dots", by)
    return _vote(engine, actor, pain_id, lambda now: now + change)


def reveal(engine: Engine, *, actor: Actor) -> int:
    """Show every hidden pain of the workshop to everyone (facilitator only); how many were revealed."""

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
        return len(hidden)

    return dbe.write(engine, work)
