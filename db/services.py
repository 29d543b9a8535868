"""Create, update, soft-delete and restore every artefact: the one place that writes (db/read.py reads).

Every write runs in one short transaction: it checks who is acting (in the database, not from what a
page says), validates against the entity spec, checks references and duplicates inside the workshop,
compares versions, writes the row and its audit event, and commits, or changes nothing.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any

from sqlalchemy import Connection, Engine, Select, Table, Update, and_, bindparam, select, update
from sqlalchemy.sql import ColumnElement

from cvm_core import policy
from cvm_core.errors import ConflictError, DomainError, FieldError, NotFound, PermissionDenied, ValidationError
from cvm_core.schema import ENTITIES, LONGTEXT, TEXT, Entity, children, entity
from cvm_core.validation import text_key, validate
from db import changes, rules
from db import engine as dbe
from db.models import REFERABLE, AuditEvent, Participant, StepProgress, Workshop, utcnow


@dataclass(frozen=True)
class Actor:
    """Who acts, in which workshop. Rights are read from the database on every write."""

    workshop_id: int
    participant_id: int | None
    name: str = ""

    @classmethod
    def system(cls, workshop_id: int, name: str = "system") -> Actor:
        return cls(workshop_id, None, name)


@dataclass
class Context:
    """What a write needs to know about the workshop and the actor, read once per transaction."""

    workshop_id: int
    role: str
    scale_max: int
    dots_per_person: int
    actor: Actor
    conn: Connection

    @property
    def is_facilitator(self) -> bool:
        """Runs the room: a facilitator, a co-facilitator, or the system."""
        return self.role == "system" or policy.runs_room(self.role)

    @property
    def limits(self) -> dict[str, float]:
        return {"scale_max": self.scale_max, "dots_per_person": self.dots_per_person}

    def step_locked(self, step: int) -> bool:
        return bool(self.conn.execute(_LOCK_QUERY, {"wid": self.workshop_id, "step": step}).scalar())


_sp = StepProgress.__table__
_LOCK_QUERY = select(_sp.c.locked).where(
    _sp.c.workshop_id == bindparam("wid"), _sp.c.step == bindparam("step"), _sp.c.deleted_at.is_(None)
)


def table(name: str) -> Table:
    if name == "workshop":
        return Workshop.__table__
    return REFERABLE[name].__table__


def jsonable(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, datetime | date) else v for k, v in row.items()}


def audit(conn: Connection, actor: Actor, name: str, row_id: int | None, action: str, before: Any, after: Any) -> None:
    event = conn.execute(
        AuditEvent.__table__.insert(),
        {
            "workshop_id": actor.workshop_id,
            "at": utcnow(),
            "actor_id": actor.participant_id,
            "actor_name": actor.name[:80],
            "entity": name,
            "entity_id": row_id,
            "action": action,
            "before": jsonable(before) if before else None,
            "after": jsonable(after) if after else None,
        },
    )
    changes.note(actor.workshop_id, name, action, event.inserted_primary_key[0])


@cache
def _context_query(for_update: bool) -> Select:
    w, p = Workshop.__table__, Participant.__table__
    role = (
        select(p.c.role)
        .where(p.c.id == bindparam("pid"), p.c.workshop_id == w.c.id, p.c.deleted_at.is_(None))
        .scalar_subquery()
    )
    query = select(w.c.scale_max, w.c.dots_per_person, w.c.archived_at, w.c.deleted_at, role.label("role")).where(
        w.c.id == bindparam("wid")
    )
    return query.with_for_update(of=w) if for_update else query


def context(conn: Connection, actor: Actor, *, lock: bool = True, archived_ok: bool = False) -> Context:
    """Load the workshop and the actor's role in one query; on PostgreSQL also lock the workshop row so
    that writers in one workshop take turns (SQLite's BEGIN IMMEDIATE already does)."""
    query = _context_query(lock and conn.dialect.name != "sqlite")
    ws = conn.execute(query, {"pid": actor.participant_id, "wid": actor.workshop_id}).first()
    if ws is None or ws.deleted_at is not None:
        raise NotFound("errors.workshop_not_found")
    role_name = "system" if actor.participant_id is None else ws.role
    if role_name is None:
        raise PermissionDenied("errors.not_a_participant")
    if ws.archived_at is not None and role_name != "system" and not archived_ok:
        raise PermissionDenied("errors.workshop_archived")
    return Context(actor.workshop_id, role_name, ws.scale_max, ws.dots_per_person, actor, conn)


def _step_unlocked(ctx: Context, entity_name: str) -> None:
    step = ENTITIES[entity_name].step if entity_name in ENTITIES else None
    if step is not None and ctx.step_locked(step):
        raise PermissionDenied("errors.step_locked", step=step)


def _voting_open(ctx: Context, entity_name: str) -> None:
    if not ctx.conn.execute(_VOTING_QUERY, {"wid": ctx.workshop_id}).scalar():
        raise DomainError("errors.voting_closed")


_w = Workshop.__table__
_VOTING_QUERY = select(_w.c.voting_open).where(_w.c.id == bindparam("wid"))
_CONDITIONS = {policy.STEP_UNLOCKED: _step_unlocked, policy.VOTING_OPEN: _voting_open}


def require(ctx: Context, entity_name: str, action: str, row: dict[str, Any] | None = None, when: bool = True) -> None:
    """Refuse unless the table of rights (`cvm_core.policy`) lets the actor do `action` on `row` now
    (`row` None: before the row exists; `when` False: its conditions were checked already)."""
    if ctx.role == "system":
        return
    if not policy.allowed(entity_name, action, ctx.role, row, ctx.actor.participant_id):
        if entity_name == "pain" and action != policy.CREATE and row is not None and row.get("hidden"):
            raise NotFound("errors.not_found")  # a hidden pain is out of reach, as if it did not exist
        raise PermissionDenied(policy.refusal(entity_name, action, ctx.role))
    for condition in policy.conditions(entity_name, action, ctx.role) if when else ():
        _CONDITIONS[condition](ctx, entity_name)


def require_facilitator(ctx: Context) -> None:
    """Running the room (clock, current step, reveal): the policy's ("room", "update")."""
    require(ctx, "room", policy.UPDATE)


def check_refs(conn: Connection, ctx: Context, spec: Entity, data: dict[str, Any]) -> None:
    """Every reference points to a live row of the same workshop."""
    errors = []
    for f in spec.refs():
        value = data.get(f.name)
        if value is None:
            continue
        t = table(f.ref)
        found = conn.execute(select(t.c.deleted_at).where(t.c.id == value, t.c.workshop_id == ctx.workshop_id)).first()
        if found is None or found.deleted_at is not None:
            errors.append(FieldError(f.name, "errors.bad_reference"))
    if errors:
        raise ValidationError(errors, spec.name)


def _same(column: ColumnElement, value: Any) -> ColumnElement[bool]:
    return column.is_(None) if value is None else column == value


def dedupe_key(spec: Entity, data: dict[str, Any]) -> str | None:
    """The normalised values of the entity's unique fields: equal keys mean duplicates."""
    if not spec.unique:
        return None
    parts = []
    for f in spec.unique:
        value = data.get(f)
        parts.append(text_key(value or "") if spec.field(f).kind in (TEXT, LONGTEXT) else repr(value))
    key = "\x1f".join(parts)
    return key if len(key) <= 160 else "sha256:" + hashlib.sha256(key.encode()).hexdigest()


@cache
def _dupe_query(name: str) -> Select:
    t = table(name)
    return (
        select(t.c.id)
        .where(
            t.c.dedupe_key == bindparam("key"),
            t.c.workshop_id == bindparam("wid"),
            t.c.deleted_at.is_(None),
            t.c.id != bindparam("id"),
        )
        .limit(1)
    )


def check_unique(conn: Connection, ctx: Context, spec: Entity, data: dict[str, Any], row_id: int | None) -> str | None:
    """No other live row of the workshop has the same unique values (texts ignore case and spacing)."""
    key = dedupe_key(spec, data)
    if key is None:
        return None
    found = conn.execute(_dupe_query(spec.name), {"key": key, "wid": ctx.workshop_id, "id": row_id or 0}).first()
    if found is not None:
        fields = spec.unique
        texts = [f for f in fields if spec.field(f).kind in (TEXT, LONGTEXT)]
        raise ValidationError([FieldError(texts[0] if texts else fields[-1], "errors.duplicate")], spec.name)
    return key


def live_where(t: Table, workshop_id: int | ColumnElement[Any], **equal: Any) -> ColumnElement[bool]:
    """The live rows of one workshop whose columns hold `equal` (None matches an empty column)."""
    return and_(t.c.workshop_id == workshop_id, *(t.c[k] == v for k, v in equal.items()), t.c.deleted_at.is_(None))


def scope(t: Table, workshop_id: int) -> ColumnElement[bool]:
    """Rows of one workshop (the workshop table is its own scope)."""
    return t.c.id == workshop_id if t.name == "workshop" else t.c.workshop_id == workshop_id


@cache
def _row_query(name: str) -> Select:
    t = table(name)
    return select(t).where(t.c.id == bindparam("id"), scope(t, bindparam("wid")))


@cache
def _update_statement(name: str) -> Update:
    t = table(name)
    return update(t).where(t.c.id == bindparam("_id"), t.c.version == bindparam("_version"))


def _row(conn: Connection, name: str, workshop_id: int, row_id: int) -> dict[str, Any]:
    found = conn.execute(_row_query(name), {"id": row_id, "wid": workshop_id}).mappings().first()
    if found is None:
        raise NotFound("errors.not_found")
    return dict(found)


def insert_row(
    conn: Connection, ctx: Context, spec: Entity, clean: dict[str, Any], key: str | None = None
) -> dict[str, Any]:
    now = utcnow()
    values = {**clean, "workshop_id": ctx.workshop_id, "version": 1, "created_at": now, "updated_at": now}
    values["dedupe_key"] = key
    result = conn.execute(table(spec.name).insert(), values)
    row = {"id": result.inserted_primary_key[0], **values, "deleted_at": None}
    audit(conn, ctx.actor, spec.name, row["id"], "create", None, clean)
    return row


def create_in(conn: Connection, ctx: Context, name: str, data: dict[str, Any]) -> dict[str, Any]:
    """Create inside an open write transaction (for services that combine several writes)."""
    spec = entity(name)
    require(ctx, name, policy.CREATE)
    clean = rules.apply(conn, ctx, name, validate(spec, data, ctx.limits), None)
    require(ctx, name, policy.CREATE, clean, when=False)
    check_refs(conn, ctx, spec, clean)
    row = insert_row(conn, ctx, spec, clean, check_unique(conn, ctx, spec, clean, None))
    for follow, values in rules.written(conn, ctx, name, row, None):
        insert_row(conn, ctx, entity(follow), values)
    return row


def update_in(
    conn: Connection, ctx: Context, name: str, row_id: int, version: int | None, changes: dict[str, Any]
) -> dict[str, Any]:
    return update_in_table(conn, ctx, entity(name), row_id, version, changes)


def update_in_table(
    conn: Connection, ctx: Context, spec: Entity, row_id: int, version: int | None, changes: dict[str, Any]
) -> dict[str, Any]:
    """Check the right, compare versions, validate the whole row with the changes, write only what differs."""
    current = _row(conn, spec.name, ctx.workshop_id, row_id)
    if current["deleted_at"] is not None:
        raise NotFound("errors.deleted_meanwhile")
    require(ctx, spec.name, policy.UPDATE, current)
    if version is not None and current["version"] != version:
        raise ConflictError(spec.name, current)
    clean = validate(spec, {**{f: current[f] for f in spec.field_names}, **changes}, ctx.limits)
    clean = rules.apply(conn, ctx, spec.name, clean, current)
    diff = {k: v for k, v in clean.items() if v != current[k]}
    if not diff:
        return current
    check_refs(conn, ctx, spec, {k: clean[k] for k in diff})
    key = check_unique(conn, ctx, spec, clean, row_id)
    now = utcnow()
    extra = {"dedupe_key": key} if "dedupe_key" in current else {}
    done = conn.execute(
        _update_statement(spec.name),
        {**diff, **extra, "version": current["version"] + 1, "updated_at": now}
        | {"_id": row_id, "_version": current["version"]},
    )
    if done.rowcount != 1:
        raise ConflictError(spec.name, _row(conn, spec.name, ctx.workshop_id, row_id))
    audit(conn, ctx.actor, spec.name, row_id, "update", {k: current[k] for k in diff}, diff)
    row = {**current, **diff, "version": current["version"] + 1, "updated_at": now}
    for follow, values in rules.written(conn, ctx, spec.name, row, current):
        insert_row(conn, ctx, entity(follow), values)
    return row


def _cascade(conn: Connection, ctx: Context, name: str, ids: list[int], stamp: datetime | None, back: bool) -> set[str]:
    """Soft-delete (or bring back) the rows that depend on `ids`, stamped with the parent's time. A row
    brought back passes the checks of a new one (its values, its uniqueness). The entities touched."""
    touched: set[str] = set()
    for child, f in children(name):
        if f.on_delete != "cascade" or not ids:
            continue
        t = table(child.name)
        was = t.c.deleted_at == stamp if back else t.c.deleted_at.is_(None)
        hit = [
            dict(r)
            for r in conn.execute(
                select(t).where(t.c.workshop_id == ctx.workshop_id, t.c[f.name].in_(ids), was)
            ).mappings()
        ]
        if not hit:
            continue
        hit_ids = [r["id"] for r in hit]
        conn.execute(
            update(t).where(t.c.id.in_(hit_ids)).values(deleted_at=None if back else stamp, version=t.c.version + 1)
        )
        for row in hit:
            if back:
                data = validate(child, {k: row[k] for k in child.field_names}, ctx.limits)
                check_unique(conn, ctx, child, data, row["id"])
            audit(conn, ctx.actor, child.name, row["id"], "restore" if back else "delete", None, None)
        touched |= {child.name} | _cascade(conn, ctx, child.name, hit_ids, stamp, back)
    return touched


def delete_in(conn: Connection, ctx: Context, name: str, row_id: int) -> dict[str, Any]:
    spec = entity(name)
    current = _row(conn, name, ctx.workshop_id, row_id)
    require(ctx, name, policy.DELETE, current)
    if current["deleted_at"] is not None:
        return current
    rules.may_remove(conn, ctx, name, current)
    stamp = utcnow()
    t = table(name)
    conn.execute(update(t).where(t.c.id == row_id).values(deleted_at=stamp, version=current["version"] + 1))
    audit(conn, ctx.actor, name, row_id, "delete", {f: current[f] for f in spec.field_names}, None)
    _cascade(conn, ctx, name, [row_id], stamp, back=False)
    return {**current, "deleted_at": stamp, "version": current["version"] + 1}


def restore_in(conn: Connection, ctx: Context, name: str, row_id: int) -> dict[str, Any]:
    """Bring a deleted row back with what was deleted with it, through the checks of a create: the
    right, values within today's limits, uniqueness, the rules across rows (vote budgets, the promise
    tree). Any refusal undoes the whole restore."""
    spec = entity(name)
    current = _row(conn, name, ctx.workshop_id, row_id)
    require(ctx, name, policy.RESTORE, current)
    stamp = current["deleted_at"]
    if stamp is None:
        return current
    rules.may_remove(conn, ctx, name, current)
    data = {f: current[f] for f in spec.field_names}
    required_refs = {f.name: data[f.name] for f in spec.refs() if f.on_delete == "cascade"}
    try:
        check_refs(conn, ctx, spec, required_refs)
    except ValidationError as exc:
        raise ValidationError([FieldError(e.field, "errors.parent_deleted") for e in exc.errors], name) from exc
    rules.apply(conn, ctx, name, validate(spec, data, ctx.limits), current)
    check_unique(conn, ctx, spec, data, row_id)
    t = table(name)
    conn.execute(update(t).where(t.c.id == row_id).values(deleted_at=None, version=current["version"] + 1))
    audit(conn, ctx.actor, name, row_id, "restore", None, data)
    touched = _cascade(conn, ctx, name, [row_id], stamp, back=True)
    rules.restored(conn, ctx, {name} | touched)
    return {**current, "deleted_at": None, "version": current["version"] + 1}


def create(engine: Engine, *, actor: Actor, entity_name: str, data: dict[str, Any]) -> dict[str, Any]:
    """Validate and store a new row; returns it with its id and version."""
    return dbe.write(engine, lambda conn: create_in(conn, context(conn, actor), entity_name, data))


def update_row(
    engine: Engine, *, actor: Actor, entity_name: str, row_id: int, version: int | None, changes: dict[str, Any]
) -> dict[str, Any]:
    """Apply `changes` to a row last seen at `version`; ConflictError if someone saved since."""
    return dbe.write(engine, lambda conn: update_in(conn, context(conn, actor), entity_name, row_id, version, changes))


def delete(engine: Engine, *, actor: Actor, entity_name: str, row_id: int) -> dict[str, Any]:
    """Soft-delete a row and what depends on it; `restore` undoes it."""
    return dbe.write(engine, lambda conn: delete_in(conn, context(conn, actor), entity_name, row_id))


def restore(engine: Engine, *, actor: Actor, entity_name: str, row_id: int) -> dict[str, Any]:
    return dbe.write(engine, lambda conn: restore_in(conn, context(conn, actor), entity_name, row_id))


def set_links(
    engine: Engine, *, actor: Actor, entity_name: str, parent: tuple[str, int], child_field: str, ids: list[int]
) -> None:
    """Make the live links from one parent row exactly `ids` (e.g. the departments serving a customer):
    links no longer wanted are soft-deleted, new ones created, all in one transaction."""
    parent_field, parent_id = parent

    def work(conn: Connection) -> None:
        ctx = context(conn, actor)
        t = table(entity_name)
        live = conn.execute(
            select(t.c.id, t.c[child_field]).where(live_where(t, ctx.workshop_id, **{parent_field: parent_id}))
        ).all()
        have = {row[1]: row[0] for row in live}
        for child, link_id in have.items():
            if child not in ids:
                delete_in(conn, ctx, entity_name, link_id)
        for child in dict.fromkeys(ids):
            if child not in have:
                create_in(conn, ctx, entity_name, {parent_field: parent_id, child_field: child})

    dbe.write(engine, work)
