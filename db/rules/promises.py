"""Rule for promises to the customer (step 5): who set the negotiation status and when.

On every create and on every change of status the actor's name and the time (UTC) are recorded, whatever
a page sends in `status_by` / `status_at`; other edits keep them. The system actor (import) may bring its
own record.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

from db.models import utcnow


def stamp() -> str:
    return utcnow().isoformat(timespec="seconds")


def promise(conn: Connection, ctx: Any, clean: dict[str, Any], current: dict[str, Any] | None) -> dict[str, Any]:
    changed = current is None or clean.get("status") != current["status"]
    if ctx.actor.participant_id is None and clean.get("status_by") and clean.get("status_at"):
        return clean
    if changed:
        return {**clean, "status_by": ctx.actor.name[:80], "status_at": stamp()}
    return {**clean, "status_by": current["status_by"], "status_at": current["status_at"]}
