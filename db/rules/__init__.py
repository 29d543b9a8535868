"""Rules that need more than one row's fields (budgets, trees, authorship), checked inside the write
transaction of every create and update of their entity, whoever calls the services."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection

from db.rules import actions, pains, promise_tree, promises, settings

# rule(conn, ctx, clean, current) -> clean: may complete the row (e.g. its author) or raise a DomainError.
Rule = Callable[[Connection, Any, dict[str, Any], dict[str, Any] | None], dict[str, Any]]

RULES: dict[str, Rule] = {
    "pain": pains.pain,
    "vote": pains.vote,
    "promise": promises.promise,
    "promise_support": promise_tree.support,
    "workshop": settings.workshop,
    "action": actions.action,
    "action_status": actions.status_line,
}

# after(conn, ctx, row, current) -> None: writes that follow a row's create (current None) or update, in the
# same transaction (an action's status history).
# after(conn, ctx, row, current) -> rows to add: what a write of these entities brings with it, as (entity, values)
# that the services insert like any row of theirs (so the rules never call back into the services).
FollowUp = list[tuple[str, dict[str, Any]]]
AFTER_WRITE: dict[str, Callable[[Connection, Any, dict[str, Any], dict[str, Any] | None], FollowUp]] = {
    "action": actions.history,
}

# guard(conn, ctx, name, current) -> None: who may delete or restore a row of these entities (raises if not).
REMOVE_GUARDS: dict[str, Callable[[Connection, Any, str, dict[str, Any]], None]] = {
    "action": actions.may_remove,
    "action_status": actions.may_remove,
}


# check(conn, ctx) -> None: re-checks a whole structure after a restore (and its cascade) brought rows
# of the named entities back.
AFTER_RESTORE: list[tuple[tuple[str, ...], Callable[[Connection, Any], None]]] = [
    (("promise_support",), promise_tree.acyclic),
    (("vote",), pains.budgets_hold),
]


def apply(conn: Connection, ctx: Any, name: str, clean: dict[str, Any], current: dict[str, Any] | None) -> dict:
    rule = RULES.get(name)
    return rule(conn, ctx, clean, current) if rule else clean


def written(conn: Connection, ctx: Any, name: str, row: dict[str, Any], current: dict[str, Any] | None) -> FollowUp:
    """The rows that writing `row` of `name` brings with it (e.g. a line of an action's status history)."""
    after = AFTER_WRITE.get(name)
    return after(conn, ctx, row, current) if after else []


def may_remove(conn: Connection, ctx: Any, name: str, current: dict[str, Any]) -> None:
    guard = REMOVE_GUARDS.get(name)
    if guard:
        guard(conn, ctx, name, current)


def restored(conn: Connection, ctx: Any, names: set[str]) -> None:
    """Run the checks that bringing back rows of `names` could break; they raise to undo the restore."""
    for triggers, check in AFTER_RESTORE:
        if names.intersection(triggers):
            check(conn, ctx)
