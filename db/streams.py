"""Value streams: create one with its default stages, and reorder stages, each in one transaction."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine, select

from cvm_core.errors import FieldError, NotFound, ValidationError
from cvm_core.streams import moved
from db import engine as dbe
from db import services
from db.services import Actor


def create_stream(engine: Engine, *, actor: Actor, data: dict[str, Any], stage_names: list[str]) -> dict[str, Any]:
    """A value stream and its stages, in order, all or nothing; returns the stream row."""

    def work(conn: Connection) -> dict[str, Any]:
        ctx = services.context(conn, actor)
        stream = services.create_in(conn, ctx, "value_stream", data)
        for position, name in enumerate(stage_names):
            services.create_in(
                conn, ctx, "value_stream_stage", {"stream_id": stream["id"], "name": name, "position": position}
            )
        return stream

    return dbe.write(engine, work)


def _stage_order(conn: Connection, workshop_id: int, stream_id: int) -> list[int]:
    t = services.table("value_stream_stage")
    query = (
        select(t.c.id).where(services.live_where(t, workshop_id, stream_id=stream_id)).order_by(t.c.position, t.c.id)
    )
    return list(conn.execute(query).scalars())


def _write_order(conn: Connection, ctx: services.Context, order: list[int]) -> None:
    t = services.table("value_stream_stage")
    current = dict(conn.execute(select(t.c.id, t.c.position).where(t.c.id.in_(order))).all())
    for position, stage_id in enumerate(order):
        if current.get(stage_id) != position:
            services.update_in(conn, ctx, "value_stream_stage", stage_id, None, {"position": position})


def reorder_stages(engine: Engine, *, actor: Actor, stream_id: int, stage_ids: list[int]) -> list[int]:
    """Put the stream's stages in the order given (every live stage exactly once); returns the order."""

    def work(conn: Connection) -> list[int]:
        ctx = services.context(conn, actor)
        live = _stage_order(conn, ctx.workshop_id, stream_id)
        if sorted(live) != sorted(stage_ids) or len(set(stage_ids)) != len(stage_ids):
            raise NotFound("errors.deleted_meanwhile")
        _write_order(conn, ctx, list(stage_ids))
        return list(stage_ids)

    return dbe.write(engine, work)


def move_stage(engine: Engine, *, actor: Actor, stream_id: int, stage_id: int, offset: int) -> list[int]:
    """Move one stage `offset` places earlier (negative) or later, against the order stored now."""
    if isinstance(offset, bool) or not isinstance(offset, int):
        raise ValidationError([FieldError("position", "errors.not_whole")], "value_stream_stage")

    def work(conn: Connection) -> list[int]:
        ctx = services.context(conn, actor)
        live = _stage_order(conn, ctx.workshop_id, stream_id)
        if stage_id not in live:
            raise NotFound("errors.deleted_meanwhile")
        order = moved(live, stage_id, offset)
        _write_order(conn, ctx, order)
        return order

    return dbe.write(engine, work)
