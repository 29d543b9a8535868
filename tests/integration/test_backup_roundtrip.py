"""Export a workshop to JSON, import it as a new workshop, export again: the two files are identical
apart from ids and the export time, for the demo workshops and the large one, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import Engine

from cvm_core.exports import backup, excel
from cvm_core.exports.backup import ORDER, section
from db import demo, exchange, read, workshops
from db.services import Actor

_BUILT: dict[tuple[str, str], int] = {}


def export(engine: Engine, workshop_id: int) -> bytes:
    return backup.render(read.backup(engine, actor=Actor.system(workshop_id)))


def comparable(raw: bytes) -> dict[str, Any]:
    """The document with each id replaced by the row's position in its section, references likewise."""
    doc = json.loads(raw)
    doc.pop("exported_at")
    position = {n: {r["id"]: i for i, r in enumerate(doc[section(n)])} for n in ORDER}
    for name in ORDER:
        for row in doc[section(name)]:
            row.pop("id")
            for f, target, _ in backup._refs(name):
                if row.get(f) is not None:
                    row[f] = position[target][row[f]]
    return doc


def built(engine: Engine, kind: str) -> int:
    key = (engine.url.render_as_string(hide_password=False), kind)
    if key not in _BUILT:
        _BUILT[key] = demo.build_large(engine) if kind == "large" else demo.build_demo(engine, kind)
    return _BUILT[key]


def facilitator_of(engine: Engine, workshop_id: int) -> str:
    return next(
        p["display_name"] for p in workshops.participants(engine, workshop_id=workshop_id) if p["role"] == "facilitator"
    )


@pytest.mark.parametrize("kind", ["ru", "en", "large"])
def test_export_import_export_gives_the_same_workshop(engine: Engine, kind: str) -> None:
    source = built(engine, kind)
    first = export(engine, source)
    workshop, actor = exchange.import_backup(
        engine, backup=backup.parse(first), facilitator_name=facilitator_of(engine, source), passcode="restored-1"
    )
    assert (
        workshop["id"] != source
        and workshop["join_code"] != workshops.workshop(engine, workshop_id=source)["join_code"]
    )
    second = export(engine, workshop["id"])
    assert comparable(second) == comparable(first)
    assert len(json.loads(second)["pain"]) > 0
    assert json.loads(second)["workshop"]["currency"] == {"ru": "₽", "en": "€"}.get(kind, "")
    assert actor.participant_id in {p["id"] for p in workshops.participants(engine, workshop_id=workshop["id"])}
    # the copy is a workshop like any other: the same sheets come out of it
    assert excel.render(read.backup(engine, actor=Actor.system(workshop["id"])))[:2] == b"PK"


def test_the_importer_is_the_facilitator_and_can_sign_in(engine: Engine) -> None:
    source = built(engine, "en")
    workshop, actor = exchange.import_backup(
        engine, backup=backup.parse(export(engine, source)), facilitator_name="Nora", passcode="restored-2"
    )
    people = {p["display_name"]: p for p in workshops.participants(engine, workshop_id=workshop["id"])}
    assert people["Nora"]["role"] == "facilitator" and actor.name == "Nora"
    assert people[facilitator_of(engine, source)]["role"] == "facilitator"  # as in the file
    again = workshops.sign_in(
        engine, code=workshop["join_code"], passcode="restored-2", display_name="Nora", throttle_keys=["t"]
    )
    assert again.participant_id == actor.participant_id
    pains = read.rows(engine, workshop_id=workshop["id"], entity_name="pain")
    authors = {p["author_id"] for p in pains} - {None}
    assert authors and authors <= {p["id"] for p in people.values()}  # authors point into the new workshop


def test_same_passcode_as_the_current_workshop(engine: Engine, workshop: tuple) -> None:
    info, facilitator = workshop
    source = built(engine, "en")
    copy, actor = exchange.import_backup(
        engine, backup=backup.parse(export(engine, source)), facilitator_name="Fay", same_passcode_as=facilitator
    )
    assert workshops.sign_in(
        engine, code=copy["join_code"], passcode="passcode-1", display_name="Fay", throttle_keys=["u"]
    )
