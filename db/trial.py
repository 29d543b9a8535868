"""The demo workshops offered on the home page: a newcomer steps into a running workshop as its facilitator or
as a participant with one click. Offered only while every workshop in the database is a demo (the first real
workshop ends the offer); the operator can turn it off altogether (`cvm_core.settings.demo_offer`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Engine, select

from cvm_core import settings as s
from cvm_core.errors import FieldError, ValidationError
from db import engine as dbe
from db import workshops
from db.demo.story import DEMO_PASSCODE, ROUNDS, SETUP, story_file
from db.models import Workshop
from db.services import Actor

CODES: dict[str, str] = dict(SETUP["join_code"])  # language -> the demo's join code (its first round: offered)
ALL_CODES = frozenset(code for folder in ROUNDS for code in story_file(folder)["join_code"].values())  # every round
FACILITATORS: dict[str, str] = dict(SETUP["facilitator"])  # language -> the demo facilitator's name
NAME_TRIES = 20


def offered(engine: Engine) -> list[dict[str, Any]]:
    """The demo workshops to offer (id, name, language, join code), in the order of `CODES`; none when the
    operator turned the offer off or a workshop that is not a demo exists."""
    if not s.demo_offer():
        return []
    w = Workshop.__table__
    query = select(w.c.id, w.c.name, w.c.language, w.c.join_code, w.c.archived_at).where(w.c.deleted_at.is_(None))
    with dbe.reading(engine) as conn:
        found = conn.execute(query.limit(len(ALL_CODES) + 1)).mappings().all()
    if any(row["join_code"] not in ALL_CODES for row in found):
        return []
    order = list(CODES.values())
    live = [dict(row) for row in found if row["archived_at"] is None and row["join_code"] in order]
    return sorted(live, key=lambda row: order.index(row["join_code"]))


def enter(engine: Engine, *, code: str, facilitator: bool, names: Iterable[str], throttle_keys: list[str]) -> Actor:
    """Into the demo with join code `code`: as its facilitator (the demo's own, with the demo passcode), or
    as a new participant under the first of `names` nobody in the room has."""
    if code not in CODES.values():
        raise ValidationError([FieldError("join_code", "errors.bad_join_code")], "workshop")
    if facilitator:
        lang = next(lang for lang, known in CODES.items() if known == code)
        return workshops.sign_in(
            engine, code=code, passcode=DEMO_PASSCODE, display_name=FACILITATORS[lang], throttle_keys=throttle_keys
        )
    taken: ValidationError | None = None
    for name in list(names)[:NAME_TRIES]:
        try:
            return workshops.join(engine, code=code, display_name=name, throttle_keys=throttle_keys)
        except ValidationError as exc:
            if not any(e.key == "people.err.name_taken" for e in exc.errors):
                raise
            taken = exc
    raise taken or ValidationError([FieldError("display_name", "errors.required")], "participant")
