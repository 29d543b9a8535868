"""Internal promises with their place in the promise tree (step 6), written in one transaction each."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, Engine, select

from db import engine as dbe
from db.services import Actor, Context, context, create_in, delete_in, live_where, table


def _link(kind: str, parent_id: int) -> dict[str, int]:
    field = "parent_promise_id" if kind == "promise" else "parent_internal_id"
    return {field: parent_id}


def _wanted(promise_ids: Iterable[int], internal_ids: Iterable[int]) -> list[tuple[str, int]]:
    pairs = [("promise", int(i)) for i in promise_ids] + [("internal", int(i)) for i in internal_ids]
    return list(dict.fromkeys(pairs))


def _set(conn: Connection, ctx: Context, internal_id: int, wanted: list[tuple[str, int]]) -> None:
    t = table("promise_support")
    live = conn.execute(
        select(t.c.id, t.c.parent_promise_id, t.c.parent_internal_id).where(
            live_where(t, ctx.workshop_id, internal_promise_id=internal_id)
        )
    ).all()
    have = {("promise", r[1]) if r[1] is not None else ("internal", r[2]): r[0] for r in live}
    for parent, link_id in have.items():
        if parent not in wanted:
            delete_in(conn, ctx, "promise_support", link_id)
    for kind, parent_id in wanted:
        if (kind, parent_id) not in have:
            create_in(conn, ctx, "promise_support", {"internal_promise_id": internal_id, **_link(kind, parent_id)})


def add(
    engine: Engine,
    *,
    actor: Actor,
    data: dict[str, Any],
    promise_ids: Iterable[int] = (),
    internal_ids: Iterable[int] = (),
) -> dict[str, Any]:
    """Create an internal promise and the links to the promises it supports, all or nothing."""
    wanted = _wanted(promise_ids, internal_ids)

    def work(conn: Connection) -> dict[str, Any]:
        ctx = context(conn, actor)
        row = create_in(conn, ctx, "internal_promise", data)
        _set(conn, ctx, row["id"], wanted)
        return row

    return dbe.write(engine, work)


def set_supports(
    engine: Engine, *, actor: Actor, internal_id: int, promise_ids: Iterable[int] = (), internal_ids: Iterable[int] = ()
) -> None:
    """Make the promises that `internal_id` supports exactly these (customer and internal promises):
    links no longer wanted are deleted, new ones created (each checked against cycles), in one transaction."""
    wanted = _wanted(promise_ids, internal_ids)
    dbe.write(engine, lambda conn: _set(conn, context(conn, actor), internal_id, wanted))
