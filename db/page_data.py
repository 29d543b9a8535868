"""What a page shows, read only when it changed: the newest audit event of the kinds of rows the page
shows is a change marker (every write is audited in its own transaction), so a page can keep what it
computed while the marker stays the same."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, Engine, func, select

from db import engine as dbe
from db.models import AuditEvent, Participant
from db.services import table
from db.snapshot import Snapshot, workshop_data

_audit = AuditEvent.__table__


def marker(conn: Connection, workshop_id: int, entities: Iterable[str] | None = None) -> int:
    """The id of the newest audit event of the workshop (of `entities` only, when given); 0 if none."""
    query = select(func.max(_audit.c.id)).where(_audit.c.workshop_id == workshop_id)
    if entities is not None:
        query = query.where(_audit.c.entity.in_(tuple(entities)))
    return conn.execute(query).scalar() or 0


def _rows(conn: Connection, workshop_id: int, name: str) -> list[dict[str, Any]]:
    if name == "workshop":  # its settings (hourly rate, scale, voting), never the passcode hash
        w = table("workshop")
        found = conn.execute(select(w).where(w.c.id == workshop_id)).mappings().first()
        return [{k: v for k, v in found.items() if k != "passcode_hash"}] if found else []
    t = Participant.__table__ if name == "participant" else table(name)
    query = select(t).where(t.c.workshop_id == workshop_id, t.c.deleted_at.is_(None)).order_by(t.c.id)
    return [dict(r) for r in conn.execute(query).mappings()]


def read_if_changed(
    engine: Engine, *, workshop_id: int, entities: tuple[str, ...], known: int | None
) -> tuple[int, Snapshot | None]:
    """(marker, live rows of `entities` by name), or (marker, None) when the marker is still `known`.
    The marker and the rows are read in one transaction, so the rows are never older than the marker."""
    with dbe.reading(engine) as conn:
        now = marker(conn, workshop_id, entities)
        if now == known:
            return now, None
        return now, {name: _rows(conn, workshop_id, name) for name in entities}


def snapshot_if_changed(engine: Engine, *, workshop_id: int, known: int | None) -> tuple[int, Snapshot | None]:
    """(marker, the whole workshop snapshot), or (marker, None) when nothing changed since `known`."""
    with dbe.reading(engine) as conn:
        now = marker(conn, workshop_id)
    if now == known:
        return now, None
    return now, workshop_data(engine, workshop_id=workshop_id)
