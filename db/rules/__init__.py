"""Rules that need more than one row's fields (budgets, trees, authorship), checked inside the write
transaction of every create and update of their entity, whoever calls the services."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection

from db.rules import pains, promise_tree

# rule(conn, ctx, clean, current) -> clean: may complete the row (e.g. its author) or raise a DomainError.
Rule = Callable[[Connection, Any, dict[str, Any], dict[str, Any] | None], dict[str, Any]]

RULES: dict[str, Rule] = {
    "pain": pains.pain,
    "vote": pains.vote,
    "promise_support": promise_tree.support,
}


def apply(conn: Connection, ctx: Any, name: str, clean: dict[str, Any], current: dict[str, Any] | None) -> dict:
    rule = RULES.get(name)
    return rule(conn, ctx, clean, current) if rule else clean
