"""Rules for the promise tree (step 6): it never cycles.

A link "internal promise C supports internal promise P" is refused when C can already be reached by
walking up the live links from P: C would then support itself through others. The check runs inside
the write transaction, which holds the workshop's write lock, so two links written at the same time
cannot close a cycle between them. A restore (which brings links back, also by cascade) re-checks the
whole tree of the workshop.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from cvm_core import tree
from cvm_core.errors import FieldError, ValidationError
from db.models import PromiseSupport

_links = PromiseSupport.__table__


def _internal_links(conn: Connection, workshop_id: int, without: int | None = None) -> list[tuple[int, int]]:
    """(child, parent) of every live link between two internal promises of the workshop."""
    query = select(_links.c.internal_promise_id, _links.c.parent_internal_id).where(
        _links.c.workshop_id == workshop_id,
        _links.c.deleted_at.is_(None),
        _links.c.parent_internal_id.is_not(None),
    )
    if without is not None:
        query = query.where(_links.c.id != without)
    return [(row[0], row[1]) for row in conn.execute(query)]


def _cycle() -> ValidationError:
    return ValidationError([FieldError("parent_internal_id", "errors.promise_cycle")], "promise_support")


def support(conn: Connection, ctx: Any, clean: dict[str, Any], current: dict[str, Any] | None) -> dict[str, Any]:
    """Refuse a link whose parent internal promise is (indirectly) supported by the child already."""
    child, parent = clean.get("internal_promise_id"), clean.get("parent_internal_id")
    if child is None or parent is None:
        return clean
    links = _internal_links(conn, ctx.workshop_id, without=current["id"] if current else None)
    if tree.would_cycle(links, child, parent):
        raise _cycle()
    return clean


def acyclic(conn: Connection, ctx: Any) -> None:
    """Raise when the live links of the workshop form a cycle (after a restore brought some back)."""
    if tree.find_cycle(_internal_links(conn, ctx.workshop_id)) is not None:
        raise _cycle()
