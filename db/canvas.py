"""Step 4 services: one score of the strategy canvas, saved against the version it was read at."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine, select

from cvm_core.errors import ConflictError
from db import engine as dbe
from db.models import CanvasScore
from db.services import Actor, context, create_in, delete_in, live_where, update_in

_s = CanvasScore.__table__


def _stored(conn: Connection, actor: Actor, offering_id: int, factor_id: int) -> dict[str, Any] | None:
    row = (
        conn.execute(select(_s).where(live_where(_s, actor.workshop_id, offering_id=offering_id, factor_id=factor_id)))
        .mappings()
        .first()
    )
    return dict(row) if row else None


def set_score(
    engine: Engine, *, actor: Actor, offering_id: int, factor_id: int, score: Any, version: int | None
) -> int | None:
    """Set (or, with None, clear) an offering's score on a factor, last seen at `version` (None: seen
    empty). ConflictError when someone set or changed it meanwhile. Returns the new version."""

    def work(conn: Connection) -> int | None:
        ctx = context(conn, actor)
        stored = _stored(conn, actor, offering_id, factor_id)
        if stored is not None and stored["version"] != version:
            raise ConflictError("canvas_score", stored)
        if stored is None and version is not None:
            raise ConflictError("canvas_score", {"score": None, "version": None})
        if score is None or score == "":
            if stored is not None:
                delete_in(conn, ctx, "canvas_score", stored["id"])
            return None
        if stored is None:
            data = {"offering_id": offering_id, "factor_id": factor_id, "score": score}
            return create_in(conn, ctx, "canvas_score", data)["version"]
        return update_in(conn, ctx, "canvas_score", stored["id"], version, {"score": score})["version"]

    return dbe.write(engine, work)
