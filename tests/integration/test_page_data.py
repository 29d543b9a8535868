"""Change markers: a page rereads its rows only when a row of the kinds it shows changed."""

from db import page_data
from db import services as sv


def test_rows_are_reread_only_after_a_change(engine, facilitator) -> None:
    wid = facilitator.workshop_id
    kinds = ("department", "experiment")
    marker, data = page_data.read_if_changed(engine, workshop_id=wid, entities=kinds, known=None)
    assert data == {"department": [], "experiment": []}
    assert page_data.read_if_changed(engine, workshop_id=wid, entities=kinds, known=marker) == (marker, None)
    sv.create(engine, actor=facilitator, entity_name="offering", data={"name": "Us", "kind": "ours"})
    assert page_data.read_if_changed(engine, workshop_id=wid, entities=kinds, known=marker)[1] is None
    row = sv.create(engine, actor=facilitator, entity_name="department", data={"name": "Sales"})
    newer, data = page_data.read_if_changed(engine, workshop_id=wid, entities=kinds, known=marker)
    assert newer > marker and [d["name"] for d in data["department"]] == ["Sales"]
    sv.delete(engine, actor=facilitator, entity_name="department", row_id=row["id"])
    latest, data = page_data.read_if_changed(engine, workshop_id=wid, entities=kinds, known=newer)
    assert latest > newer and data["department"] == []


def test_the_whole_snapshot_follows_any_change(engine, facilitator) -> None:
    wid = facilitator.workshop_id
    marker, data = page_data.snapshot_if_changed(engine, workshop_id=wid, known=None)
    assert data is not None and "step_progress" in data
    assert page_data.snapshot_if_changed(engine, workshop_id=wid, known=marker)[1] is None
    sv.create(engine, actor=facilitator, entity_name="offering", data={"name": "Us", "kind": "ours"})
    assert page_data.snapshot_if_changed(engine, workshop_id=wid, known=marker)[1]["offering"][0]["name"] == "Us"
