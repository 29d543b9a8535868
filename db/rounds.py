"""A new workshop from a past one (its next round) or from a template, in one write transaction.

What is carried is cvm_core/carry.py's: the rows are taken from the past workshop as its backup holds them,
cut down by the copy rules and the checklist, and written as an import writes a backup (db/exchange.py):
through the services' checks, with references remapped, all or nothing.

Who may: the operator (command line, demo); a facilitator of the past workshop, whose new workshop then
remembers it as its predecessor (the rounds are compared on the "Rounds" page); or any facilitator, from a
workshop marked as a template, which then stays unlinked (a template is a starting point, not a round).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, select

from cvm_core import carry
from cvm_core.errors import NotFound, PermissionDenied
from cvm_core.exports import backup as bk
from cvm_core.schema import WORKSHOP
from cvm_core.validation import validate
from db import engine as dbe
from db import read, workshops
from db.exchange import Ids, NewWorkshop, facilitates, write_workshop
from db.models import Workshop, utcnow
from db.services import Actor

_w = Workshop.__table__


@dataclass(frozen=True)
class Started:
    """The new workshop, its facilitator, whether it is linked to the one it came from, and the new ids of
    the rows carried (entity -> old id -> new id)."""

    workshop: dict[str, Any]
    actor: Actor
    linked: bool
    ids: Ids


def _source(conn: Connection, source_id: int) -> Any:
    found = conn.execute(
        select(_w.c.id, _w.c.name, _w.c.is_template, _w.c.deleted_at).where(_w.c.id == source_id)
    ).first()
    if found is None or found.deleted_at is not None:
        raise NotFound("errors.workshop_not_found")
    return found


def may_start_from(engine: Engine, *, source_id: int, by: Actor | None) -> bool:
    """Whether `by` may start a workshop from `source_id`, and whether it would be its next round (linked).
    Raises PermissionDenied when not allowed at all."""
    with dbe.reading(engine) as conn:
        source = _source(conn, source_id)
        if by is None:
            return True
        if by.workshop_id == source_id and facilitates(conn, by):
            return True
        if source.is_template and facilitates(conn, by):
            return False
    raise PermissionDenied("rounds.err.not_yours")


def start_from(
    engine: Engine,
    *,
    source_id: int,
    name: str,
    by: Actor | None,
    facilitator_name: str,
    items: Collection[str] = carry.DEFAULT,
    passcode: str | None = None,
    same_passcode_as: Actor | None = None,
    join_code: str | None = None,
) -> Started:
    """A new workshop called `name` from the workshop `source_id`, carrying the checklist's `items`; its
    facilitator is `facilitator_name` with a new `passcode` or the passcode of the workshop that
    `same_passcode_as` facilitates. `by` is who asks: None for the operator, else their actor in the
    past workshop (its facilitator) or in their own workshop (for a template)."""
    linked = may_start_from(engine, source_id=source_id, by=by)
    title = validate(WORKSHOP, {"name": name}, partial=True)["name"]
    facilitator = validate(workshops.PERSON, {"display_name": facilitator_name})["display_name"]
    hashed = None if same_passcode_as is not None else workshops.hash_passcode(workshops._passcode(passcode))
    data = read.backup(engine, actor=Actor.system(source_id))
    old = data["workshop"][0]
    rows = carry.carry(data, items, round_name=old["name"], by=facilitator, at=utcnow().isoformat(timespec="seconds"))
    doc = bk.build({**rows, "workshop": [carry.settings(old, title)]})
    plan = bk.Backup.of(doc)
    new = NewWorkshop(facilitator, hashed, same_passcode_as, source_id if linked else None, join_code, "new_round")

    def work(conn: Connection) -> tuple[Actor, Ids]:
        return write_workshop(conn, plan, new)

    actor, ids = dbe.write(engine, work)
    return Started(workshops.workshop(engine, workshop_id=actor.workshop_id), actor, linked, ids)


def set_template(engine: Engine, *, actor: Actor, template: bool) -> dict[str, Any]:
    """Mark the actor's workshop as a template, or no longer (facilitator only)."""
    version = workshops.workshop(engine, workshop_id=actor.workshop_id)["version"]
    return workshops.update_settings(engine, actor=actor, version=version, changes={"is_template": template})


def starting_points(engine: Engine, *, mine: Collection[Actor]) -> list[dict[str, Any]]:
    """What a person may start a new workshop from: the workshops they facilitate (`mine`: their actors in
    the workshops this browser joined) and, if they facilitate any, every template; newest first. Each row: id, name, organisation, is_template, created_at,
    and `by`, the actor to start it with."""
    with dbe.reading(engine) as conn:
        facilitated = {a.workshop_id: a for a in mine if facilitates(conn, a)}
        if not facilitated:
            return []
        query = select(_w.c.id, _w.c.name, _w.c.organisation, _w.c.is_template, _w.c.created_at).where(
            _w.c.deleted_at.is_(None), (_w.c.id.in_(list(facilitated))) | _w.c.is_template.is_(True)
        )
        rows = [dict(r) for r in conn.execute(query).mappings()]
    anyone = next(iter(facilitated.values()))
    for r in rows:
        r["by"] = facilitated.get(r["id"], anyone)
    return sorted(rows, key=lambda r: r["created_at"], reverse=True)
