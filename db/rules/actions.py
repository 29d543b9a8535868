"""Rules for actions, run inside the write transaction of every create, update, delete and restore, so they
hold whatever a page sends (the rights themselves are cvm_core.actions').

Anyone in the room adds an action and is its author; its owners and the facilitator change its status; its
author, owners and the facilitator edit it; its author and the facilitator delete and restore it. Each change
of status is stamped with who and when, and written to the action's status history (`action_status`), which
only the system writes directly: the copy of a workshop and an import bring their own history.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, bindparam, select

from cvm_core import actions as core
from cvm_core.errors import PermissionDenied
from db.models import Participant, utcnow

_p = Participant.__table__
_PERSON = select(_p.c.id, _p.c.role, _p.c.department_id).where(
    _p.c.id == bindparam("pid"), _p.c.workshop_id == bindparam("wid"), _p.c.deleted_at.is_(None)
)
KEPT = ("author_id", "carried_from")  # set once, when the action is written first


def _system(ctx: Any) -> bool:
    return ctx.actor.participant_id is None


def person(conn: Connection, ctx: Any) -> dict[str, Any]:
    """The actor as the rights see them: id, role, department."""
    found = conn.execute(_PERSON, {"pid": ctx.actor.participant_id, "wid": ctx.workshop_id}).mappings().first()
    return dict(found) if found else {"id": None, "role": "", "department_id": None}


def stamp() -> str:
    return utcnow().isoformat(timespec="seconds")


def action(conn: Connection, ctx: Any, clean: dict[str, Any], current: dict[str, Any] | None) -> dict[str, Any]:
    if _system(ctx):
        if current is None and not clean.get("status_at"):
            return {**clean, "status_by": clean.get("status_by") or ctx.actor.name[:80], "status_at": stamp()}
        return clean
    me = person(conn, ctx)
    if current is None:
        clean = {**clean, "author_id": me["id"], "carried_from": ""}
        if clean["status"] != core.OPEN and not core.may_change_status(clean, me):
            raise PermissionDenied("actions.err.status_rights")
        return {**clean, "status_by": ctx.actor.name[:80], "status_at": stamp()}
    clean = {**clean, **{f: current[f] for f in KEPT}}
    moved = clean["status"] != current["status"]
    edited = any(clean[f] != current[f] for f in clean if f not in ("status", "status_by", "status_at"))
    if moved and not core.may_change_status(current, me):
        raise PermissionDenied("actions.err.status_rights")
    if edited and not core.may_edit(current, me):
        raise PermissionDenied("actions.err.edit_rights")
    if moved:
        return {**clean, "status_by": ctx.actor.name[:80], "status_at": stamp()}
    return {**clean, "status_by": current["status_by"], "status_at": current["status_at"]}


def history(
    conn: Connection, ctx: Any, row: dict[str, Any], current: dict[str, Any] | None
) -> list[tuple[str, dict[str, Any]]]:
    """After a person created an action or changed its status: one line of its status history."""
    if _system(ctx) or (current is not None and current["status"] == row["status"]):
        return []
    line = {"action_id": row["id"], "status": row["status"], "by_name": row["status_by"], "at": row["status_at"]}
    return [("action_status", line)]


def status_line(conn: Connection, ctx: Any, clean: dict[str, Any], current: dict[str, Any] | None) -> dict:
    """The status history is written by the services as statuses change; people never write it."""
    if not _system(ctx):
        raise PermissionDenied("actions.err.history")
    return clean


def may_remove(conn: Connection, ctx: Any, name: str, current: dict[str, Any]) -> None:
    if _system(ctx):
        return
    if name == "action_status" or not core.may_remove(current, person(conn, ctx)):
        raise PermissionDenied("actions.err.remove_rights")
