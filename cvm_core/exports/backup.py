"""The JSON backup of a whole workshop: building it, and reading one back safely.

The format is documented in docs/export-format.md. A file is read in stages, each refusing what it cannot
trust before the next one spends effort on it: size, text encoding, nesting depth, JSON syntax, the
format and its schema version (older versions are migrated, newer ones refused), the shape of every
section and row, every reference between rows, and every value against the same specs the UI uses.
Each problem names its place in the file (`pain[3].customer_id`). Writing is db/exchange.py's job.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from cvm_core import settings as s
from cvm_core.errors import DomainError, ValidationError
from cvm_core.i18n import t
from cvm_core.rows import Snapshot
from cvm_core.schema import ENTITIES, WORKSHOP, Entity
from cvm_core.validation import validate

FORMAT = "clientocracy-workshop"
VIEW_FORMAT = "clientocracy-workshop-view"  # one person's view of a workshop: readable, never a backup
SCHEMA_VERSION = 2
MIME = "application/json"
PARTICIPANTS = "participants"
PARTICIPANT_FIELDS = ("display_name", "role", "department_id")
WORKSHOP_SETTINGS = WORKSHOP.field_names
# The round this workshop followed (db/rounds.py): its id and name where the file was written, so that an
# import on the same server can link the new workshop to it again.
PREDECESSOR = ("predecessor_id", "predecessor_name")
HEADER = ("format", "schema_version", "exported_at", "app")


def _v1_to_v2(doc: dict[str, Any]) -> dict[str, Any]:
    """Version 2 added actions, their status history, the predecessor link and the template flag: a file of
    version 1 has none of them (no actions, no predecessor, not a template)."""
    workshop = doc.get("workshop")
    if isinstance(workshop, dict):
        workshop = {"is_template": False, **workshop, "predecessor_id": None, "predecessor_name": None}
    return {**doc, "schema_version": 2, "workshop": workshop, "action": [], "action_status": []}


# How a file of schema version n becomes one of version n + 1.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2}

Scalar = str | int | float | bool | None


@dataclass(frozen=True)
class Problem:
    """What is wrong and where: `path` points into the file, `key` names the message."""

    path: str
    key: str
    params: dict[str, Any] = field(default_factory=dict)


class BadBackup(DomainError):
    """The file cannot be imported; nothing was written. `problems` says what and where."""

    key = "export.import.bad"

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(self.key, count=len(problems))


def messages(exc: BadBackup, lang: str) -> list[str]:
    """Each problem as `path: message` in `lang`, or as a sentence of its own where it has no place."""
    lines = []
    for p in exc.problems:
        text = t(p.key, lang, **p.params)
        lines.append(f"{p.path}: {text}" if p.path else text[:1].upper() + text[1:])
    return lines


def _order() -> list[str]:
    """Participants and entities in the method's order, each moved after the rows it references."""
    names = ["participant", *ENTITIES]
    refs = {"participant": {"department"}} | {e.name: {f.ref for f in e.refs()} - {e.name} for e in ENTITIES.values()}
    done: list[str] = []
    while len(done) < len(names):
        ready = next((n for n in names if n not in done and refs[n] <= set(done)), None)
        if ready is None:
            raise AssertionError("the schema's references form a cycle")
        done.append(ready)
    return done


ORDER = _order()


def section(name: str) -> str:
    """The key of an entity's rows in the file (participants are plural, as people read it)."""
    return PARTICIPANTS if name == "participant" else name


def _refs(name: str) -> list[tuple[str, str | None, bool]]:
    """(field, target, nulled when the target is gone) for each reference of `name`."""
    if name == "participant":
        return [("department_id", "department", True)]
    return [(f.name, f.ref, f.on_delete == "null") for f in ENTITIES[name].refs()]


def _fields(name: str) -> tuple[str, ...]:
    return PARTICIPANT_FIELDS if name == "participant" else ENTITIES[name].field_names


# --- building ---------------------------------------------------------------------------------------------------


def build(data: Snapshot, exported_at: datetime | None = None, *, view: bool = False) -> dict[str, Any]:
    """The backup document of a workshop snapshot: settings and every live row with its id, without
    passcode, join code, timestamps or versions. A reference to a row that is gone is dropped (or the
    row is, when it cannot live without it), so the file always imports. With `view`, the snapshot is
    what one person may see, and the file says so: it is readable but never imported as a backup."""
    workshop = (data.get("workshop") or [{}])[0]
    stamp = (exported_at or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    kind = VIEW_FORMAT if view else FORMAT
    doc: dict[str, Any] = {"format": kind, "schema_version": SCHEMA_VERSION, "exported_at": stamp}
    doc["workshop"] = {k: workshop.get(k) for k in (*WORKSHOP_SETTINGS, *PREDECESSOR)}
    kept: dict[str, set[int]] = {}
    out: dict[str, list[dict[str, Any]]] = {}
    for name in ORDER:
        rows = []
        for row in data.get(name, []):
            clean = {"id": row["id"], **{f: row.get(f) for f in _fields(name)}}
            if _keep(clean, name, kept):
                rows.append(clean)
        kept[name] = {r["id"] for r in rows}
        out[name] = rows
    for name in ("participant", *ENTITIES):
        doc[section(name)] = out[name]
    return doc


def _keep(row: dict[str, Any], name: str, kept: dict[str, set[int]]) -> bool:
    emptied = False
    for f, target, nulled in _refs(name):
        if row[f] is None or row[f] in kept.get(target or "", set()):
            continue
        if not nulled:
            return False
        row[f], emptied = None, True
    # A row its own rules refuse without the reference (an internal customer whose department is in the
    # bin) cannot live without the deleted row either.
    return not (emptied and name in ENTITIES and any(check(row) for check in ENTITIES[name].checks))


def dumps(doc: Mapping[str, Any]) -> bytes:
    """UTF-8 JSON with one row per line: compact, and readable in a diff."""
    items = list(doc.items())
    lines = ["{"]
    for i, (key, value) in enumerate(items):
        comma = "," if i < len(items) - 1 else ""
        if isinstance(value, list) and value:
            lines.append(f"  {json.dumps(key)}: [")
            rows = [json.dumps(r, ensure_ascii=False, allow_nan=False) for r in value]
            lines += [f"    {r}," for r in rows[:-1]] + [f"    {rows[-1]}", f"  ]{comma}"]
        else:
            lines.append(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False, allow_nan=False)}{comma}")
    lines.append("}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def render(data: Snapshot, lang: str | None = None, *, view: bool = False) -> bytes:
    """The backup file of a snapshot (the language does not matter: the file holds the data); with
    `view`, one person's view of it (see `build`)."""
    return dumps(build(data, view=view))


# --- reading ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Backup:
    """A file that passed every check that needs no database: rows keyed by section, ids from the file."""

    schema_version: int
    workshop: dict[str, Any]  # the settings only
    rows: dict[str, list[dict[str, Any]]]
    predecessor: tuple[int, str] | None = None  # (id, name) of the round it followed, where it was written

    @classmethod
    def of(cls, doc: Mapping[str, Any]) -> Backup:
        """The parts of a document (checked or built by the app itself)."""
        workshop = dict(doc["workshop"])
        found = tuple(workshop.pop(k, None) for k in PREDECESSOR)
        linked = (
            (found[0], str(found[1] or "")) if isinstance(found[0], int) and not isinstance(found[0], bool) else None
        )
        return cls(doc["schema_version"], workshop, {name: list(doc.get(section(name), [])) for name in ORDER}, linked)


class _Problems:
    def __init__(self) -> None:
        self.found: list[Problem] = []

    def add(self, path: str, key: str, **params: Any) -> None:
        if len(self.found) < s.IMPORT_MAX_PROBLEMS:
            self.found.append(Problem(path, f"export.import.{key}" if "." not in key else key, params))

    @property
    def full(self) -> bool:
        return len(self.found) >= s.IMPORT_MAX_PROBLEMS

    def check(self) -> None:
        if self.found:
            raise BadBackup(self.found)


def _fail(key: str, path: str = "", **params: Any) -> BadBackup:
    return BadBackup([Problem(path, f"export.import.{key}", params)])


def max_bytes() -> int:
    return s.IMPORT_MAX_MB * 1024 * 1024


def nesting_too_deep(text: str, limit: int = s.IMPORT_MAX_DEPTH) -> bool:
    """Whether brackets outside strings nest deeper than `limit`, found without parsing: strings are
    dropped, then innermost bracket pairs are removed `limit` times; anything still paired is deeper."""
    brackets = re.sub(r"[^\[\]{}]+", "", re.sub(r'"[^"\\]*(?:\\.[^"\\]*)*"', "", text))
    brackets = brackets.replace("{", "[").replace("}", "]")
    for _ in range(limit):
        shorter = brackets.replace("[]", "")
        if shorter == brackets:
            return False
        brackets = shorter
    return "[]" in brackets


class _Refused(ValueError):
    """A value the JSON reader refuses, with its catalogue key (never Python's own message)."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key, self.params = key, params


def _reject_constant(name: str) -> Any:
    raise _Refused("not_json_constant", value=name)


def _whole_number(text: str) -> int:
    digits = len(text.lstrip("-"))
    if digits > s.IMPORT_MAX_DIGITS:
        raise _Refused("number_too_long", digits=digits, max=s.IMPORT_MAX_DIGITS)
    return int(text)


def load_json(raw: bytes) -> Any:
    """The parsed JSON of an upload, after the size, encoding and depth checks."""
    if len(raw) > max_bytes():
        raise _fail("too_large", max_mb=s.IMPORT_MAX_MB, size_mb=f"{len(raw) / 1024 / 1024:.1f}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _fail("not_utf8", position=exc.start) from exc
    if nesting_too_deep(text):
        raise _fail("too_deep", max=s.IMPORT_MAX_DEPTH)
    try:
        return json.loads(text, parse_constant=_reject_constant, parse_int=_whole_number)
    except json.JSONDecodeError as exc:
        raise _fail("not_json", line=exc.lineno, column=exc.colno) from exc
    except _Refused as exc:
        raise _fail(exc.key, **exc.params) from exc
    except (ValueError, OverflowError) as exc:
        raise _fail("unreadable") from exc
    except RecursionError as exc:
        raise _fail("too_deep", max=s.IMPORT_MAX_DEPTH) from exc


def migrate(doc: dict[str, Any]) -> dict[str, Any]:
    """The document brought to the current schema version; newer or unknown versions are refused."""
    version = doc.get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise _fail("no_version", "schema_version")
    if version > SCHEMA_VERSION:
        raise _fail("too_new", "schema_version", found=version, supported=SCHEMA_VERSION)
    if version < 1 or any(v not in MIGRATIONS for v in range(version, SCHEMA_VERSION)):
        raise _fail("unknown_version", "schema_version", found=version, supported=SCHEMA_VERSION)
    while doc["schema_version"] < SCHEMA_VERSION:
        doc = MIGRATIONS[doc["schema_version"]](doc)
    return doc


def _scalar(value: Any) -> bool:
    return value is None or isinstance(value, str | int | float | bool)


def _shape(doc: dict[str, Any], problems: _Problems) -> None:
    """Known sections only; the workshop an object; every section a list of flat objects with an id."""
    known = {*HEADER, "workshop", *(section(n) for n in ORDER)}
    for key in doc:
        if key not in known:
            problems.add(str(key)[:60], "unknown_section")
    workshop = doc.get("workshop")
    if not isinstance(workshop, dict):
        problems.add("workshop", "missing" if workshop is None else "not_object")
    else:
        for key, value in workshop.items():
            if not _scalar(value):
                problems.add(f"workshop.{key}"[:80], "not_scalar")
    total = 0
    for name in ORDER:
        rows = doc.get(section(name), [])
        if not isinstance(rows, list):
            problems.add(section(name), "not_list")
            continue
        total += len(rows)
        seen: set[int] = set()
        for i, row in enumerate(rows):
            _row_shape(f"{section(name)}[{i}]", row, seen, problems)
            if problems.full:
                return
    if total > s.IMPORT_MAX_ROWS:
        problems.add("", "too_many_rows", count=total, max=s.IMPORT_MAX_ROWS)


def _row_shape(path: str, row: Any, seen: set[int], problems: _Problems) -> None:
    if not isinstance(row, dict):
        problems.add(path, "not_object")
        return
    row_id = row.get("id")
    if "id" not in row:
        problems.add(f"{path}.id", "missing")
    elif isinstance(row_id, bool) or not isinstance(row_id, int) or row_id <= 0:
        problems.add(f"{path}.id", "bad_id")
    elif row_id in seen:
        problems.add(f"{path}.id", "duplicate_id", id=row_id)
    else:
        seen.add(row_id)
    for key, value in row.items():
        if not _scalar(value):
            problems.add(f"{path}.{key}"[:120], "not_scalar")


def _references(rows: dict[str, list[dict[str, Any]]], problems: _Problems) -> None:
    """Every reference names a row of the right kind in the same file."""
    ids = {name: {r["id"] for r in rows[name]} for name in ORDER}
    for name in ORDER:
        for i, row in enumerate(rows[name]):
            for f, target, _ in _refs(name):
                value = row.get(f)
                if value is None:
                    continue
                if isinstance(value, bool) or not isinstance(value, int) or value not in ids[target or ""]:
                    problems.add(f"{section(name)}[{i}].{f}", "missing_reference", entity=target, id=str(value)[:20])
                if problems.full:
                    return


def limits_of(workshop: Mapping[str, Any]) -> dict[str, float]:
    """The workshop limits that some values are checked against (scale, dots), from the file."""
    out: dict[str, float] = {}
    for key, default in (("scale_max", s.SCALE_MAX_DEFAULT), ("dots_per_person", s.DOTS_DEFAULT)):
        value = workshop.get(key, default)
        out[key] = value if isinstance(value, int) and not isinstance(value, bool) else default
    return out


def check_row(spec: Entity, row: Mapping[str, Any], limits: dict[str, float]) -> dict[str, Any]:
    """A row's values (without its id) validated as the UI validates them."""
    return validate(spec, {k: v for k, v in row.items() if k != "id"}, limits)


def _values(rows: dict[str, list[dict[str, Any]]], limits: dict[str, float], problems: _Problems) -> None:
    for name in ORDER:
        if name == "participant":
            continue
        spec = ENTITIES[name]
        for i, row in enumerate(rows[name]):
            try:
                check_row(spec, row, limits)
            except ValidationError as exc:
                for e in exc.errors:
                    problems.add(f"{name}[{i}].{e.field}", e.key, **e.params)
            if problems.full:
                return


def parse(raw: bytes) -> Backup:
    """Read an uploaded backup; raises BadBackup listing the problems (with their paths) if any."""
    doc = load_json(raw)
    if not isinstance(doc, dict):
        raise _fail("not_object")
    if doc.get("format") == VIEW_FORMAT:
        raise _fail("is_view", "format")
    if doc.get("format") != FORMAT:
        raise _fail("wrong_format", "format")
    doc = migrate(doc)
    problems = _Problems()
    _shape(doc, problems)
    problems.check()
    rows = {name: doc.get(section(name), []) for name in ORDER}
    _references(rows, problems)
    problems.check()
    _values(rows, limits_of(doc["workshop"]), problems)
    problems.check()
    return Backup.of(doc)
