"""Value streams in the database: created with their stages in one go, stages reordered in one
transaction, on SQLite and PostgreSQL."""

import pytest

from cvm_core.errors import NotFound, ValidationError
from cvm_core.streams import streams
from db import read, services
from db import streams as dbs
from db.services import Actor
from tests.helpers import create


def customer(engine, actor) -> int:
    return create(engine, actor, "customer", name="Restaurants")["id"]


def stage_names(engine, actor) -> list[str]:
    found = streams(read.backup(engine, actor=Actor.system(actor.workshop_id)))
    return [s.name for s in found[0].stages]


def test_a_stream_is_created_with_its_stages(engine, facilitator) -> None:
    data = {"name": "Delivery", "customer_id": customer(engine, facilitator), "leader": "Anna"}
    stream = dbs.create_stream(engine, actor=facilitator, data=data, stage_names=["Research", "Design", "Offer"])
    assert stream["name"] == "Delivery"
    assert stage_names(engine, facilitator) == ["Research", "Design", "Offer"]


def test_a_bad_stage_writes_nothing(engine, facilitator) -> None:
    data = {"name": "Delivery", "customer_id": customer(engine, facilitator)}
    with pytest.raises(ValidationError):
        dbs.create_stream(engine, actor=facilitator, data=data, stage_names=["Research", "research"])
    assert read.rows(engine, workshop_id=facilitator.workshop_id, entity_name="value_stream") == []
    assert read.rows(engine, workshop_id=facilitator.workshop_id, entity_name="value_stream_stage") == []


def test_stages_move_and_reorder(engine, facilitator) -> None:
    data = {"name": "Delivery", "customer_id": customer(engine, facilitator)}
    stream = dbs.create_stream(engine, actor=facilitator, data=data, stage_names=["A", "B", "C", "D"])
    ids = {
        s["name"]: s["id"]
        for s in read.rows(engine, workshop_id=facilitator.workshop_id, entity_name="value_stream_stage")
    }
    dbs.move_stage(engine, actor=facilitator, stream_id=stream["id"], stage_id=ids["C"], offset=-2)
    assert stage_names(engine, facilitator) == ["C", "A", "B", "D"]
    dbs.move_stage(engine, actor=facilitator, stream_id=stream["id"], stage_id=ids["C"], offset=-1)
    assert stage_names(engine, facilitator) == ["C", "A", "B", "D"]
    order = [ids["D"], ids["C"], ids["B"], ids["A"]]
    assert dbs.reorder_stages(engine, actor=facilitator, stream_id=stream["id"], stage_ids=order) == order
    assert stage_names(engine, facilitator) == ["D", "C", "B", "A"]
    with pytest.raises(NotFound):
        dbs.reorder_stages(engine, actor=facilitator, stream_id=stream["id"], stage_ids=order[:3])
    services.delete(engine, actor=facilitator, entity_name="value_stream_stage", row_id=ids["B"])
    with pytest.raises(NotFound):
        dbs.move_stage(engine, actor=facilitator, stream_id=stream["id"], stage_id=ids["B"], offset=1)
    assert stage_names(engine, facilitator) == ["D", "C", "A"]
