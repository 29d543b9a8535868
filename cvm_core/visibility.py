"""Who sees what: the rules the one read door (db/read.py) applies to every row before a page, a summary
or an export gets it.

| rows                         | a person in the room (facilitator or participant)      | the operator (system)  |
|------------------------------|--------------------------------------------------------|------------------------|
| workshop                     | the PUBLIC columns                                     | the PUBLIC columns     |
| participant                  | name, role, department, readiness, presence, come in   | the same               |
| pain, hidden (brainstorm)    | only their own (and those they entered for someone),   | all                    |
|                              | until the facilitator reveals it                       |                        |
| vote                         | votes on pains they see; while voting is anonymous,    | all, with authors      |
|                              | others' votes without their author (own dots, and dots |                        |
|                              | they placed for someone, named)                        |                        |
| rows on a withheld row       | withheld too (e.g. a factor's link to a hidden pain)   | all                    |
| every other entity           | every live row                                         | every live row         |
| deleted rows                 | only where a view asks for the bin, by the same rules  | the same               |
| secrets                      | never: passcode hash, session token hashes, join attempts and rejoin codes are not |
|                              | readable through the reader at all                     |                        |

The facilitator's full backup (the file that restores a workshop) is not a view: db/read.backup gives it
to the facilitator and the operator only, with every row.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from cvm_core.rows import Row, Snapshot
from cvm_core.schema import ENTITIES

SYSTEM = "system"
WITHHELD = "withheld"  # a snapshot's rows {"entity": name, "count": n}: rows that exist but this reader may not see
# The workshop's columns that anyone in the room may read (never the passcode hash).
PUBLIC = (
    "id",
    "version",
    "name",
    "organisation",
    "language",
    "join_code",
    "scale_max",
    "dots_per_person",
    "voting_open",
    "voting_anonymous",
    "brainstorm_private",
    "current_step",
    "timer_end",
    "timer_remaining_s",
    "hour_rate",
    "currency",
    "archived_at",
    "deleted_at",
    "created_at",
    "predecessor_id",
    "is_template",
)
PARTICIPANT = ("id", "version", "display_name", "department_id", "role", "ready_step", "last_seen", "claimed_at")
# Entities whose rows depend on who reads them: a cache shared between people must not mix their views.
PERSONAL = frozenset({"pain", "vote", *(e.name for e in ENTITIES.values() for f in e.refs() if f.ref == "pain")})


@dataclass(frozen=True)
class Viewer:
    """The person reading: their participant id (None for the operator) and their role."""

    participant_id: int | None
    role: str

    @property
    def is_system(self) -> bool:
        return self.role == SYSTEM


def public(row: Mapping[str, Any]) -> Row:
    """The workshop row as anyone in the room may read it: the PUBLIC columns, never the passcode hash."""
    return {c: row[c] for c in PUBLIC}


def audience(viewer: Viewer, entities: Iterable[str]) -> tuple[str, int | None]:
    """Who else sees exactly these rows: everyone in the room, or only this person (then a cache of the
    rows may be shared only within that class)."""
    if viewer.is_system:
        return (SYSTEM, None)
    return ("person", viewer.participant_id) if PERSONAL.intersection(entities) else ("room", None)


def _theirs(viewer: Viewer, row: Row, owner: str) -> bool:
    """The viewer owns the row, or entered it for its owner."""
    me = viewer.participant_id
    return row.get(owner) == me or (me is not None and row.get("entered_by_id") == me)


def _hidden_from(viewer: Viewer, row: Row) -> bool:
    return bool(row.get("hidden")) and not _theirs(viewer, row, "author_id")


def apply(data: dict[str, list[Row]], viewer: Viewer, workshop: Row) -> dict[str, int]:
    """Withhold from `data` (changed in place) what `viewer` may not see; returns how many rows of each
    entity were withheld, so a facilitator can say "3 entries hidden" without reading them."""
    if viewer.is_system:
        return {}
    withheld: dict[str, int] = {}
    gone: dict[str, set[int]] = {}
    if "pain" in data:
        hidden = {r["id"] for r in data["pain"] if _hidden_from(viewer, r)}
        if hidden:
            data["pain"] = [r for r in data["pain"] if r["id"] not in hidden]
            withheld["pain"], gone["pain"] = len(hidden), hidden
    for name in [n for n in ENTITIES if n in data and n != "pain"]:  # the schema lists a row after its refs
        refs = [(f.name, f.ref) for f in ENTITIES[name].refs() if f.ref in gone]
        if not refs:
            continue
        dropped = {r["id"] for r in data[name] if any(r[f] in gone[ref] for f, ref in refs)}
        if dropped:
            data[name] = [r for r in data[name] if r["id"] not in dropped]
            withheld[name], gone[name] = len(dropped), dropped
    if "vote" in data and workshop.get("voting_anonymous"):
        data["vote"] = [
            r if _theirs(viewer, r, "participant_id") else {**r, "participant_id": None, "entered_by_id": None}
            for r in data["vote"]
        ]
    return withheld


def withheld(data: Snapshot, entity_name: str) -> int:
    """How many rows of `entity_name` exist that the reader of `data` may not see (e.g. hidden entries)."""
    return sum(r["count"] for r in data.get(WITHHELD, []) if r["entity"] == entity_name)
