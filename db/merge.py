"""Merging pains (facilitator only) and undoing a merge, each in one write transaction, on the arithmetic of
cvm_core/merge.py.

A merge soft-deletes the originals (their votes and factor links go to the bin with them), creates the
merged pain with the votes and links of the plan, points the actions that came from an original at the
merged pain, and records what it did in `pain_merge`. Undo deletes the merged pain (with whatever is on it),
restores the originals (their votes and links come back with them, as restore does), points the actions
back, and marks the record undone. The votes are written by the system in the voters' names, as the demo and
an import write them, so the vote rule checks each person's budget but not that voting is open.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Engine, select, update

from cvm_core import merge as core
from cvm_core.errors import NotFound
from cvm_core.schema import entity
from cvm_core.validation import validate
from db import engine as dbe
from db import services
from db.models import Action, FactorPain, Pain, PainMerge, Vote, utcnow

_m, _a = PainMerge.__table__, Action.__table__


def _live(conn: Connection, workshop_id: int, t: Any) -> list[dict[str, Any]]:
    query = select(t).where(services.live_where(t, workshop_id))
    return [dict(r) for r in conn.execute(query).mappings()]


def merge(engine: Engine, *, actor: services.Actor, pain_ids: Sequence[int], text: str) -> dict[str, Any]:
    """Merge the pains `pain_ids` into one with `text`; returns the merged pain with `lost`, the dots the
    overlap took per participant id."""

    def work(conn: Connection) -> dict[str, Any]:
        ctx = services.context(conn, actor)
        services.require_facilitator(ctx)
        wid = ctx.workshop_id
        clean = validate(entity("pain"), {"text": text}, partial=True)["text"]
        pains, votes, links = (_live(conn, wid, t.__table__) for t in (Pain, Vote, FactorPain))
        plan = core.plan(pains, votes, links, ids=pain_ids, text=clean)
        originals = list(dict.fromkeys(pain_ids))
        for pain_id in originals:
            services.delete_in(conn, ctx, "pain", pain_id)
        system = services.Context(
            wid, "system", ctx.scale_max, ctx.dots_per_person, services.Actor.system(wid, actor.name), conn
        )
        merged = services.create_in(conn, system, "pain", plan.pain)
        for person, dots in plan.votes.items():
            services.create_in(conn, system, "vote", {"pain_id": merged["id"], "participant_id": person, "dots": dots})
        for factor in plan.factors:
            services.create_in(conn, ctx, "factor_pain", {"factor_id": factor, "pain_id": merged["id"]})
        moved = _point(conn, wid, dict.fromkeys(originals, merged["id"]))
        conn.execute(
            _m.insert(),
            {"workshop_id": wid, "pain_id": merged["id"], "originals": originals, "moved_actions": moved}
            | {"at": utcnow(), "actor_name": actor.name[:80]},
        )
        services.audit(conn, actor, "pain", merged["id"], "merge", {"pain_ids": originals}, {"lost": plan.lost})
        return {**merged, "lost": plan.lost}

    return dbe.write(engine, work)


def _point(conn: Connection, workshop_id: int, moves: dict[int, int]) -> dict[str, int]:
    """Point live actions from one pain to another; returns action id (as text) -> the pain it pointed at."""
    found = conn.execute(
        select(_a.c.id, _a.c.pain_id).where(
            _a.c.workshop_id == workshop_id, _a.c.pain_id.in_(list(moves)), _a.c.deleted_at.is_(None)
        )
    ).all()
    for row in found:
        conn.execute(update(_a).where(_a.c.id == row.id).values(pain_id=moves[row.pain_id], version=_a.c.version + 1))
    return {str(row.id): row.pain_id for row in found}


def undo(engine: Engine, *, actor: services.Actor, pain_id: int) -> list[int]:
    """Undo the merge that made pain `pain_id`; returns the ids of the pains brought back."""

    def work(conn: Connection) -> list[int]:
        ctx = services.context(conn, actor)
        services.require_facilitator(ctx)
        record = (
            conn.execute(
                select(_m).where(_m.c.workshop_id == ctx.workshop_id, _m.c.pain_id == pain_id, _m.c.undone_at.is_(None))
            )
            .mappings()
            .first()
        )
        if record is None:
            raise NotFound("merge.err.no_merge")
        services.delete_in(conn, ctx, "pain", pain_id)
        for original in record["originals"]:  # each restore checks the dot budgets (db/rules/pains.py)
            services.restore_in(conn, ctx, "pain", original)
        for action_id, original in record["moved_actions"].items():
            conn.execute(
                update(_a)
                .where(_a.c.id == int(action_id), _a.c.pain_id == pain_id)
                .values(pain_id=original, version=_a.c.version + 1)
            )
        conn.execute(update(_m).where(_m.c.id == record["id"]).values(undone_at=utcnow()))
        services.audit(conn, actor, "pain", pain_id, "unmerge", None, {"pain_ids": record["originals"]})
        return list(record["originals"])

    return dbe.write(engine, work)
