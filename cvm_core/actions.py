"""Decisions and actions: who owns what by when, where it came from, and who may move it along.

An action is open → doing → done (or dropped). Its owner is a participant, a department, or both. Anyone in
the room adds one; its owners and the facilitator change its status; its author, owners and the facilitator
edit it; its author and the facilitator delete and restore it. A due date in the past is allowed (a
decision may be recorded late) but the action is then overdue until it is done or dropped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from cvm_core import dates
from cvm_core import health as h
from cvm_core.i18n import t
from cvm_core.policy import runs_room
from cvm_core.rows import Row, Snapshot
from cvm_core.schema import SOURCE_REFS

OPEN, DOING, DONE, DROPPED = "open", "doing", "done", "dropped"
STILL_OPEN = (OPEN, DOING)
CLOSED = (DONE, DROPPED)
TROUBLE = (h.BROKEN, h.AT_RISK)
NEGOTIATING = ("proposed", "negotiating", "rejected")


def is_open(action: Row) -> bool:
    return action.get("status") in STILL_OPEN


def owns(action: Row, person: Row) -> bool:
    """The person is the action's owner, or works in its owner department."""
    if action.get("owner_participant_id") is not None and action["owner_participant_id"] == person.get("id"):
        return True
    department = action.get("owner_department_id")
    return department is not None and department == person.get("department_id")


def may_change_status(action: Row, person: Row) -> bool:
    return runs_room(person.get("role")) or owns(action, person)


def may_edit(action: Row, person: Row) -> bool:
    return may_change_status(action, person) or _authored(action, person)


def may_remove(action: Row, person: Row) -> bool:
    """Delete or restore: the author and the facilitator."""
    return runs_room(person.get("role")) or _authored(action, person)


def _authored(action: Row, person: Row) -> bool:
    return action.get("author_id") is not None and action["author_id"] == person.get("id")


def overdue(action: Row, today: date) -> bool:
    return is_open(action) and dates.overdue(action.get("due"), today)


def due_this_week(action: Row, today: date) -> bool:
    return is_open(action) and dates.this_week(action.get("due"), today)


@dataclass(frozen=True)
class Filter:
    """What the register shows: None (or empty) means any."""

    owner: int | None = None  # a participant id
    department: int | None = None
    statuses: tuple[str, ...] = ()
    overdue_only: bool = False


def matches(action: Row, wanted: Filter, today: date, people: Mapping[int, Row]) -> bool:
    """Whether an action passes the filter; a department matches its owner department or its owner's."""
    if wanted.owner is not None and action.get("owner_participant_id") != wanted.owner:
        return False
    if wanted.department is not None:
        owner = people.get(action.get("owner_participant_id") or 0) or {}
        if wanted.department not in (action.get("owner_department_id"), owner.get("department_id")):
            return False
    if wanted.statuses and action.get("status") not in wanted.statuses:
        return False
    return not wanted.overdue_only or overdue(action, today)


def register(actions: Iterable[Row], wanted: Filter, today: date, people: Mapping[int, Row]) -> list[Row]:
    """The actions that pass the filter: open ones first (overdue, then by due date), closed ones last."""
    chosen = [a for a in actions if matches(a, wanted, today, people)]
    return sorted(chosen, key=lambda a: (not is_open(a), not overdue(a, today), a.get("due") or "9999", a["id"]))


def attention(actions: Iterable[Row], today: date) -> tuple[list[Row], list[Row]]:
    """(overdue, due within the week) among the open actions: what the facilitator's console shows."""
    live = [a for a in actions if is_open(a)]
    late = sorted((a for a in live if overdue(a, today)), key=lambda a: (a["due"], a["id"]))
    soon = sorted((a for a in live if due_this_week(a, today)), key=lambda a: (a["due"], a["id"]))
    return late, soon


def history(statuses: Iterable[Row], action_id: int) -> list[Row]:
    """An action's status changes, oldest first."""
    return sorted((s for s in statuses if s["action_id"] == action_id), key=lambda s: (s["at"], s["id"]))


@dataclass(frozen=True)
class Counts:
    opened: int  # added in this round
    carried: int  # brought from the round before
    closed: int  # done or dropped
    still_open: int


def counts(actions: Iterable[Row]) -> Counts:
    rows = list(actions)
    carried = sum(bool(a.get("carried_from")) for a in rows)
    closed = sum(a.get("status") in CLOSED for a in rows)
    return Counts(len(rows) - carried, carried, closed, len(rows) - closed)


def by_status(actions: Iterable[Row]) -> Counter[str]:
    return Counter(a.get("status") or OPEN for a in actions)


# --- actions from artefacts -------------------------------------------------------------------------------------


def candidates(data: Snapshot, source: str) -> list[Row]:
    """The artefacts of one kind that call for an action: broken or at-risk promises, promises still being
    negotiated, closed experiments with a decision, pains that no value factor answers, feedback rounds."""
    if source == "promise":
        return [p for p in data.get("promise", []) if p.get("status") == "agreed" and h.of(p) in TROUBLE]
    if source == "negotiation":
        return [p for p in data.get("promise", []) if p.get("status") in NEGOTIATING]
    if source == "internal_promise":
        return [p for p in data.get("internal_promise", []) if h.of(p) in TROUBLE]
    if source == "experiment":
        return [e for e in data.get("experiment", []) if e.get("status") == "closed" and e.get("decision")]
    if source == "pain":
        answered = {link["pain_id"] for link in data.get("factor_pain", [])}
        return [p for p in data.get("pain", []) if p["id"] not in answered and not p.get("hidden")]
    if source == "feedback_round":
        return list(data.get("feedback_round", []))
    raise ValueError(source)


def label(source: str, row: Row) -> str:
    """The artefact's own words, for a button or a list."""
    field = {"experiment": "title", "feedback_round": "name"}.get(source, "text")
    return str(row.get(field) or "")


def draft(source: str, row: Row, lang: str) -> dict[str, Any]:
    """A new action pre-filled from an artefact: its text, the owner department the artefact names, and
    the link back to it."""
    owner = {
        "promise": row.get("owner_department_id"),
        "negotiation": row.get("owner_department_id"),
        "internal_promise": row.get("supplier_department_id"),
        "experiment": row.get("department_id"),
    }.get(source)
    extra = {}
    if source == "promise":
        extra["health"] = t(f"choices.health.{h.of(row)}", lang)
    if source == "experiment":
        extra["decision"] = t(f"choices.decision.{row.get('decision') or 'none'}", lang)
    text = t(f"actions.draft.{source}", lang, what=label(source, row)[:200], **extra)
    return {"text": text, "source": source, SOURCE_REFS[source]: row["id"], "owner_department_id": owner}


def source_of(action: Row) -> tuple[str, int | None]:
    """(source kind, the artefact's id or None when it is gone) of an action; ("", None) when it has none."""
    source = action.get("source") or ""
    return source, action.get(SOURCE_REFS[source]) if source else None
