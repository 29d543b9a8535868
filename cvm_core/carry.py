"""What a new workshop takes from a past one (its next round) or from a template: the copy rules.

The structure is carried — departments, people's names, customers, value factors, the canvas, value streams,
promises and internal promises with their metrics and targets, teams, communication rules, motivation plans
and the open actions — as far as the facilitator ticks it on the checklist. What belongs to a session is
left out: votes, scores' history (the audit log), ready signals and sessions, feedback ratings and rounds,
mistakes, notes, step progress. Within what is carried:

- departments always go (everything else hangs on them); a row whose parent is not carried is left out, a
  reference to a row that is not carried is emptied (as a backup does);
- people keep their names and departments but not their roles: the new workshop's facilitator is the
  person who creates it (the others sign in with its passcode);
- pains go without their votes, and a pain still hidden in a private brainstorm stays behind;
- metrics keep their name, unit, direction and target; the current value is carried only when asked
  ("measurements"), otherwise a new round starts with "no data" until it is measured again;
- experiments: only those planned or running; actions: only those open or in progress, marked with the
  round they came from, their owner kept when people are carried (else their owner's department), and a
  first line of history saying who carried them when;
- the workshop keeps its settings (language, scale, dots, anonymity, hour rate, organisation) under its new
  name, with voting closed, the room on step 1, and not a template.

Pure: a snapshot in, the new workshop's rows (still with the old ids) out; db/rounds.py writes them.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from cvm_core.actions import STILL_OPEN
from cvm_core.rows import Row, Snapshot
from cvm_core.schema import ENTITIES, WORKSHOP

PARTICIPANT = "participant"


@dataclass(frozen=True)
class Item:
    """One line of the checklist: the entities it carries, ticked or not at first, the items it needs."""

    key: str
    entities: tuple[str, ...]
    default: bool = True
    needs: tuple[str, ...] = ()
    fixed: bool = False  # always carried


ITEMS: tuple[Item, ...] = (
    Item("departments", ("department",), fixed=True),
    Item("people", (PARTICIPANT,)),
    Item("customers", ("customer", "customer_department")),
    Item("value", ("value_factor",), needs=("customers",)),
    Item("pains", ("pain", "factor_pain"), default=False, needs=("customers",)),
    Item("canvas", ("offering", "canvas_score", "errc_action")),
    Item("streams", ("value_stream", "value_stream_stage", "stage_department"), needs=("customers",)),
    Item("promises", ("promise",), needs=("customers",)),
    Item("internal", ("internal_promise", "promise_support")),
    Item("measurements", (), default=False),
    Item("team", ("team_member", "communication_rule")),
    Item("motivation", ("motivation_plan",)),
    Item("economics", ("economics",), default=False),
    Item("experiments", ("experiment",), default=False),
    Item("actions", ("action",)),
)
BY_KEY = {item.key: item for item in ITEMS}
DEFAULT = frozenset(item.key for item in ITEMS if item.default)
# Never carried, whatever is ticked: they belong to the session that made them.
LEFT_OUT = ("vote", "feedback_round", "feedback", "mistake", "note", "step_progress", "action_status")
SETTINGS_RESET = {"voting_open": False, "current_step": 1, "is_template": False}
MEASURED = ("promise", "internal_promise")
OPEN_EXPERIMENTS = ("planned", "running")


def chosen(ticked: Collection[str]) -> frozenset[str]:
    """The items that will be carried: the ticked ones that exist, the fixed ones, and whatever each needs."""
    keys = {k for k in ticked if k in BY_KEY} | {item.key for item in ITEMS if item.fixed}
    grew = True
    while grew:
        more = {need for k in keys for need in BY_KEY[k].needs} - keys
        keys |= more
        grew = bool(more)
    return frozenset(keys)


def entities(items: Collection[str]) -> set[str]:
    return {name for k in chosen(items) for name in BY_KEY[k].entities}


def settings(workshop: Row, name: str) -> dict[str, Any]:
    """The new workshop's settings: the old ones under the new name, voting closed, back on step 1."""
    kept = {f: workshop.get(f) for f in WORKSHOP.field_names if f in workshop}
    return {**kept, **SETTINGS_RESET, "name": name}


def _people(rows: list[Row]) -> list[dict[str, Any]]:
    return [{**p, "role": "participant"} for p in rows]


def _measurement_dropped(row: Row) -> dict[str, Any]:
    return {**row, "metric_current": None}


def _actions(rows: list[Row], data: Snapshot, carried_people: bool, round_name: str) -> list[dict[str, Any]]:
    people = {p["id"]: p for p in data.get(PARTICIPANT, [])}
    out = []
    for a in rows:
        if a.get("status") not in STILL_OPEN:
            continue
        row = {**a, "carried_from": round_name}
        if not carried_people:
            owner = people.get(a.get("owner_participant_id") or 0) or {}
            row |= {"owner_participant_id": None, "author_id": None}
            row["owner_department_id"] = a.get("owner_department_id") or owner.get("department_id")
        out.append(row)
    return out


def carry(data: Snapshot, ticked: Collection[str], *, round_name: str, by: str, at: str) -> dict[str, list[Row]]:
    """The rows of the new workshop (with the old ids; references not yet checked): `round_name` names the
    round the actions come from, `by` and `at` the first line of their history."""
    items = chosen(ticked)
    names = entities(items)
    out: dict[str, list[Row]] = {"workshop": list(data.get("workshop", []))}
    for name in (PARTICIPANT, *ENTITIES):
        rows = list(data.get(name, [])) if name in names else []
        if name == PARTICIPANT:
            rows = _people(rows)
        elif name == "pain":
            rows = [p for p in rows if not p.get("hidden")]
        elif name in MEASURED and "measurements" not in items:
            rows = [_measurement_dropped(r) for r in rows]
        elif name == "experiment":
            rows = [e for e in rows if e.get("status") in OPEN_EXPERIMENTS]
        elif name == "action":
            rows = _actions(rows, data, "people" in items, round_name)
        out[name] = rows
    out["action_status"] = [
        {"id": n, "action_id": a["id"], "status": a["status"], "by_name": by, "at": at}
        for n, a in enumerate(out["action"], start=1)
    ]
    return out
