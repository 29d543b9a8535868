"""What the step pages 1–5 read on a change: the live rows of a few entities in one transaction, with
only the columns a page uses (the entity's fields, id and version), so no timestamps are parsed."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

from sqlalchemy import Engine, Select, bindparam, select

from cvm_core.schema import entity
from db import engine as dbe
from db.models import Participant, Workshop
from db.services import table

Snapshot = dict[str, list[dict[str, Any]]]
_PARTICIPANT = ("id", "version", "display_name", "department_id", "role")


@cache
def _query(name: str) -> Select:
    if name == "participant":
        t = Participant.__table__
        columns = [t.c[c] for c in _PARTICIPANT]
    else:
        t = table(name)
        columns = [t.c.id, t.c.version, *(t.c[f] for f in entity(name).field_names)]
    return select(*columns).where(t.c.workshop_id == bindparam("wid"), t.c.deleted_at.is_(None)).order_by(t.c.id)


@cache
def _workshop() -> Select:
    w = Workshop.__table__
    return select(*(c for c in w.c if c.name != "passcode_hash")).where(w.c.id == bindparam("wid"))


def read(engine: Engine, *, workshop_id: int, entities: Iterable[str]) -> Snapshot:
    """{"workshop": [row], "<entity>": [live rows in id order], ...} for `entities` ("participant" too)."""
    with dbe.reading(engine) as conn:
        data: Snapshot = {"workshop": [dict(r) for r in conn.execute(_workshop(), {"wid": workshop_id}).mappings()]}
        for name in entities:
            data[name] = [dict(r) for r in conn.execute(_query(name), {"wid": workshop_id}).mappings()]
    return data
