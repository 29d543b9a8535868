"""Rules for the workshop's own settings, run inside the write transaction of every settings change.

The dot budget may not drop below the dots a participant has already given: the workshop would hold
votes its own rules refuse, and its backup would not import again. Take dots back first.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, bindparam, func, select

from cvm_core.errors import FieldError, ValidationError
from db.models import Vote

_v = Vote.__table__
_PER_PERSON = (
    select(func.sum(_v.c.dots).label("given"))
    .where(_v.c.workshop_id == bindparam("wid"), _v.c.deleted_at.is_(None))
    .group_by(_v.c.participant_id)
    .subquery()
)
_MOST_GIVEN = select(func.coalesce(func.max(_PER_PERSON.c.given), 0))


def workshop(conn: Connection, ctx: Any, clean: dict[str, Any], current: dict[str, Any] | None) -> dict[str, Any]:
    if current is not None and clean["dots_per_person"] < current["dots_per_person"]:
        given = int(conn.execute(_MOST_GIVEN, {"wid": ctx.workshop_id}).scalar_one())
        if clean["dots_per_person"] < given:
            raise ValidationError(
                [FieldError("dots_per_person", "errors.dots_already_given", {"given": given})], "workshop"
            )
    return clean
