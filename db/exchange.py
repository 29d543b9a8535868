"""Import a JSON backup as a new workshop: all or nothing, in one write transaction.

The file has already passed `cvm_core.exports.backup.parse` (shape, references, values). Here every row
is written through `services.create_in`, so it passes exactly the validation, rules and duplicate checks
of the UI once more, now against the database; references are remapped from the file's ids to the new
rows' ids. Any problem raises BadBackup naming its place in the file, and the transaction rolls back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, select, update

from cvm_core import policy
from cvm_core import settings as s
from cvm_core.errors import DomainError, NotFound, ValidationError
from cvm_core.exports.backup import ORDER, PARTICIPANT_FIELDS, Backup, BadBackup, Problem, section
from cvm_core.schema import ENTITIES, ROLES, WORKSHOP
from cvm_core.validation import text_key, validate
from db import engine as dbe
from db import services, workshops
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
            clean = validate(workshops.PERSON, {"display_name": row.get("display_name")})
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
    values |= {"dedupe_key": workshops.name_key(name), "created_at": now, "updated_at": now, "version": 1}
    values["claimed_at"] = now  # an imported person comes back with a personal rejoin code, as before
    return conn.execute(Participant.__table__.insert(), values).inserted_primary_key[0]


def _passcode_hash(conn: Connection, same_as: services.Actor) -> str:
    """The passcode hash of the workshop `same_as` is the facilitator of."""
    services.require_facilitator(services.context(conn, same_as, lock=False, archived_ok=True))
    w = Workshop.__table__
    return conn.execute(select(w.c.passcode_hash).where(w.c.id == same_as.workshop_id)).scalar_one()


def _start(
    conn: Connection,
    settings: dict[str, Any],
    hashed: str,
    facilitator: str,
    *,
    predecessor: int | None,
    code: str | None,
) -> services.Actor:
    now = utcnow()
    values = {**settings, "join_code": workshops._new_join_code(conn, code), "passcode_hash": hashed}
    values |= {"created_at": now, "updated_at": now, "version": 1, "predecessor_id": predecessor}
    workshop_id = conn.execute(Workshop.__table__.insert(), values).inserted_primary_key[0]
    person = _insert_person(conn, workshop_id, facilitator, "facilitator", None)
    return services.Actor(workshop_id, person, facilitator)


def _participants(conn: Connection, actor: services.Actor, people: list[dict[str, Any]], ids: dict) -> None:
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


def _rows(conn: Connection, ctx: services.Context, name: str, rows: list[dict[str, Any]], ids: dict) -> None:
    for i, row in enumerate(rows):
        path = f"{section(name)}[{i}]"
        try:
            ids[name][row["id"]] = services.create_in(conn, ctx, name, _remapped(name, row, ids))["id"]
        except ValidationError as exc:
            raise BadBackup(_problems(exc, path)) from exc
        except DomainError as exc:
            raise BadBackup([Problem(path, exc.key, exc.params)]) from exc


def _missing_steps(conn: Connection, ctx: services.Context) -> None:
    """A file without some steps' progress gets them as new workshops have them: not started."""
    t = services.table("step_progress")
    have = set(conn.execute(select(t.c.step).where(t.c.workshop_id == ctx.workshop_id)).scalars())
    for step in range(1, s.STEP_COUNT + 1):
        if step not in have:
            services.create_in(conn, ctx, "step_progress", {"step": step})


Ids = dict[str, dict[int, int]]  # entity -> the file's id -> the new row's id


@dataclass(frozen=True)
class NewWorkshop:
    """Who creates a workshop from a backup (or a past round) and how it is opened."""

    facilitator: str
    hashed: str | None = None  # the new passcode's hash, or None: the passcode of `same_passcode_as`
    same_passcode_as: services.Actor | None = None
    predecessor: int | None = None
    join_code: str | None = None
    how: str = "import"  # the audit event's action


def write_workshop(conn: Connection, backup: Backup, new: NewWorkshop) -> tuple[services.Actor, Ids]:
    """Inside a write transaction: the workshop, its people and every row of `backup`, through the services'
    checks, with references remapped; returns the facilitator and the new ids."""
    settings, people = _settings(backup), _people(backup)
    hashed = new.hashed or _passcode_hash(conn, new.same_passcode_as)
    actor = _start(conn, settings, hashed, new.facilitator, predecessor=new.predecessor, code=new.join_code)
    # Rows are written as the system (as the demo is): the file brings its own authors, voters and
    # status stamps, which rules would otherwise replace with the importing person's.
    ctx = services.context(conn, services.Actor.system(actor.workshop_id, f"{new.how}: {actor.name}"[:80]))
    ids: Ids = {name: {} for name in ORDER}
    for name in ORDER:
        if name == "participant":
            _participants(conn, actor, people, ids)
        else:
            _rows(conn, ctx, name, backup.rows[name], ids)
    _missing_steps(conn, ctx)
    counts = {name: len(rows) for name, rows in backup.rows.items() if rows}
    services.audit(conn, actor, "workshop", actor.workshop_id, new.how, None, counts)
    return actor, ids


def _linked(conn: Connection, backup: Backup, operator: bool, link_as: Sequence[services.Actor]) -> int | None:
    """The round the file's workshop followed, when it is on this server under the same name and the person
    importing may see it (its facilitator, or the operator); otherwise the new workshop stands alone."""
    if backup.predecessor is None:
        return None
    wanted, name = backup.predecessor
    w = Workshop.__table__
    found = conn.execute(select(w.c.name).where(w.c.id == wanted, w.c.deleted_at.is_(None))).first()
    if found is None or text_key(found.name) != text_key(name):
        return None
    if operator or any(a.workshop_id == wanted and facilitates(conn, a) for a in link_as):
        return wanted
    return None


def facilitates(conn: Connection, actor: services.Actor) -> bool:
    """Whether `actor` runs their workshop, as its facilitator or a co-facilitator (read in the database,
    never from a page)."""
    p = Participant.__table__
    role = conn.execute(
        select(p.c.role).where(services.live_where(p, actor.workshop_id, id=actor.participant_id))
    ).scalar()
    return policy.runs_room(role)


def import_backup(
    engine: Engine,
    *,
    backup: Backup,
    facilitator_name: str,
    passcode: str | None = None,
    same_passcode_as: services.Actor | None = None,
    operator: bool = False,
    link_as: Sequence[services.Actor] = (),
) -> tuple[dict[str, Any], services.Actor]:
    """Create a new workshop from a parsed backup, with `facilitator_name` as its facilitator and either
    a new `passcode` or the one of the workshop that `same_passcode_as` facilitates. The round it followed
    is linked again when the operator imports or one of `link_as` facilitates it."""
    _settings(backup)  # the file's own problems first, before any passcode work
    _people(backup)
    facilitator = validate(workshops.PERSON, {"display_name": facilitator_name})["display_name"]
    hashed = None if same_passcode_as is not None else workshops.hash_passcode(workshops._passcode(passcode))

    def work(conn: Connection) -> services.Actor:
        new = NewWorkshop(facilitator, hashed, same_passcode_as, _linked(conn, backup, operator, link_as))
        return write_workshop(conn, backup, new)[0]

    actor = dbe.write(engine, work)
    return workshops.workshop(engine, workshop_id=actor.workshop_id), actor


def find_workshop(engine: Engine, id_or_code: str) -> dict[str, Any]:
    """A workshop by its number or its join code (for the command line)."""
    wanted = id_or_code.strip()
    for w in workshops.all_workshops(engine):
        if w["deleted_at"] is None and (str(w["id"]) == wanted or w["join_code"] == workshops.normalise_code(wanted)):
            return w
    raise NotFound("errors.workshop_not_found")
