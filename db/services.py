"""Create, update, soft-delete, restore and read every artefact: the one place that writes.

Every write runs in one short transaction: it checks who is acting (in the database, not from what a
page says), validates against the entity spec, checks references and duplicates inside the workshop,
compares versions, writes the row and its audit event, and commits, or changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Engine, Table, select, update
from sqlalchemy.sql import ColumnElement

from cvm_core.errors import ConflictError, FieldError, NotFound, PermissionDenied, ValidationError
from cvm_core.schema import LONGTEXT, TEXT, Entity, children, entity
from cvm_core.validation import text_key, validate
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


@dataclass(frozen=True)
class Context:
    """What a write needs to know about the workshop and the actor, read in one query."""

    workshop_id: int
    role: str
    scale_max: int
    dots_per_person: int
    locked_steps: frozenset[int]
    actor: Actor

    @property
    def is_facilitator(self) -> bool:
        return self.role in ("facilitator", "system")

    @property
    def limits(self) -> dict[str, float]:
        return {"scale_max": self.scale_max, "dots_per_person": self.dots_per_person}


def table(name: str) -> Table:
    if name == "workshop":
        return Workshop.__table__
    return REFERABLE[name].__table__


def jsonable(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, datetime | date) else v for k, v in row.items()}


def audit(conn: Connection, actor: Actor, name: str, row_id: int | None, action: str, before: Any, after: Any) -> None:
    conn.execute(
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


def context(conn: Connection, actor: Actor, *, lock: bool = True, archived_ok: bool = False) -> Context:
    """Load the workshop and the actor's role; on PostgreSQL also lock the workshop row so that
    writers in one workshop take turns (SQLite's BEGIN IMMEDIATE already does)."""
    w = Workshop.__table__
    query = select(w.c.scale_max, w.c.dots_per_person, w.c.archived_at, w.c.deleted_at).where(
        w.c.id == actor.workshop_id
    )
    if lock and not conn.dialect.name == "sqlite":
        query = query.with_for_update()
    ws = conn.execute(query).first()
    if ws is None or ws.deleted_at is not None:
        raise NotFound("errors.workshop_not_found")
    role = "system"
    if actor.participant_id is not None:
        p = Participant.__table__
        role = conn.execute(
            select(p.c.role).where(
                p.c.id == actor.participant_id,
                p.c.workshop_id == actor.workshop_id,
                p.c.deleted_at.is_(None),
            )
        ).scalar()
        if role is None:
            raise PermissionDenied("errors.not_a_participant")
    if ws.archived_at is not None and role != "system" and not archived_ok:
        raise PermissionDenied("errors.workshop_archived")
    sp = StepProgress.__table__
    locked = conn.execute(
        select(sp.c.step).where(sp.c.workshop_id == actor.workshop_id, sp.c.locked.is_(True), sp.c.deleted_at.is_(None))
    ).scalars()
    return Context(actor.workshop_id, role, ws.scale_max, ws.dots_per_person, frozenset(locked), actor)


def require_facilitator(ctx: Context) -> None:
    if not ctx.is_facilitator:
        raise PermissionDenied("errors.facilitator_only")


def _allowed(ctx: Context, spec: Entity) -> None:
    if spec.facilitator_only:
        require_facilitator(ctx)
    if spec.step in ctx.locked_steps and not ctx.is_facilitator:
        raise PermissionDenied("errors.step_locked", step=spec.step)


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


def check_unique(conn: Connection, ctx: Context, spec: Entity, data: dict[str, Any], row_id: int | None) -> None:
    """No other live row of the workshop has the same values (texts compared ignoring case and spacing)."""
    t = table(spec.name)
    for fields in spec.unique:
        texts = [f for f in fields if spec.field(f).kind in (TEXT, LONGTEXT)]
        exact = [f for f in fields if f not in texts]
        query = select(t.c.id, *[t.c[f] for f in texts]).where(
            t.c.workshop_id == ctx.workshop_id,
            t.c.deleted_at.is_(None),
            *[_same(t.c[f], data.get(f)) for f in exact],
        )
        if row_id is not None:
            query = query.where(t.c.id != row_id)
        wanted = [text_key(data.get(f) or "") for f in texts]
        for other in conn.execute(query):
            if [text_key(getattr(other, f) or "") for f in texts] == wanted:
                raise ValidationError(
                    [FieldError(fields[-1] if not texts else texts[0], "errors.duplicate")], spec.name
                )


def scope(t: Table, workshop_id: int) -> ColumnElement[bool]:
    """Rows of one workshop (the workshop table is its own scope)."""
    return t.c.id == workshop_id if t.name == "workshop" else t.c.workshop_id == workshop_id


def _row(conn: Connection, name: str, workshop_id: int, row_id: int) -> dict[str, Any]:
    t = table(name)
    found = conn.execute(select(t).where(t.c.id == row_id, scope(t, workshop_id))).mappings().first()
    if found is None:
        raise NotFound("errors.not_found")
    return dict(found)


def insert_row(conn: Connection, ctx: Context, spec: Entity, clean: dict[str, Any]) -> dict[str, Any]:
    now = utcnow()
    values = {**clean, "workshop_id": ctx.workshop_id, "version": 1, "created_at": now, "updated_at": now}
    result = conn.execute(table(spec.name).insert(), values)
    row = {"id": result.inserted_primary_key[0], **values, "deleted_at": None}
    audit(conn, ctx.actor, spec.name, row["id"], "create", None, clean)
    return row


def create_in(conn: Connection, ctx: Context, name: str, data: dict[str, Any]) -> dict[str, Any]:
    """Create inside an open write transaction (for services that combine several writes)."""
    spec = entity(name)
    _allowed(ctx, spec)
    clean = validate(spec, data, ctx.limits)
    check_refs(conn, ctx, spec, clean)
    check_unique(conn, ctx, spec, clean, None)
    return insert_row(conn, ctx, spec, clean)


def update_in(
    conn: Connection, ctx: Context, name: str, row_id: int, version: int | None, changes: dict[str, Any]
) -> dict[str, Any]:
    spec = entity(name)
    _allowed(ctx, spec)
    return update_in_table(conn, ctx, spec, row_id, version, changes)


def update_in_table(
    conn: Connection, ctx: Context, spec: Entity, row_id: int, version: int | None, changes: dict[str, Any]
) -> dict[str, Any]:
    """Compare versions, validate the whole row with the changes, write only what differs."""
    current = _row(conn, spec.name, ctx.workshop_id, row_id)
    if current["deleted_at"] is not None:
        raise NotFound("errors.deleted_meanwhile")
    if version is not None and current["version"] != version:
        raise ConflictError(spec.name, current)
    clean = validate(spec, {**{f: current[f] for f in spec.field_names}, **changes}, ctx.limits)
    diff = {k: v for k, v in clean.items() if v != current[k]}
    if not diff:
        return current
    check_refs(conn, ctx, spec, {k: clean[k] for k in diff})
    check_unique(conn, ctx, spec, clean, row_id)
    t = table(spec.name)
    now = utcnow()
    done = conn.execute(
        update(t)
        .where(t.c.id == row_id, t.c.version == current["version"])
        .values(**diff, version=current["version"] + 1, updated_at=now)
    )
    if done.rowcount != 1:
        raise ConflictError(spec.name, _row(conn, spec.name, ctx.workshop_id, row_id))
    audit(conn, ctx.actor, spec.name, row_id, "update", {k: current[k] for k in diff}, diff)
    return {**current, **diff, "version": current["version"] + 1, "updated_at": now}


def _cascade(conn: Connection, ctx: Context, name: str, ids: list[int], stamp: datetime | None, back: bool) -> None:
    """Soft-delete (or bring back) the rows that depend on `ids`, stamped with the parent's time."""
    for child, f in children(name):
        if f.on_delete != "cascade" or not ids:
            continue
        t = table(child.name)
        was = t.c.deleted_at == stamp if back else t.c.deleted_at.is_(None)
        hit = conn.execute(
            select(t.c.id).where(t.c.workshop_id == ctx.workshop_id, t.c[f.name].in_(ids), was)
        ).scalars()
        hit = list(hit)
        if not hit:
            continue
        conn.execute(
            update(t).where(t.c.id.in_(hit)).values(deleted_at=None if back else stamp, version=t.c.version + 1)
        )
        for child_id in hit:
            audit(conn, ctx.actor, child.name, child_id, "restore" if back else "delete", None, None)
        _cascade(conn, ctx, child.name, hit, stamp, back)


def delete_in(conn: Connection, ctx: Context, name: str, row_id: int) -> dict[str, Any]:
    spec = entity(name)
    _allowed(ctx, spec)
    current = _row(conn, name, ctx.workshop_id, row_id)
    if current["deleted_at"] is not None:
        return current
    stamp = utcnow()
    t = table(name)
    conn.execute(update(t).where(t.c.id == row_id).values(deleted_at=stamp, version=current["version"] + 1))
    audit(conn, ctx.actor, name, row_id, "delete", {f: current[f] for f in spec.field_names}, None)
    _cascade(conn, ctx, name, [row_id], stamp, back=False)
    return {**current, "deleted_at": stamp, "version": current["version"] + 1}


def restore_in(conn: Connection, ctx: Context, name: str, row_id: int) -> dict[str, Any]:
    spec = entity(name)
    _allowed(ctx, spec)
    current = _row(conn, name, ctx.workshop_id, row_id)
    stamp = current["deleted_at"]
    if stamp is None:
        return current
    data = {f: current[f] for f in spec.field_names}
    required_refs = {f.name: data[f.name] for f in spec.refs() if f.on_delete == "cascade"}
    try:
        check_refs(conn, ctx, spec, required_refs)
    except ValidationError as exc:
        raise ValidationError([FieldError(e.field, "errors.parent_deleted") for e in exc.errors], name) from exc
    check_unique(conn, ctx, spec, data, row_id)
    t = table(name)
    conn.execute(update(t).where(t.c.id == row_id).values(deleted_at=None, version=current["version"] + 1))
    audit(conn, ctx.actor, name, row_id, "restore", None, data)
    _cascade(conn, ctx, name, [row_id], stamp, back=True)
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


def rows(
    engine: Engine,
    *,
    workshop_id: int,
    entity_name: str,
    deleted: bool = False,
    where: dict[str, Any] | None = None,
) -> list[dict[str, Any]]:
    """Live rows (or, with `deleted`, the deleted ones, newest first) of one workshop, in id order."""
    t = table(entity_name)
    query = select(t).where(
        t.c.workshop_id == workshop_id,
        t.c.deleted_at.is_not(None) if deleted else t.c.deleted_at.is_(None),
        *[_same(t.c[k], v) for k, v in (where or {}).items()],
    )
    query = query.order_by(t.c.deleted_at.desc()) if deleted else query.order_by(t.c.id)
    with dbe.reading(engine) as conn:
        return [dict(r) for r in conn.execute(query).mappings()]


def get(engine: Engine, *, workshop_id: int, entity_name: str, row_id: int) -> dict[str, Any]:
    with dbe.reading(engine) as conn:
        return _row(conn, entity_name, workshop_id, row_id)


def audit_log(engine: Engine, *, workshop_id: int, limit: int = 200) -> list[dict[str, Any]]:
    t = AuditEvent.__table__
    query = select(t).where(t.c.workshop_id == workshop_id).order_by(t.c.id.desc()).limit(limit)
    with dbe.reading(engine) as conn:
        return [dict(r) for r in conn.execute(query).mappings()]


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
            select(t.c.id, t.c[child_field]).where(
                t.c.workshop_id == ctx.workshop_id, t.c[parent_field] == parent_id, t.c.deleted_at.is_(None)
            )
        ).all()
        have = {row[1]: row[0] for row in live}
        for child, link_id in have.items():
            if child not in ids:
                delete_in(conn, ctx, entity_name, link_id)
        for child in dict.fromkeys(ids):
            if child not in have:
                create_in(conn, ctx, entity_name, {parent_field: parent_id, child_field: child})

    dbe.write(engine, work)
