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
AFTER_WRITE: dict[str, Callable[[Connection, Any, dict[str, Any], dict[str, Any] | None], None]] = {
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


def written(conn: Connection, ctx: Any, name: str, row: dict[str, Any], current: dict[str, Any] | None) -> None:
    after = AFTER_WRITE.get(name)
    if after:
        after(conn, ctx, row, current)


def may_remove(conn: Connection, ctx: Any, name: str, current: dict[str, Any]) -> None:
    guard = REMOVE_GUARDS.get(name)
    if guard:
        guard(conn, ctx, name, current)


def restored(conn: Connection, ctx: Any, names: set[str]) -> None:
    """Run the checks that bringing back rows of `names` could break; they raise to undo the restore."""
    for triggers, check in AFTER_RESTORE:
        if names.intersection(triggers):
            check(conn, ctx)
