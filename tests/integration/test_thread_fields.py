"""The fields the golden thread adds, through the services on SQLite and PostgreSQL: a promise's share of its
segment's revenue (0–100 %, or empty for the default) and what a test card tests (a pain, factor or promise of
the same workshop), versioned, audited, kept in the backup."""

import pytest
from sqlalchemy import Engine

from cvm_core.errors import ValidationError
from cvm_core.exports import backup
from db import read, services
from db.services import Actor
from db.workshops import create_workshop
from tests.helpers import create, update


def shop(engine: Engine, fay: Actor) -> dict[str, int]:
    ids = {"department": create(engine, fay, "department", name="Sales")["id"]}
    ids["customer"] = create(engine, fay, "customer", name="Shops")["id"]
    pain = {"customer_id": ids["customer"], "text": "Late deliveries"}
    ids["pain"] = create(engine, fay, "pain", **pain)["id"]
    factor = {"customer_id": ids["customer"], "name": "On time"}
    ids["factor"] = create(engine, fay, "value_factor", **factor)["id"]
    promise = {"customer_id": ids["customer"], "factor_id": ids["factor"], "text": "Next-day delivery"}
    ids["promise"] = create(engine, fay, "promise", **promise)["id"]
    return ids


def card(ids: dict[str, int], **tests: int | None) -> dict:
    texts = dict.fromkeys(("believe", "verify", "measure", "right_if"), "…")
    return {"department_id": ids["department"], "title": "Evening slots", **texts, **tests}


def test_a_share_is_a_percentage_or_empty(engine: Engine, workshop) -> None:
    _, fay = workshop
    ids = shop(engine, fay)
    row = read.row(engine, workshop_id=fay.workshop_id, entity_name="promise", row_id=ids["promise"])
    assert row["revenue_share"] is None
    for bad in (150, -1, "lots"):
        with pytest.raises(ValidationError) as caught:
            update(engine, fay, "promise", ids["promise"], revenue_share=bad)
        assert [e.field for e in caught.value.errors] == ["revenue_share"]
    saved = update(engine, fay, "promise", ids["promise"], version=row["version"], revenue_share="35,5")
    assert saved["revenue_share"] == 35.5 and saved["version"] == row["version"] + 1
    events = read.audit_events(engine, workshop_id=fay.workshop_id, limit=1)
    assert events[0]["after"] == {"revenue_share": 35.5}


def test_a_test_card_names_artefacts_of_its_own_workshop(engine: Engine, workshop) -> None:
    _, fay = workshop
    ids = shop(engine, fay)
    made = create(engine, fay, "experiment", **card(ids, pain_id=ids["pain"]))
    assert (made["pain_id"], made["factor_id"], made["promise_id"]) == (ids["pain"], None, None)
    _, other = create_workshop(
        engine, data={"name": "Other", "language": "en"}, passcode="pass-2", facilitator_name="Ola"
    )
    theirs = shop(engine, other)
    with pytest.raises(ValidationError) as caught:
        create(engine, fay, "experiment", **card(ids, promise_id=theirs["promise"], title="X"))
    assert [(e.field, e.key) for e in caught.value.errors] == [("promise_id", "errors.bad_reference")]
    services.delete(engine, actor=fay, entity_name="pain", row_id=ids["pain"])
    kept = read.row(engine, workshop_id=fay.workshop_id, entity_name="experiment", row_id=made["id"])
    assert kept["pain_id"] == ids["pain"]  # the card stays; its reference points to the bin
    doc = backup.build(read.backup(engine, actor=fay))
    assert doc["experiment"][0]["pain_id"] is None  # a file never refers to a row it does not hold


def test_an_old_backup_without_the_new_fields_still_reads(engine: Engine, workshop) -> None:
    _, fay = workshop
    ids = shop(engine, fay)
    create(engine, fay, "experiment", **card(ids, factor_id=ids["factor"]))
    doc = backup.build(read.backup(engine, actor=fay))
    for row in doc["promise"]:
        row.pop("revenue_share")
    for row in doc["experiment"]:
        for field in ("pain_id", "factor_id", "promise_id"):
            row.pop(field)
    parsed = backup.parse(backup.dumps(doc))
    assert parsed.rows["experiment"][0].get("factor_id") is None
    assert backup.check_row(backup.ENTITIES["promise"], parsed.rows["promise"][0], {})["revenue_share"] is None


def test_system_actor_sees_the_fields_in_a_backup(engine: Engine, workshop) -> None:
    _, fay = workshop
    ids = shop(engine, fay)
    update(engine, fay, "promise", ids["promise"], revenue_share=20)
    doc = backup.build(read.backup(engine, actor=Actor.system(fay.workshop_id)))
    assert doc["promise"][0]["revenue_share"] == 20
