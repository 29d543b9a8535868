"""The list of people the facilitator pastes on the console before (or during) a workshop: one person a
line, the name and then, after a tab, a semicolon or a comma, the department. Copied from a spreadsheet
(tab-separated) or typed. Checked whole before anything is stored: every name valid and unique in the list
(as joining compares names: case and spacing do not count)."""

from __future__ import annotations

from dataclasses import dataclass

from cvm_core import settings as s
from cvm_core.errors import FieldError, ValidationError
from cvm_core.schema import TEXT, Entity, F
from cvm_core.validation import clean_text, text_key, validate

SEPARATORS = ("\t", ";", ",")
ENTRY = Entity(
    "participant",
    (
        F("display_name", TEXT, required=True, max_len=s.PERSON_NAME_MAX),
        F("department", TEXT, max_len=s.NAME_MAX),
    ),
)


@dataclass(frozen=True)
class Entry:
    """One line of the list: a person's name and their department's name ("" when not given)."""

    line: int
    name: str
    department: str


def _split(line: str) -> tuple[str, str]:
    for separator in SEPARATORS:
        if separator in line:
            name, department = line.split(separator, 1)
            return name, department
    return line, ""


def _line_errors(n: int, exc: ValidationError) -> list[FieldError]:
    fields = {e.field for e in exc.errors}
    found = (
        [FieldError("", "roster.err.bad_name", {"line": n, "max": s.PERSON_NAME_MAX})]
        if "display_name" in fields
        else []
    )
    if "department" in fields:
        found.append(FieldError("", "roster.err.bad_department", {"line": n, "max": s.NAME_MAX}))
    return found


def parse(text: str) -> list[Entry]:
    """The people of a pasted list, in order; blank lines are skipped. Raises a ValidationError naming every
    bad line (at most ROSTER_MAX_LINES people at once)."""
    lines = [(n, line) for n, line in enumerate(str(text or "").splitlines(), start=1) if clean_text(line)]
    if not lines:
        raise ValidationError([FieldError("", "roster.err.empty")], "participant")
    if len(lines) > s.ROSTER_MAX_LINES:
        raise ValidationError([FieldError("", "roster.err.too_many", {"max": s.ROSTER_MAX_LINES})], "participant")
    entries: list[Entry] = []
    errors: list[FieldError] = []
    seen: dict[str, int] = {}
    for n, line in lines:
        name, department = _split(line)
        try:
            clean = validate(ENTRY, {"display_name": name, "department": department})
        except ValidationError as exc:
            errors += _line_errors(n, exc)
            continue
        key = text_key(clean["display_name"])
        if key in seen:
            params = {"line": n, "name": clean["display_name"], "first": seen[key]}
            errors.append(FieldError("", "roster.err.twice", params))
            continue
        seen[key] = n
        entries.append(Entry(n, clean["display_name"], clean["department"]))
    if errors:
        raise ValidationError(errors, "participant")
    return entries
