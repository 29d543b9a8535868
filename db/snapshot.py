"""Every live row of one workshop in one read, as plain data for the method's functions."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, select

from cvm_core.schema import ENTITIES
from db import engine as dbe
from db.models import Participant, Workshop
from db.services import table

Snapshot = dict[str, list[dict[str, Any]]]


def workshop_data(engine: Engine, *, workshop_id: int) -> Snapshot:
    """{"workshop": [row], "participant": [...], "<entity>": [live rows in id order], ...}."""
    data: Snapshot = {}
    with dbe.reading(engine) as conn:
        w = Workshop.__table__
        data["workshop"] = [dict(r) for r in conn.execute(select(w).where(w.c.id == workshop_id)).mappings()]
        for row in data["workshop"]:
            row.pop("passcode_hash", None)
        for name in ("participant", *ENTITIES):
            t = Participant.__table__ if name == "participant" else table(name)
            query = select(t).where(t.c.workshop_id == workshop_id, t.c.deleted_at.is_(None)).order_by(t.c.id)
            data[name] = [dict(r) for r in conn.execute(query).mappings()]
    return data
