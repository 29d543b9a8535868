"""Workshops and the people in them: create, list, archive, join by code, facilitator sign-in."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from typing import Any

from sqlalchemy import Connection, Engine, select, update

from cvm_core import policy, visibility
from cvm_core import settings as s
from cvm_core.access import is_org_facilitator
from cvm_core.errors import FieldError, NotFound, PermissionDenied, ValidationError
from cvm_core.schema import TEXT, WORKSHOP, Entity, F, entity
from cvm_core.validation import clean_text, text_key, validate
from db import engine as dbe
from db import throttle
from db.models import Department, Participant, StepProgress, Workshop, utcnow
from db.services import (
    Actor,
    audit,
    context,
    create_in,
    dedupe_key,
    live_where,
    require,
    table,
    update_in,
    update_in_table,
)

PERSON = Entity(
    "participant",
    (
        F("display_name", TEXT, required=True, max_len=s.PERSON_NAME_MAX),
        F("department_id", "ref", ref="department"),
    ),
    label="display_name",
)

_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


def hash_passcode(passcode: str) -> str:
    """A salted scrypt hash, stored as `scrypt$n$r$p$salt$hash`."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(passcode.encode(), salt=salt, dklen=32, **_SCRYPT)
    b64 = base64.b64encode
    return f"scrypt${_SCRYPT['n']}${_SCRYPT['r']}${_SCRYPT['p']}${b64(salt).decode()}${b64(digest).decode()}"


def check_passcode(passcode: str, stored: str) -> bool:
    """Compare in constant time against a stored hash."""
    try:
        _, n, r, p, salt, digest = stored.split("$")
        wanted = base64.b64decode(digest)
        got = hashlib.scrypt(passcode.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p), dklen=32)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, wanted)


def _passcode(value: Any) -> str:
    code = value if isinstance(value, str) else ""
    if not s.PASSCODE_MIN <= len(code) <= s.PASSCODE_MAX or code != code.strip():
        raise ValidationError(
            [FieldError("passcode", "errors.passcode_length", {"min": s.PASSCODE_MIN, "max": s.PASSCODE_MAX})],
            "workshop",
        )
    return code


def _new_join_code(conn: Connection, wanted: str | None = None) -> str:
    w = Workshop.__table__
    wanted = normalise_code(wanted or "")[:16]
    if (
        len(wanted) >= s.JOIN_CODE_LENGTH
        and conn.execute(select(w.c.id).where(w.c.join_code == wanted)).first() is None
    ):
        return wanted
    while True:
        code = "".join(secrets.choice(s.JOIN_CODE_ALPHABET) for _ in range(s.JOIN_CODE_LENGTH))
        if conn.execute(select(w.c.id).where(w.c.join_code == code)).first() is None:
            return code


def normalise_code(code: str) -> str:
    """A join code as typed or pasted: case, spaces, dashes and stray punctuation do not count."""
    return "".join(c for c in clean_text(code).upper() if c.isascii() and c.isalnum())


def name_key(name: str) -> str:
    """How display names are compared: `text_key` (case and spacing do not count), hashed when long."""
    key = text_key(name)
    return key if len(key) <= 160 else "sha256:" + hashlib.sha256(key.encode()).hexdigest()


def lock_workshop(conn: Connection, workshop_id: int) -> None:
    """Make writers in one workshop take turns (PostgreSQL; SQLite's BEGIN IMMEDIATE already does)."""
    if conn.dialect.name != "sqlite":
        w = Workshop.__table__
        conn.execute(select(w.c.id).where(w.c.id == workshop_id).with_for_update())


def named(conn: Connection, workshop_id: int, name: str) -> Any:
    """The live person of the workshop whose name equals `name` (case and spacing aside), or None."""
    p = Participant.__table__
    return conn.execute(
        select(p.c.id, p.c.display_name, p.c.role, p.c.claimed_at).where(
            live_where(p, workshop_id, dedupe_key=name_key(name))
        )
    ).first()


def name_taken(name: str, on_the_list: bool = False) -> ValidationError:
    """A refusal of a name someone has; `on_the_list`: a pre-registered person who has not come in yet."""
    key = "people.err.name_on_the_list" if on_the_list else "people.err.name_taken"
    return ValidationError([FieldError("display_name", key, {"name": name})], "participant")


def insert_person(
    conn: Connection, workshop_id: int, name: str, role: str, department_id: int | None, *, here: bool = True
) -> int:
    """A new person in the workshop (the caller has checked that the name is free). `here` False: added
    by the facilitator (pre-registered, invited, without a device), not come in yet."""
    now = utcnow()
    values = {"workshop_id": workshop_id, "display_name": name, "department_id": department_id, "role": role}
    values |= {"dedupe_key": name_key(name), "created_at": now, "updated_at": now, "version": 1}
    values |= {"last_seen": now, "claimed_at": now} if here else {"last_seen": None, "claimed_at": None}
    return conn.execute(Participant.__table__.insert(), values).inserted_primary_key[0]


def _new_person(conn: Connection, workshop_id: int, name: str, department_id: int | None, role: str) -> Actor:
    """A new person under a name nobody in the workshop has: a taken name never yields its owner."""
    found = named(conn, workshop_id, name)
    if found is not None:
        raise name_taken(name, on_the_list=found.claimed_at is None and found.role == "participant")
    return Actor(workshop_id, insert_person(conn, workshop_id, name, role, department_id), name)


def _facilitator(conn: Connection, workshop_id: int, name: str) -> Actor:
    """The facilitator of that name after a passcode (or organisation) sign-in: a new person when the
    name is free, the same facilitator when it is one; a participant's name is refused, so signing in
    never takes a participant over."""
    lock_workshop(conn, workshop_id)
    found = named(conn, workshop_id, name)
    if found is None:
        return _new_person(conn, workshop_id, name, None, "facilitator")
    if found.role != "facilitator":
        raise ValidationError([FieldError("display_name", "people.err.name_is_participant")], "participant")
    return Actor(workshop_id, found.id, found.display_name)


def create_workshop(
    engine: Engine, *, data: dict[str, Any], passcode: str, facilitator_name: str, join_code: str | None = None
) -> tuple[dict[str, Any], Actor]:
    """A new workshop with its nine steps; the creator is its facilitator. `join_code` asks for a
    memorable code (the demo's); a random one is used when it is taken."""
    clean = validate(WORKSHOP, data)
    person = validate(PERSON, {"display_name": facilitator_name})
    hashed = hash_passcode(_passcode(passcode))

    def work(conn: Connection) -> tuple[int, Actor]:
        now = utcnow()
        values = {**clean, "join_code": _new_join_code(conn, join_code), "passcode_hash": hashed}
        values |= {"created_at": now, "updated_at": now, "version": 1}
        workshop_id = conn.execute(Workshop.__table__.insert(), values).inserted_primary_key[0]
        conn.execute(
            StepProgress.__table__.insert(),
            [
                {"workshop_id": workshop_id, "step": n, "status": "not_started", "locked": False}
                | {"timebox_minutes": 0, "created_at": now, "updated_at": now, "version": 1}
                | {"dedupe_key": dedupe_key(entity("step_progress"), {"step": n})}
                for n in range(1, s.STEP_COUNT + 1)
            ],
        )
        actor = _new_person(conn, workshop_id, person["display_name"], None, "facilitator")
        audit(conn, actor, "workshop", workshop_id, "create", None, clean)
        return workshop_id, actor

    workshop_id, actor = dbe.write(engine, work)
    return workshop(engine, workshop_id=workshop_id), actor


def _open_by_code(engine: Engine, code: str, throttle_keys: list[str]) -> Any:
    """The open workshop with this join code; a wrong code counts towards the source's throttle."""

    found = throttle.checked(engine, throttle_keys, None, lambda conn: _by_code(conn, code))
    if found is None:
        raise NotFound("errors.bad_join_code")
    return found


def _by_code(conn: Connection, code: str) -> Any:
    w = Workshop.__table__
    return conn.execute(
        select(w).where(w.c.join_code == normalise_code(code), w.c.deleted_at.is_(None), w.c.archived_at.is_(None))
    ).first()


def join(
    engine: Engine,
    *,
    code: str,
    display_name: str,
    department_id: int | None = None,
    new_department: str = "",
    throttle_keys: list[str],
) -> Actor:
    """Join the workshop with that code as a new participant. A name someone in the workshop already has
    is refused (nothing is written): a person comes back by their browser's token or a rejoin code."""
    person = validate(PERSON, {"display_name": display_name, "department_id": department_id})
    found = _open_by_code(engine, code, throttle_keys)

    def work(conn: Connection) -> Actor:
        lock_workshop(conn, found.id)  # two people joining under one name at once: one of them gets it
        dept = person.get("department_id")
        if new_department.strip():
            ctx = context(conn, Actor.system(found.id))
            dept = (
                department_named(conn, found.id, new_department)
                or create_in(conn, ctx, "department", {"name": new_department})["id"]
            )
        elif dept is not None and not _live(conn, Department.__table__, found.id, dept):
            raise ValidationError([FieldError("department_id", "errors.bad_reference")], "participant")
        actor = _new_person(conn, found.id, person["display_name"], dept, "participant")
        audit(conn, actor, "participant", actor.participant_id, "join", None, {"display_name": actor.name})
        return actor

    return dbe.write(engine, work)


def _live(conn: Connection, t: Any, workshop_id: int, row_id: int) -> bool:
    return conn.execute(select(t.c.id).where(live_where(t, workshop_id, id=row_id))).first() is not None


def department_named(conn: Connection, workshop_id: int, name: str) -> int | None:
    d = Department.__table__
    for row in conn.execute(select(d.c.id, d.c.name).where(live_where(d, workshop_id))):
        if text_key(row.name) == text_key(clean_text(name)):
            return row.id
    return None


def sign_in(engine: Engine, *, code: str, passcode: str, display_name: str, throttle_keys: list[str]) -> Actor:
    """Sign in as facilitator with the workshop's passcode, under a free name or a facilitator's."""
    person = validate(PERSON, {"display_name": display_name})
    with dbe.reading(engine) as conn:
        found = _by_code(conn, code)
    typed = passcode if isinstance(passcode, str) else ""
    right = throttle.guarded(
        engine,
        throttle_keys,
        found.id if found is not None else None,
        lambda: True if found is not None and check_passcode(typed, found.passcode_hash) else None,
    )
    if right is None:
        raise PermissionDenied("errors.bad_passcode")

    def work(conn: Connection) -> Actor:
        actor = _facilitator(conn, found.id, person["display_name"])
        audit(conn, actor, "participant", actor.participant_id, "sign_in", None, {"role": "facilitator"})
        return actor

    return dbe.write(engine, work)


def sign_in_trusted(
    engine: Engine, *, code: str, display_name: str, email: str, rules: list[str], throttle_keys: list[str]
) -> Actor:
    """Facilitator sign-in for someone the organisation's identity provider vouched for (OIDC): no
    passcode, but only for e-mails the deployment lists as facilitators."""
    if not is_org_facilitator(email, rules):
        raise PermissionDenied("errors.facilitator_only")
    person = validate(PERSON, {"display_name": display_name})
    found = _open_by_code(engine, code, throttle_keys)

    def work(conn: Connection) -> Actor:
        actor = _facilitator(conn, found.id, person["display_name"])
        audit(conn, actor, "participant", actor.participant_id, "sign_in_oidc", None, {"email": email[:80]})
        return actor

    return dbe.write(engine, work)


def workshops(engine: Engine, *, ids: list[int], include_archived: bool = True) -> list[dict[str, Any]]:
    """The workshops among `ids` (the ones this browser session joined)."""
    if not ids:
        return []
    w = Workshop.__table__
    query = select(w).where(w.c.id.in_(ids), w.c.deleted_at.is_(None)).order_by(w.c.created_at.desc())
    if not include_archived:
        query = query.where(w.c.archived_at.is_(None))
    with dbe.reading(engine) as conn:
        return [visibility.public(r) for r in conn.execute(query).mappings()]


def workshop(engine: Engine, *, workshop_id: int) -> dict[str, Any]:
    w = Workshop.__table__
    with dbe.reading(engine) as conn:
        row = conn.execute(select(w).where(w.c.id == workshop_id, w.c.deleted_at.is_(None))).mappings().first()
    if row is None:
        raise NotFound("errors.workshop_not_found")
    return visibility.public(row)


def all_workshops(engine: Engine) -> list[dict[str, Any]]:
    """Every workshop, for the command line (not for pages: a session sees only what it joined)."""
    w = Workshop.__table__
    with dbe.reading(engine) as conn:
        return [visibility.public(r) for r in conn.execute(select(w).order_by(w.c.id)).mappings()]


def participant(engine: Engine, *, actor: Actor) -> dict[str, Any] | None:
    p = Participant.__table__
    with dbe.reading(engine) as conn:
        row = (
            conn.execute(select(p).where(live_where(p, actor.workshop_id, id=actor.participant_id))).mappings().first()
        )
    return dict(row) if row else None


def participants(engine: Engine, *, workshop_id: int) -> list[dict[str, Any]]:
    p = Participant.__table__
    query = select(p).where(live_where(p, workshop_id)).order_by(p.c.id)
    with dbe.reading(engine) as conn:
        return [dict(r) for r in conn.execute(query).mappings()]


def update_settings(
    engine: Engine, *, actor: Actor, version: int | None, changes: dict[str, Any], rescale: bool = False
) -> dict[str, Any]:
    """Change the workshop's name, language, scale, voting or current step (facilitator only). A scale
    lowered below scores already given is refused, naming how many; with `rescale`, every score and
    target of the canvas is first scaled to the new maximum (so the workshop's backup still imports)."""

    def work(conn: Connection) -> dict[str, Any]:
        ctx = context(conn, actor)
        if "scale_max" in changes:
            _fit_scores(conn, ctx, changes["scale_max"], rescale)
        return visibility.public(update_in_table(conn, ctx, WORKSHOP, actor.workshop_id, version, changes))

    return dbe.write(engine, work)


_SCORED = (("canvas_score", "score"), ("errc_action", "target_score"))


def _fit_scores(conn: Connection, ctx: Any, wanted: Any, rescale: bool) -> None:
    """Keep the canvas within a changed scale: refuse scores above a lowered maximum, or with `rescale`
    scale every score and target in proportion (up or down)."""
    try:
        new = validate(WORKSHOP, {"scale_max": wanted}, partial=True)["scale_max"]
    except ValidationError:
        return  # the update itself reports the bad value
    old = ctx.scale_max
    if new == old:
        return
    rows = [(name, field, row) for name, field in _SCORED for row in _scores(conn, ctx.workshop_id, name, field)]
    if rescale:
        require(ctx, "workshop", policy.UPDATE)
        for name, field, row in rows:
            update_in(conn, ctx, name, row[0], None, {field: round(row[1] * new / old, 2)})
        return
    above = sum(1 for _, _, row in rows if row[1] > new)
    if above:
        raise ValidationError(
            [FieldError("scale_max", "scale.err.scores_above", {"count": above, "max": new})], "workshop"
        )


def _scores(conn: Connection, workshop_id: int, name: str, field: str) -> list[Any]:
    t = table(name)
    return conn.execute(
        select(t.c.id, t.c[field]).where(
            t.c.workshop_id == workshop_id, t.c.deleted_at.is_(None), t.c[field].is_not(None)
        )
    ).all()


def set_row(
    conn: Connection, actor: Actor, action: str, *, before: dict[str, Any] | None = None, **values: Any
) -> None:
    """Write the room's own columns of the workshop row (clock, current step, archive, delete), already
    checked, with a new version and an audit event named `action` (`before`: what the event keeps of the
    old values, if anything). Settings people edit go through `update_settings` (the WORKSHOP spec,
    versions compared); this is the one other writer of the row."""
    w = Workshop.__table__
    conn.execute(update(w).where(w.c.id == actor.workshop_id).values(**values))  # no settings edited: same version
    audit(conn, actor, "workshop", actor.workshop_id, action, before, values)


def set_archived(engine: Engine, *, actor: Actor, archived: bool) -> None:
    """Archive a workshop (read-only, out of the list) or bring it back (facilitator only)."""

    def work(conn: Connection) -> None:
        require(context(conn, actor, archived_ok=True), "workshop", policy.UPDATE)
        set_row(conn, actor, "archive" if archived else "unarchive", archived_at=utcnow() if archived else None)

    dbe.write(engine, work)


def set_department(engine: Engine, *, actor: Actor, department_id: int | None) -> None:
    """The department a participant belongs to (None: not chosen)."""
    p = Participant.__table__

    def work(conn: Connection) -> None:
        require(context(conn, actor), "participant", policy.UPDATE, {"id": actor.participant_id})
        if department_id is not None and not _live(conn, Department.__table__, actor.workshop_id, department_id):
            raise ValidationError([FieldError("department_id", "errors.bad_reference")], "participant")
        conn.execute(
            update(p)
            .where(p.c.id == actor.participant_id, p.c.workshop_id == actor.workshop_id)
            .values(department_id=department_id, version=p.c.version + 1)
        )
        audit(conn, actor, "participant", actor.participant_id, "update", None, {"department_id": department_id})

    dbe.write(engine, work)


def set_language(engine: Engine, *, actor: Actor, language: str | None) -> None:
    """The language a person chose to read the workshop in (None: the workshop's own)."""
    if language is not None and language not in s.LANGUAGES:
        raise ValidationError(
            [FieldError("language", "errors.bad_choice", {"value": str(language)[:40]})], "participant"
        )
    p = Participant.__table__

    def work(conn: Connection) -> None:
        context(conn, actor, lock=False, archived_ok=True)  # a preference: nobody else waits for it
        conn.execute(
            update(p)
            .where(p.c.id == actor.participant_id, p.c.workshop_id == actor.workshop_id)
            .values(language=language, version=p.c.version + 1)
        )

    dbe.write(engine, work)
