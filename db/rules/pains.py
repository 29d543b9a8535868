"""Rules for pains and votes (step 2), run inside the write transaction of every create and update, so
they hold whatever a page sends.

Who may touch which pain or vote, and when (authors, voters, voting open), is the table of rights in
`cvm_core.policy`, checked by the services before these rules run.

Pains: a new pain is its author's: the person writing it, or the participant it is entered for (by the
facilitator or a scribe, recorded in `entered_by_id`; whether the writer may enter for others is the
table of rights' `for`, checked right after this rule). During a private brainstorm it is hidden from the
others until the facilitator reveals it. Only the facilitator changes `hidden`; nobody changes the author
or who entered it.

Votes: a new vote is the voter's own, or placed for a participant (as for pains) within that
participant's budget; only on a visible pain, and never more dots in total than the workshop's budget. The write transaction already holds the workshop's write lock (SQLite BEGIN
IMMEDIATE, PostgreSQL SELECT ... FOR UPDATE of the workshop in `context`), so two votes sent at the same
instant are counted one after the other. The system actor (demo, import) may record any participant's
vote at any time, within the budget.

A restore runs these rules on the row it brings back; restoring a pain also brings its votes back, and
`budgets_hold` then refuses the restore if anyone would hold more dots than the budget.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, bindparam, func, select

from cvm_core import policy
from cvm_core.errors import BudgetExceeded, FieldError, ValidationError
from cvm_core.pains import check_budget
from db.models import Pain, Participant, Vote, Workshop

_w, _p, _v = Workshop.__table__, Pain.__table__, Vote.__table__
_people = Participant.__table__
_FLAGS = select(_w.c.voting_open, _w.c.brainstorm_private).where(_w.c.id == bindparam("wid"))
_PAIN = select(_p.c.hidden, _p.c.author_id, _p.c.deleted_at).where(
    _p.c.id == bindparam("id"), _p.c.workshop_id == bindparam("wid")
)
_SPENT = select(func.coalesce(func.sum(_v.c.dots), 0)).where(
    _v.c.workshop_id == bindparam("wid"),
    _v.c.participant_id == bindparam("pid"),
    _v.c.deleted_at.is_(None),
    _v.c.id != bindparam("vid"),
)


def _system(ctx: Any) -> bool:
    return ctx.actor.participant_id is None


def _flags(conn: Connection, ctx: Any) -> Any:
    return conn.execute(_FLAGS, {"wid": ctx.workshop_id}).one()


_FOR_WHOM = select(_people.c.role).where(
    _people.c.id == bindparam("pid"), _people.c.workshop_id == bindparam("wid"), _people.c.deleted_at.is_(None)
)


def entered_for(conn: Connection, ctx: Any, owner: int | None, field: str, entity: str) -> int | None:
    """Who enters a new row owned by `owner`: None when it is the writer's own, else the writer, once
    the owner is known to be a participant of the workshop one may enter for."""
    me = ctx.actor.participant_id
    if owner is None or owner == me:
        return None
    role = conn.execute(_FOR_WHOM, {"pid": owner, "wid": ctx.workshop_id}).scalar()
    if role not in policy.ENTERED_FOR:
        raise ValidationError([FieldError(field, "policy.err.not_for_them")], entity)
    return me


def pain(conn: Connection, ctx: Any, clean: dict[str, Any], current: dict[str, Any] | None) -> dict[str, Any]:
    if _system(ctx):
        return clean
    me = ctx.actor.participant_id
    if current is None:
        author = clean.get("author_id") or me
        by = entered_for(conn, ctx, author, "author_id", "pain")
        hidden = bool(_flags(conn, ctx).brainstorm_private)
        return {**clean, "author_id": author, "entered_by_id": by, "hidden": hidden}
    hidden = clean["hidden"] if ctx.is_facilitator else current["hidden"]
    return {**clean, "author_id": current["author_id"], "entered_by_id": current["entered_by_id"], "hidden": hidden}


def vote(conn: Connection, ctx: Any, clean: dict[str, Any], current: dict[str, Any] | None) -> dict[str, Any]:
    if current is not None:
        clean = {**clean, **{k: current[k] for k in ("pain_id", "participant_id", "entered_by_id")}}
    elif not _system(ctx):
        voter = clean.get("participant_id") or ctx.actor.participant_id
        by = entered_for(conn, ctx, voter, "participant_id", "vote")
        clean = {**clean, "participant_id": voter, "entered_by_id": by}
    target = conn.execute(_PAIN, {"id": clean["pain_id"], "wid": ctx.workshop_id}).first()
    if target is not None and target.deleted_at is None and target.hidden:
        raise ValidationError([FieldError("pain_id", "step2.err.vote_hidden")], "vote")
    already = conn.execute(
        _SPENT, {"wid": ctx.workshop_id, "pid": clean["participant_id"], "vid": current["id"] if current else 0}
    ).scalar_one()
    check_budget(int(already), clean["dots"], ctx.dots_per_person)
    return clean


_OVER = (
    select(_v.c.participant_id, func.sum(_v.c.dots))
    .where(_v.c.workshop_id == bindparam("wid"), _v.c.deleted_at.is_(None))
    .group_by(_v.c.participant_id)
    .having(func.sum(_v.c.dots) > bindparam("budget"))
    .limit(1)
)


def budgets_hold(conn: Connection, ctx: Any) -> None:
    """Nobody holds more dots than the budget (after a restore brought votes back); the refusal names who
    would and how many."""
    over = conn.execute(_OVER, {"wid": ctx.workshop_id, "budget": ctx.dots_per_person}).first()
    if over is not None:
        name = conn.execute(select(_people.c.display_name).where(_people.c.id == over[0])).scalar() or ""
        raise BudgetExceeded(
            "policy.err.restore_over_budget", budget=ctx.dots_per_person, name=name, total=int(over[1])
        )
