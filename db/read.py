"""The one door for reading a workshop: who reads, which rows they may see, and change markers, in one
transaction.

Every page, summary and export reads here, so the rules of cvm_core/visibility.py (hidden brainstorm
entries, anonymous votes, secrets) hold wherever rows go. A change marker is the id of the newest audit
event of an entity (every write is audited in its own transaction). A caller that keeps what it read
passes it back as `previous`: only the entities whose marker moved are read again, and when none did the
same View comes back, so a rerun while nothing changed costs one small query.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import Connection, Engine, Select, bindparam, func, select

from cvm_core import policy, visibility
from cvm_core.errors import NotFound, PermissionDenied
from cvm_core.rounds import Round
from cvm_core.rows import Row
from cvm_core.schema import ENTITIES
from cvm_core.settings import ROUNDS_MAX
from cvm_core.visibility import SYSTEM, Viewer
from db import engine as dbe
from db.changes import ROOM_ACTIONS
from db.models import REFERABLE, AuditEvent, PainMerge, Participant, Workshop
from db.services import Actor

EVERY = tuple(ENTITIES)  # every artefact of the method (with "participant": the whole workshop)
_audit, _w, _p, _m = AuditEvent.__table__, Workshop.__table__, Participant.__table__, PainMerge.__table__


@dataclass(frozen=True)
class View:
    """What one read returns: the rows by entity (their "withheld" rows count what exists but this person
    may not see: cvm_core.visibility.withheld), who read them and each entity's change marker. The rows
    are shared with later reads and other readers: never change them."""

    markers: Mapping[str, int]
    viewer: Viewer
    data: dict[str, list[Row]]

    @property
    def marker(self) -> int:
        """The newest change of anything this view shows."""
        return max(self.markers.values(), default=0)


class Kept:
    """A server-wide keep of the newest few entries (least recently used first out), safe across threads:
    reads kept to pass as `previous` to the next read of the same reader or audience (ui/frame.py,
    web/lists.py), so that only what changed is read again."""

    def __init__(self, size: int) -> None:
        self.size, self.lock, self.items = size, threading.Lock(), OrderedDict()

    def get(self, key: Any) -> Any:
        with self.lock:
            found = self.items.get(key)
            if found is not None:
                self.items.move_to_end(key)
            return found

    def put(self, key: Any, entry: Any) -> None:
        with self.lock:
            self.items[key] = entry
            self.items.move_to_end(key)
            while len(self.items) > self.size:
                self.items.popitem(last=False)


_ROOM_MOVE = (_audit.c.entity == "workshop") & _audit.c.action.in_(ROOM_ACTIONS)


def marker(conn: Connection, workshop_id: int, entities: Iterable[str] | None = None) -> int:
    """The id of the newest audit event of the workshop (of `entities` only, when given); 0 if none. The
    room's own moves (timer, current step) change no row a page shows: they only redraw the room bar."""
    query = _marker_query(None if entities is None else tuple(entities))
    return conn.execute(query, {"wid": workshop_id}).scalar() or 0


@cache
def _marker_query(entities: tuple[str, ...] | None) -> Select:
    query = select(func.max(_audit.c.id)).where(_audit.c.workshop_id == bindparam("wid"), ~_ROOM_MOVE)
    if entities is not None:
        query = query.where(_audit.c.entity.in_(entities))
    return query


@cache
def _markers_query(entities: tuple[str, ...] | None) -> Select:
    query = select(_audit.c.entity, func.max(_audit.c.id)).where(_audit.c.workshop_id == bindparam("wid"), ~_ROOM_MOVE)
    if entities is not None:
        query = query.where(_audit.c.entity.in_(entities))
    return query.group_by(_audit.c.entity)


def _markers(conn: Connection, workshop_id: int, entities: tuple[str, ...] | None) -> dict[str, int]:
    """Each entity's newest audit event (room moves left out): one grouped query on the audit index (built
    once per set of entities)."""
    found = dict(conn.execute(_markers_query(entities), {"wid": workshop_id}).all())
    return {name: found.get(name, 0) for name in entities} if entities is not None else found


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


def public_workshop(conn: Connection, workshop_id: int) -> Row | None:
    """The workshop row as anyone in it may read it; None when it is gone."""
    found = conn.execute(_WORKSHOP, {"wid": workshop_id}).mappings().first()
    return None if found is None or found["deleted_at"] is not None else visibility.public(found)


def _workshop(conn: Connection, workshop_id: int) -> Row:
    found = public_workshop(conn, workshop_id)
    if found is None:
        raise NotFound("errors.workshop_not_found")
    return found


def marked(entities: tuple[str, ...] | None) -> tuple[str, ...] | None:
    """The audit entities whose events change what a read of `entities` returns: the entities, the
    workshop (its settings decide visibility) and, where rows depend on who reads, the people."""
    if entities is None:
        return None
    extra = ("pain", "participant") if visibility.PERSONAL.intersection(entities) else ()
    return tuple(dict.fromkeys((*entities, "workshop", *extra)))


RAW_ENTRIES = 64  # per engine: a workshop's personal entities, for the few newest sets of their markers


class _Raw:
    """The rows of the entities whose visibility depends on who reads them (cvm_core.visibility.PERSONAL),
    as stored, before any rule is applied: read once for everyone in this process, and filtered per reader.
    A room of thirty whose pains changed reads them once, not thirty times. The key holds every personal
    entity's change marker, because a merge of pains moves votes and links under the pain's marker alone."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.kept: weakref.WeakKeyDictionary[Engine, OrderedDict] = weakref.WeakKeyDictionary()

    def rows(self, conn: Connection, engine: Engine, key: tuple, read: Any) -> list[Row]:
        with self.lock:
            entries = self.kept.setdefault(engine, OrderedDict())
            found = entries.get(key)
        if found is None:
            found = read(conn)
            with self.lock:
                entries[key] = found
                while len(entries) > RAW_ENTRIES:
                    entries.popitem(last=False)
        return found


_raw = _Raw()


def _fetch(conn: Connection, name: str, workshop_id: int, deleted: bool) -> list[Row]:
    found = conn.execute(_query(name, deleted), {"wid": workshop_id})
    keys = tuple(found.keys())
    return [dict(zip(keys, r, strict=True)) for r in found.all()]  # fetched at once, not row by row


def _audience(viewer: Viewer, names: tuple[str, ...] | None) -> tuple[str, int | None]:
    return visibility.audience(viewer, names if names is not None else EVERY)


def read(
    engine: Engine,
    *,
    actor: Actor,
    entities: Iterable[str] | None = EVERY,
    previous: View | None = None,
    deleted: bool = False,
) -> View:
    """The workshop row and the rows of `entities` (None: every entity and the participants) that `actor`
    may see, with their change markers, in one transaction; `deleted` gives the bin (newest first) instead
    of the live rows. Rows are plain dicts of the entity's fields with `id` and `version`.

    With `previous` (an earlier read of the same entities by the same person) only what changed is read
    again, and `previous` itself comes back when nothing did. Rows whose visibility depends on the reader
    are read again together whenever one of them, the workshop's settings or the people changed."""
    names = None if entities is None else tuple(entities)
    wanted = names if names is not None else ("participant", *EVERY)
    with dbe.reading(engine) as conn:
        viewer = _viewer(conn, actor)
        markers = _markers(conn, actor.workshop_id, marked(names) if names is not None else None)
        if previous is not None and (deleted or _audience(previous.viewer, names) != _audience(viewer, names)):
            previous = None  # what another reader saw is reused only where both may see the same rows
        if previous is not None and markers == previous.markers:
            return previous
        changed = {n for n in markers if previous is None or markers[n] != previous.markers.get(n)}
        personal = previous is None or bool(changed & (visibility.PERSONAL | {"workshop", "participant"}))
        workshop = _workshop(conn, actor.workshop_id)
        data: dict[str, list[Row]] = {"workshop": [workshop]}
        stored = tuple(sorted((n, m) for n, m in markers.items() if n in visibility.PERSONAL))
        for name in wanted:
            if previous is not None and name not in changed and not (personal and name in visibility.PERSONAL):
                data[name] = previous.data[name]
            elif name in visibility.PERSONAL and not deleted:
                key = (actor.workshop_id, name, stored)
                data[name] = _raw.rows(conn, engine, key, lambda c, n=name: _fetch(c, n, actor.workshop_id, False))
            else:
                data[name] = _fetch(conn, name, actor.workshop_id, deleted)
    if personal:
        counts = visibility.apply(data, viewer, workshop)
        data[visibility.WITHHELD] = [{"entity": name, "count": n} for name, n in counts.items()]
    else:
        data[visibility.WITHHELD] = previous.data[visibility.WITHHELD]
    return View(markers, viewer, data)


def backup(engine: Engine, *, actor: Actor) -> dict[str, list[Row]]:
    """Every live row of the workshop, hidden entries and vote authors included: the file that restores
    it. Only for those who run it (facilitators, co-facilitators) and the operator (a participant's download
    is a view: `read`). The workshop row also names the round it followed (`predecessor_name`)."""
    with dbe.reading(engine) as conn:
        viewer = _viewer(conn, actor)
        if viewer.role != SYSTEM and not policy.runs_room(viewer.role):
            raise PermissionDenied("errors.facilitator_only")
    data = read(engine, actor=Actor.system(actor.workshop_id), entities=None).data
    workshop = data["workshop"][0]
    if workshop.get("predecessor_id") is not None:
        with dbe.reading(engine) as conn:
            name = conn.execute(select(_w.c.name).where(_w.c.id == workshop["predecessor_id"])).scalar()
        data["workshop"] = [{**workshop, "predecessor_name": name}]
    return data


# What a round shows of itself to the people of another round of its line: no people, no votes, nothing
# personal; pains are read only so that what hangs on a hidden one stays hidden.
ROUND_ENTITIES = (
    "department",
    "customer",
    "pain",
    "value_factor",
    "offering",
    "canvas_score",
    "errc_action",
    "promise",
    "internal_promise",
    "promise_support",
    "team_member",
    "economics",
    "motivation_plan",
    "feedback_round",
    "feedback",
    "action",
)
_ROOM = Viewer(None, "participant")  # someone in the room who wrote nothing: sees what everyone sees
_LINE = select(_w.c.id, _w.c.predecessor_id).where(_w.c.deleted_at.is_(None))


def line(conn: Connection, workshop_id: int) -> list[int]:
    """The workshops of a line, oldest first: those before `workshop_id` (each the predecessor of the next),
    it, and those after it (the newest one started from each), at most ROUNDS_MAX around it."""
    rows = conn.execute(_LINE).all()
    before = {r.id: r.predecessor_id for r in rows}
    after: dict[int, int] = {}
    for r in sorted(rows, key=lambda r: r.id):
        if r.predecessor_id is not None:
            after[r.predecessor_id] = r.id  # the newest successor wins
    chain = [workshop_id]
    while before.get(chain[0]) in before and before[chain[0]] not in chain and len(chain) < ROUNDS_MAX:
        chain.insert(0, before[chain[0]])
    while after.get(chain[-1]) is not None and after[chain[-1]] not in chain and len(chain) < 2 * ROUNDS_MAX:
        chain.append(after[chain[-1]])
    return chain


def rounds(engine: Engine, *, actor: Actor) -> list[Round]:
    """The rounds of the actor's workshop (see `line`), each as anyone in its room sees it, without people
    or pains; the actor's own round as they see it. For anyone in the actor's workshop."""
    with dbe.reading(engine) as conn:
        _viewer(conn, actor)
        ids = line(conn, actor.workshop_id)
    out = []
    for workshop_id in ids:
        if workshop_id == actor.workshop_id:
            data = read(engine, actor=actor, entities=ROUND_ENTITIES).data or {}
        else:
            data = read(engine, actor=Actor.system(workshop_id), entities=ROUND_ENTITIES).data or {}
            visibility.apply(data, _ROOM, data["workshop"][0])
        data = {k: v for k, v in data.items() if k not in ("pain", visibility.WITHHELD)}
        out.append(Round(workshop_id, data["workshop"][0]["name"], data, workshop_id == actor.workshop_id))
    return out


def rows(
    engine: Engine, *, workshop_id: int, entity_name: str, deleted: bool = False, where: dict[str, Any] | None = None
) -> list[Row]:
    """The operator's rows of one entity (every row, as the command line, the demo and tests see them);
    `where` keeps rows whose fields have these values."""
    found = read(engine, actor=Actor.system(workshop_id), entities=(entity_name,), deleted=deleted).data
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


def merges(engine: Engine, *, actor: Actor) -> list[Row]:
    """The merges of the actor's workshop that can still be undone, newest first (facilitator only): the
    merged pain's id, the originals' ids and who merged when."""
    with dbe.reading(engine) as conn:
        role = _viewer(conn, actor).role
        if role != SYSTEM and not policy.runs_room(role):
            raise PermissionDenied("errors.facilitator_only")
        query = (
            select(_m.c.pain_id, _m.c.originals, _m.c.at, _m.c.actor_name)
            .where(_m.c.workshop_id == actor.workshop_id, _m.c.undone_at.is_(None))
            .order_by(_m.c.id.desc())
        )
        return [dict(r) for r in conn.execute(query).mappings()]
