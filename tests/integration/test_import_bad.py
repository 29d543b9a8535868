"""Bad backups: each is refused with a message that says what and where, and the database is left
exactly as it was, whether the problem is found before writing or half-way through the import."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from sqlalchemy import Engine, func, select

from cvm_core import settings as s
from cvm_core.errors import ValidationError
from cvm_core.exports import backup
from cvm_core.exports.backup import BadBackup, messages
from db import exchange
from db.models import REFERABLE, AuditEvent, Workshop
from tests.unit.exports_data import snapshot


def good() -> dict:
    return json.loads(backup.dumps(backup.build(snapshot("ru"))))


def counts(engine: Engine) -> dict[str, int]:
    tables = [Workshop.__table__, AuditEvent.__table__, *(m.__table__ for m in REFERABLE.values())]
    with engine.connect() as conn:
        return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one() for t in tables}


def restore(engine: Engine, raw: bytes) -> tuple[dict, object]:
    return exchange.import_backup(engine, backup=backup.parse(raw), facilitator_name="Ведущая", passcode="import-1")


def refused(engine: Engine, raw: bytes) -> list[str]:
    """The English lines of the refusal; asserts that nothing was written."""
    before = counts(engine)
    with pytest.raises(BadBackup) as caught:
        restore(engine, raw)
    assert counts(engine) == before
    return messages(caught.value, "en")


def edited(change: Callable[[dict], None]) -> bytes:
    doc = good()
    change(doc)
    return json.dumps(doc, ensure_ascii=False).encode()


def test_a_good_file_imports(engine: Engine) -> None:
    before = counts(engine)
    workshop, _ = restore(engine, backup.dumps(backup.build(snapshot("ru"))))
    after = counts(engine)
    assert workshop["name"] == "Мастерская «Север» / Q3"
    assert after["pain"] - before["pain"] == 3 and after["workshop"] == before["workshop"] + 1


def test_not_json(engine: Engine) -> None:
    assert refused(engine, "Это не JSON".encode()) == [
        "The file is not valid JSON (line 1, column 1): it may be cut short or edited by hand."
    ]


def test_truncated(engine: Engine) -> None:
    raw = backup.dumps(backup.build(snapshot("ru")))
    (line,) = refused(engine, raw[: len(raw) * 2 // 3])
    assert line.startswith("The file is not valid JSON (line ")


def test_wrong_schema_version(engine: Engine) -> None:
    raw = edited(lambda d: d.update(schema_version=backup.SCHEMA_VERSION + 1))
    now = backup.SCHEMA_VERSION
    assert refused(engine, raw) == [
        f"schema_version: the file has schema version {now + 1}; this app reads up to version {now}."
        " Update the app, then import it again."
    ]


def test_missing_fields(engine: Engine) -> None:
    assert refused(engine, edited(lambda d: d["pain"][1].pop("customer_id"))) == [
        "pain[1].customer_id: this field is required."
    ]
    assert refused(engine, edited(lambda d: d["workshop"].pop("name"))) == ["workshop.name: this field is required."]


def test_a_reference_to_a_missing_row(engine: Engine) -> None:
    assert refused(engine, edited(lambda d: d["promise_support"][1].update(parent_internal_id=999))) == [
        "promise_support[1].parent_internal_id: refers to internal_promise 999, which is not in the file."
    ]


def test_a_score_out_of_range(engine: Engine) -> None:
    assert refused(engine, edited(lambda d: d["canvas_score"][0].update(score=10.5))) == [
        "canvas_score[0].score: must be between 0 and 10."
    ]
    assert refused(engine, edited(lambda d: d["feedback"][0].update(score=0))) == [
        "feedback[0].score: must be between 1 and 10."
    ]


def test_fifty_megabytes_of_text(engine: Engine) -> None:
    assert refused(engine, edited(lambda d: d["note"][0].update(text="я" * 25 * 1024 * 1024))) == [
        f"The file is 50.0 MB; a backup may be at most {s.IMPORT_MAX_MB} MB."
    ]


def test_deep_nesting(engine: Engine) -> None:
    raw = b'{"format": "clientocracy-workshop", "schema_version": 1, "workshop": ' + b"[" * 50_000 + b"]" * 50_000
    assert refused(engine, raw + b"}") == [
        f"The file nests brackets deeper than {s.IMPORT_MAX_DEPTH} levels: it is not a workshop backup."
    ]


def test_duplicates_found_half_way_roll_everything_back(engine: Engine) -> None:
    def twin(d: dict) -> None:
        d["department"][1]["name"] = "  продажи "  # the same as "Продажи": case and spacing do not count

    assert refused(engine, edited(twin)) == [
        "department[1].name: an item with this text already exists (case and spaces do not count)."
    ]


def test_a_rule_broken_late_rolls_everything_back(engine: Engine) -> None:
    def cycle(d: dict) -> None:  # internal promise 1 supports 2, which supports 1: a loop
        d["promise_support"].append(
            {"id": 3, "internal_promise_id": 1, "parent_promise_id": None, "parent_internal_id": 2}
        )

    assert refused(engine, edited(cycle)) == [
        "promise_support[2].parent_internal_id: a promise cannot support itself, directly or through others."
    ]

    def overspent(d: dict) -> None:
        d["vote"].append({"id": 3, "pain_id": 3, "participant_id": 2, "dots": 3})  # Анна had 3 of 5 dots

    (line,) = refused(engine, edited(overspent))
    assert line.startswith("vote[2]: ")


def test_people_and_settings_are_checked_like_on_the_home_page(engine: Engine) -> None:
    assert refused(engine, edited(lambda d: d["participants"][2].update(display_name="анна"))) == [
        "participants[2].display_name: an item with this text already exists (case and spaces do not count)."
    ]
    assert refused(engine, edited(lambda d: d["participants"][1].update(role="admin"))) == [
        "participants[1].role: choose one of the offered options."
    ]
    assert refused(engine, edited(lambda d: d["workshop"].update(scale_max=1000))) == [
        "workshop.scale_max: must be between 5 and 100."
    ]


def test_a_bad_passcode_writes_nothing(engine: Engine) -> None:
    before = counts(engine)
    with pytest.raises(ValidationError):
        exchange.import_backup(engine, backup=backup.parse(edited(lambda d: None)), facilitator_name="X", passcode="1")
    assert counts(engine) == before
