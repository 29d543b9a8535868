"""Feedback rounds (step 9): a client department scores its suppliers, all of them in one save."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Connection, Engine, select

from cvm_core.errors import FieldError, ValidationError
from db import engine as dbe
from db.services import Actor, context, create_in, live_where, table, update_in


def rate(
    engine: Engine,
    *,
    actor: Actor,
    round_id: int,
    client_id: int,
    ratings: Iterable[tuple[int, int | None, str]],
    seen: Mapping[int, int] | None = None,
) -> int:
    """Store the client's (supplier id, score, comment) ratings for the round, replacing its earlier ones
    for those suppliers; a rating without a score is skipped. All or nothing; the number stored.

    `seen` maps supplier id → the version of the earlier rating the form showed: when given, a rating
    someone else saved meanwhile is not overwritten (ConflictError)."""
    chosen = [(supplier, score, comment) for supplier, score, comment in ratings if score is not None]

    def work(conn: Connection) -> int:
        ctx = context(conn, actor)
        rounds = table("feedback_round")
        found = conn.execute(select(rounds.c.is_open).where(live_where(rounds, ctx.workshop_id, id=round_id))).first()
        if found is None:
            raise ValidationError([FieldError("round_id", "errors.bad_reference")], "feedback")
        if not found.is_open:
            raise ValidationError([FieldError("round_id", "step9.err.round_closed")], "feedback")
        t = table("feedback")
        earlier = {
            r.supplier_department_id: r
            for r in conn.execute(
                select(t.c.id, t.c.version, t.c.supplier_department_id).where(
                    live_where(t, ctx.workshop_id, round_id=round_id, client_department_id=client_id)
                )
            )
        }
        for supplier, score, comment in chosen:
            values: dict[str, Any] = {"score": score, "comment": comment}
            if supplier in earlier:
                version = None if seen is None else seen.get(supplier, 0)
                update_in(conn, ctx, "feedback", earlier[supplier].id, version, values)
            else:
                base = {"round_id": round_id, "client_department_id": client_id, "supplier_department_id": supplier}
                create_in(conn, ctx, "feedback", base | values)
        return len(chosen)

    return dbe.write(engine, work)
