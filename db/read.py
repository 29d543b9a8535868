"""The one door for reading a workshop: who reads, which rows they may see, and a change marker, in one
transaction.

Every page, summary and export reads here, so the rules of cvm_core/visibility.py (hidden brainstorm
entries, anonymous votes, secrets) hold wherever rows go. The change marker is the id of the newest audit
event of the entities read (every write is audited in its own transaction): a caller that keeps rows
passes the marker it has as `known` and gets no rows back while nothing changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import Connection, Engine, Select, bindparam, func, select

from cvm_core import policy, visibility
from cvm_core.errors import NotFound, PermissionDenied
from cvm_core.rows import Row
from cvm_core.schema import ENTITIES
from cvm_core.visibility import SYSTEM, Viewer
from db import engine as dbe
from db.changes import ROOM_ACTIONS
from db.models import REFERABLE, AuditEvent, Participant, Workshop
from db.services import Actor

EVERY = tuple(ENTITIES)  # every artefact of the method (with "participant": the whole workshop)
_audit, _w, _p = AuditEvent.__table__, Workshop.__table__, Participant.__table__


@dataclass(frozen=True)
class View:
    """What one read returns. `data` is None when nothing changed since the marker the caller knew; its
    "withheld" rows count what exists but this person may not see (cvm_core.visibility.withheld)."""

    marker: int
    viewer: Viewer
    data: dict[str, list[Row]] | None


_ROOM_MOVE = (_audit.c.entity == "workshop") & _audit.c.action.in_(ROOM_ACTIONS)


def marker(conn: Connection, workshop_id: int, entities: Iterable[str] | None = None) -> int:
    """The id of the newest audit event of the workshop (of `entities` only, when given); 0 if none. The
    room's own moves (timer, current step) change no row a page shows: they only redraw the room bar."""
    query = select(func.max(_audit.c.id)).where(_audit.c.workshop_id == workshop_id, ~_ROOM_MOVE)
    if entities is not None:
        query = query.where(_audit.c.entity.in_(tuple(entities)))
    return conn.execute(query).scalar() or 0


def marker_now(engine: Engine, *, workshop_id: int, entities: Iterable[str] = ()) -> int:
    """`marker` in a transaction of its own (all the workshop's entities when `entities` is empty)."""
    with dbe.reading(engine) as conn:
        return marker(conn, workshop_id, tuple(entities) or None)


@cache
def _columns(name: str) -> tuple[str, ...]:
    if name == "participant":
        return visibility.PARTICIPANT
    return ("id", "version", *ENTITIES[name].field_names)


@cache
def _query(name: str, deleted: bool) -> Select:
    t = REFERABLE[name].__table__
    columns = [t.c[c] for c in _columns(name)]
    if deleted:
        return (
            select(*columns, t.c.deleted_at)
            .where(t.c.workshop_id == bindparam("wid"), t.c.deleted_at.is_not(None))
            .order_by(t.c.deleted_at.desc(), t.c.id.desc())
        )
    return select(*columns).where(t.c.workshop_id == bindparam("wid"), t.c.deleted_at.is_(None)).order_by(t.c.id)


_WORKSHOP = select(*(_w.c[c] for c in visibility.PUBLIC), _w.c.deleted_at).where(_w.c.id == bindparam("wid"))
_ROLE = select(_p.c.role).where(
    _p.c.id == bindparam("pid"), _p.c.workshop_id == bindparam("wid"), _p.c.deleted_at.is_(None)
)


def _viewer(conn: Connection, actor: Actor) -> Viewer:
    if actor.participant_id is None:
        return Viewer(None, SYSTEM)
    role = conn.execute(_ROLE, {"pid": actor.participant_id, "wid": actor.workshop_id}).scalar()
    if role is None:
        raise PermissionDenied("errors.not_a_participant")
    return Viewer(actor.participant_id, role)


def _workshop(conn: Connection, workshop_id: int) -> Row:
    found = conn.execute(_WORKSHOP, {"wid": workshop_id}).mappings().first()
    if found is None or found["deleted_at"] is not None:
        raise NotFound("errors.workshop_not_found")
    return {c: found[c] for c in visibility.PUBLIC}


def marked(entities: tuple[str, ...] | None) -> tuple[str, ...] | None:
    """The audit entities whose events change what a read of `entities` returns: the entities, the
    workshop (its settings decide visibility) and, where rows depend on who reads, the people."""
    if entities is None:
        return None
    extra = ("participant",) if visibility.PERSONAL.intersection(entities) else ()
    return tuple(dict.fromkeys((*entities, "workshop", *extra)))


def read(
    engine: Engine,
    *,
    actor: Actor,
    entities: Iterable[str] | None = EVERY,
    known: int | None = None,
    deleted: bool = False,
) -> View:
    """The workshop row and the rows of `entities` (None: every entity and the participants) that `actor`
    may see, with the change marker, in one transaction; `deleted` gives the bin (newest first) instead
    of the live rows. Rows are plain dicts of the entity's fields with `id` and `version`."""
    names = None if entities is None else tuple(entities)
    with dbe.reading(engine) as conn:
        viewer = _viewer(conn, actor)
        now = marker(conn, actor.workshop_id, marked(names))
        if known is not None and now == known:
            return View(now, viewer, None)
        workshop = _workshop(conn, actor.workshop_id)
        data = {"workshop": [workshop]}
        for name in names if names is not None else ("participant", *EVERY):
            data[name] = [dict(r) for r in conn.execute(_query(name, deleted), {"wid": actor.workshop_id}).mappings()]
    counts = visibility.apply(data, viewer, workshop)
    data[visibility.WITHHELD] = [{"entity": name, "count": n} for name, n in counts.items()]
    return View(now, viewer, data)


def backup(engine: Engine, *, actor: Actor) -> dict[str, list[Row]]:
    """Every live row of the workshop, hidden entries and vote authors included: the file that restores
    it. Only for those who run it (facilitators, co-facilitators) and the operator (a participant's download is a view: `read`)."""
    with dbe.reading(engine) as conn:
        viewer = _viewer(conn, actor)
        if viewer.role != SYSTEM and not policy.runs_room(viewer.role):
            raise PermissionDenied("errors.facilitator_only")
    return read(engine, actor=Actor.system(actor.workshop_id), entities=None).data or {}


def rows(
    engine: Engine, *, workshop_id: int, entity_name: str, deleted: bool = False, where: dict[str, Any] | None = None
) -> list[Row]:
    """The operator's rows of one entity (every row, as the command line, the demo and tests see them);
    `where` keeps rows whose fields have these values."""
    found = read(engine, actor=Actor.system(workshop_id), entities=(entity_name,), deleted=deleted).data or {}
    return [r for r in found[entity_name] if all(r.get(k) == v for k, v in (where or {}).items())]


def row(engine: Engine, *, workshop_id: int, entity_name: str, row_id: int) -> Row:
    """One row by id, live or deleted, as the operator sees it."""
    for deleted in (False, True):
        found = rows(engine, workshop_id=workshop_id, entity_name=entity_name, deleted=deleted, where={"id": row_id})
        if found:
            return {"deleted_at": None, **found[0]}
    raise NotFound("errors.not_found")


def audit_events(engine: Engine, *, workshop_id: int, limit: int = 200) -> list[Row]:
    """The workshop's newest audit events (the operator's: they hold what rows were before and after)."""
    query = select(_audit).where(_audit.c.workshop_id == workshop_id).order_by(_audit.c.id.desc()).limit(limit)
    with dbe.reading(engine) as conn:
        return [dict(r) for r in conn.execute(query).mappings()]
