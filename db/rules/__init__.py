"""Rules that need more than one row's fields (budgets, trees, authorship), checked inside the write
transaction of every create and update of their entity, whoever calls the services."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection

from db.rules import pains, promise_tree, promises, settings

# rule(conn, ctx, clean, current) -> clean: may complete the row (e.g. its author) or raise a DomainError.
Rule = Callable[[Connection, Any, dict[str, Any], dict[str, Any] | None], dict[str, Any]]

RULES: dict[str, Rule] = {
    "pain": pains.pain,
    "vote": pains.vote,
    "promise": promises.promise,
    "promise_support": promise_tree.support,
    "workshop": settings.workshop,
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


def restored(conn: Connection, ctx: Any, names: set[str]) -> None:
    """Run the checks that bringing back rows of `names` could break; they raise to undo the restore."""
    for triggers, check in AFTER_RESTORE:
        if names.intersection(triggers):
            check(conn, ctx)
