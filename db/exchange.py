"""Import a JSON backup as a new workshop: all or nothing, in one write transaction.

The file has already passed `cvm_core.exports.backup.parse` (shape, references, values). Here every row
is written through `services.create_in`, so it passes exactly the validation, rules and duplicate checks
of the UI once more, now against the database; references are remapped from the file's ids to the new
rows' ids. Any problem raises BadBackup naming its place in the file, and the transaction rolls back.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine, select, update

from cvm_core import settings as s
from cvm_core.errors import DomainError, NotFound, ValidationError
from cvm_core.exports.backup import ORDER, PARTICIPANT_FIELDS, Backup, BadBackup, Problem, section
from cvm_core.schema import ENTITIES, ROLES, WORKSHOP
from cvm_core.validation import text_key, validate
from db import engine as dbe
from db import services as sv
from db import workshops as ws
from db.models import Participant, Workshop, utcnow


def _problems(exc: ValidationError, path: str) -> list[Problem]:
    return [Problem(f"{path}.{e.field}", e.key, e.params) for e in exc.errors]


def _settings(backup: Backup) -> dict[str, Any]:
    try:
        return validate(WORKSHOP, backup.workshop)
    except ValidationError as exc:
        raise BadBackup(_problems(exc, "workshop")) from exc


def _people(backup: Backup) -> list[dict[str, Any]]:
    """The file's participants, validated like a person joining; department ids still the file's."""
    problems: list[Problem] = []
    people: list[dict[str, Any]] = []
    seen: set[str] = set()
    for i, row in enumerate(backup.rows["participant"]):
        path = f"{section('participant')}[{i}]"
        problems += [
            Problem(f"{path}.{k}", "errors.unknown_field") for k in row if k not in ("id", *PARTICIPANT_FIELDS)
        ]
        try:
            clean = validate(ws.PERSON, {"display_name": row.get("display_name")})
        except ValidationError as exc:
            problems += _problems(exc, path)
            continue
        if row.get("role") not in ROLES:
            problems.append(Problem(f"{path}.role", "errors.bad_choice", {"value": str(row.get("role"))[:40]}))
        if text_key(clean["display_name"]) in seen:
            problems.append(Problem(f"{path}.display_name", "errors.duplicate"))
        seen.add(text_key(clean["display_name"]))
        people.append({**clean, "id": row["id"], "role": row.get("role"), "department_id": row.get("department_id")})
    if problems:
        raise BadBackup(problems[: s.IMPORT_MAX_PROBLEMS])
    return people


def _insert_person(conn: Connection, workshop_id: int, name: str, role: str, department_id: int | None) -> int:
    now = utcnow()
    values = {"workshop_id": workshop_id, "display_name": name, "department_id": department_id, "role": role}
    values |= {"dedupe_key": ws.name_key(name), "created_at": now, "updated_at": now, "version": 1}
    values["claimed_at"] = now  # an imported person comes back with a personal rejoin code, as before
    return conn.execute(Participant.__table__.insert(), values).inserted_primary_key[0]


def _passcode_hash(conn: Connection, same_as: sv.Actor) -> str:
    """The passcode hash of the workshop `same_as` is the facilitator of."""
    sv.require_facilitator(sv.context(conn, same_as, lock=False, archived_ok=True))
    w = Workshop.__table__
    return conn.execute(select(w.c.passcode_hash).where(w.c.id == same_as.workshop_id)).scalar_one()


def _start(conn: Connection, settings: dict[str, Any], hashed: str, facilitator: str) -> sv.Actor:
    now = utcnow()
    values = {**settings, "join_code": ws._new_join_code(conn), "passcode_hash": hashed}
    values |= {"created_at": now, "updated_at": now, "version": 1}
    workshop_id = conn.execute(Workshop.__table__.insert(), values).inserted_primary_key[0]
    person = _insert_person(conn, workshop_id, facilitator, "facilitator", None)
    return sv.Actor(workshop_id, person, facilitator)


def _participants(conn: Connection, actor: sv.Actor, people: list[dict[str, Any]], ids: dict) -> None:
    """The file's people; the one named like the importing facilitator becomes them."""
    p = Participant.__table__
    for person in people:
        department = ids["department"].get(person["department_id"])
        if text_key(person["display_name"]) == text_key(actor.name):
            conn.execute(update(p).where(p.c.id == actor.participant_id).values(department_id=department))
            ids["participant"][person["id"]] = actor.participant_id
            continue
        new_id = _insert_person(conn, actor.workshop_id, person["display_name"], person["role"], department)
        ids["participant"][person["id"]] = new_id


def _remapped(name: str, row: dict[str, Any], ids: dict[str, dict[int, int]]) -> dict[str, Any]:
    data = {k: v for k, v in row.items() if k != "id"}
    for f in ENTITIES[name].refs():
        if data.get(f.name) is not None:
            data[f.name] = ids[f.ref or ""][data[f.name]]
    return data


def _rows(conn: Connection, ctx: sv.Context, name: str, rows: list[dict[str, Any]], ids: dict) -> None:
    for i, row in enumerate(rows):
        path = f"{section(name)}[{i}]"
        try:
            ids[name][row["id"]] = sv.create_in(conn, ctx, name, _remapped(name, row, ids))["id"]
        except ValidationError as exc:
            raise BadBackup(_problems(exc, path)) from exc
        except DomainError as exc:
            raise BadBackup([Problem(path, exc.key, exc.params)]) from exc


def _missing_steps(conn: Connection, ctx: sv.Context) -> None:
    """A file without some steps' progress gets them as new workshops have them: not started."""
    t = sv.table("step_progress")
    have = set(conn.execute(select(t.c.step).where(t.c.workshop_id == ctx.workshop_id)).scalars())
    for step in range(1, s.STEP_COUNT + 1):
        if step not in have:
            sv.create_in(conn, ctx, "step_progress", {"step": step})


def import_backup(
    engine: Engine,
    *,
    backup: Backup,
    facilitator_name: str,
    passcode: str | None = None,
    same_passcode_as: sv.Actor | None = None,
) -> tuple[dict[str, Any], sv.Actor]:
    """Create a new workshop from a parsed backup, with `facilitator_name` as its facilitator and either
    a new `passcode` or the one of the workshop that `same_passcode_as` facilitates."""
    settings = _settings(backup)
    facilitator = validate(ws.PERSON, {"display_name": facilitator_name})["display_name"]
    people = _people(backup)
    hashed = None if same_passcode_as is not None else ws.hash_passcode(ws._passcode(passcode))

    def work(conn: Connection) -> sv.Actor:
        actor = _start(conn, settings, hashed or _passcode_hash(conn, same_passcode_as), facilitator)
        # Rows are written as the system (as the demo is): the file brings its own authors, voters and
        # status stamps, which rules would otherwise replace with the importing person's.
        ctx = sv.context(conn, sv.Actor.system(actor.workshop_id, f"import: {actor.name}"[:80]))
        ids: dict[str, dict[int, int]] = {name: {} for name in ORDER}
        for name in ORDER:
            if name == "participant":
                _participants(conn, actor, people, ids)
            else:
                _rows(conn, ctx, name, backup.rows[name], ids)
        _missing_steps(conn, ctx)
        counts = {name: len(rows) for name, rows in backup.rows.items() if rows}
        sv.audit(conn, actor, "workshop", actor.workshop_id, "import", None, counts)
        return actor

    actor = dbe.write(engine, work)
    return ws.workshop(engine, workshop_id=actor.workshop_id), actor


def find_workshop(engine: Engine, id_or_code: str) -> dict[str, Any]:
    """A workshop by its number or its join code (for the command line)."""
    wanted = id_or_code.strip()
    for w in ws.all_workshops(engine):
        if w["deleted_at"] is None and (str(w["id"]) == wanted or w["join_code"] == ws.normalise_code(wanted)):
            return w
    raise NotFound("errors.workshop_not_found")
