"""Create, update, delete and restore through the services, on SQLite and PostgreSQL."""

import pytest
from sqlalchemy import func, select

from cvm_core.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from db import read, services, workshops
from db.models import AuditEvent
from tests.helpers import create, update


def count(engine, workshop_id: int, name: str, deleted: bool = False) -> int:
    return len(read.rows(engine, workshop_id=workshop_id, entity_name=name, deleted=deleted))


def audit_count(engine, workshop_id: int) -> int:
    t = AuditEvent.__table__
    with engine.connect() as conn:
        return conn.execute(select(func.count()).where(t.c.workshop_id == workshop_id)).scalar()


def test_create_returns_the_stored_row(engine, facilitator) -> None:
    row = create(engine, facilitator, "department", name="  Sales  ")
    assert row["name"] == "Sales" and row["version"] == 1
    stored = read.row(engine, workshop_id=facilitator.workshop_id, entity_name="department", row_id=row["id"])
    assert stored["name"] == "Sales" and stored["takes_part"] is True


@pytest.mark.parametrize(
    ("data", "field", "key"),
    [
        ({"name": ""}, "name", "errors.required"),
        ({"name": "x" * 10_000}, "name", "errors.too_long"),
        ({"name": "ok", "kind": "internal"}, "department_id", "errors.internal_needs_department"),
        ({"name": "ok", "segment_size": "many"}, "segment_size", "errors.not_a_number"),
        ({"name": "ok", "customer_value": float("inf")}, "customer_value", "errors.not_a_number"),
        ({"name": "ok", "ltv": -5}, "ltv", "errors.out_of_range"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(engine, facilitator, data, field, key) -> None:
    before = audit_count(engine, facilitator.workshop_id)
    with pytest.raises(ValidationError) as caught:
        create(engine, facilitator, "customer", **data)
    assert (caught.value.errors[0].field, caught.value.errors[0].key) == (field, key)
    assert count(engine, facilitator.workshop_id, "customer") == 0
    assert audit_count(engine, facilitator.workshop_id) == before


def test_duplicates_ignore_case_and_spacing(engine, facilitator) -> None:
    create(engine, facilitator, "department", name="Customer Service")
    with pytest.raises(ValidationError) as caught:
        create(engine, facilitator, "department", name=" customer   SERVICE ")
    assert caught.value.errors[0].key == "errors.duplicate"
    assert count(engine, facilitator.workshop_id, "department") == 1


def test_stale_save_raises_conflict_with_the_current_value(engine, facilitator) -> None:
    row = create(engine, facilitator, "department", name="IT")
    first = update(engine, facilitator, "department", row["id"], version=1, name="IT Ops")
    assert first["version"] == 2
    with pytest.raises(ConflictError) as caught:
        update(engine, facilitator, "department", row["id"], version=1, name="Tech")
    assert caught.value.current["name"] == "IT Ops" and caught.value.current["version"] == 2
    stored = read.row(engine, workshop_id=facilitator.workshop_id, entity_name="department", row_id=row["id"])
    assert stored["name"] == "IT Ops"


def test_an_update_that_changes_nothing_keeps_the_version(engine, facilitator) -> None:
    row = create(engine, facilitator, "department", name="Legal")
    same = update(engine, facilitator, "department", row["id"], version=1, name="Legal ")
    assert same["version"] == 1


def test_delete_then_restore_brings_back_the_row_and_its_dependants(engine, facilitator) -> None:
    customer = create(engine, facilitator, "customer", name="Retail")
    pain = create(engine, facilitator, "pain", customer_id=customer["id"], text="Late trucks")
    other = create(engine, facilitator, "customer", name="Online")
    services.delete(engine, actor=facilitator, entity_name="customer", row_id=customer["id"])
    assert [c["name"] for c in read.rows(engine, workshop_id=facilitator.workshop_id, entity_name="customer")] == [
        "Online"
    ]
    assert count(engine, facilitator.workshop_id, "pain") == 0
    assert count(engine, facilitator.workshop_id, "customer", deleted=True) == 1
    with pytest.raises(NotFound):
        update(engine, facilitator, "pain", pain["id"], severity=5)
    services.restore(engine, actor=facilitator, entity_name="customer", row_id=customer["id"])
    pains = read.rows(engine, workshop_id=facilitator.workshop_id, entity_name="pain")
    assert [p["text"] for p in pains] == ["Late trucks"]
    assert other["id"] != customer["id"]


def test_restore_refuses_when_the_name_was_taken_meanwhile(engine, facilitator) -> None:
    first = create(engine, facilitator, "department", name="Finance")
    services.delete(engine, actor=facilitator, entity_name="department", row_id=first["id"])
    create(engine, facilitator, "department", name="finance")
    with pytest.raises(ValidationError) as caught:
        services.restore(engine, actor=facilitator, entity_name="department", row_id=first["id"])
    assert caught.value.errors[0].key == "errors.duplicate"


def test_audit_log_records_each_change_with_before_and_after(engine, facilitator) -> None:
    row = create(engine, facilitator, "department", name="HR")
    update(engine, facilitator, "department", row["id"], version=1, name="People")
    services.delete(engine, actor=facilitator, entity_name="department", row_id=row["id"])
    services.restore(engine, actor=facilitator, entity_name="department", row_id=row["id"])
    events = [e for e in read.audit_events(engine, workshop_id=facilitator.workshop_id) if e["entity_id"] == row["id"]]
    events = [e for e in events if e["entity"] == "department"]
    assert [e["action"] for e in reversed(events)] == ["create", "update", "delete", "restore"]
    updated = next(e for e in events if e["action"] == "update")
    assert updated["before"] == {"name": "HR"} and updated["after"] == {"name": "People"}
    assert updated["actor_name"] == "Fay" and updated["actor_id"] == facilitator.participant_id


def test_references_must_stay_inside_the_workshop(engine, facilitator) -> None:
    _, other = workshops.create_workshop(engine, data={"name": "Other"}, passcode="pass-2", facilitator_name="Oz")
    foreign = create(engine, other, "customer", name="Theirs")
    with pytest.raises(ValidationError) as caught:
        create(engine, facilitator, "pain", customer_id=foreign["id"], text="x")
    assert caught.value.errors[0].key == "errors.bad_reference"
    with pytest.raises(NotFound):
        update(engine, facilitator, "customer", foreign["id"])
    assert read.rows(engine, workshop_id=facilitator.workshop_id, entity_name="customer") == []


def test_references_to_deleted_rows_are_refused(engine, facilitator) -> None:
    customer = create(engine, facilitator, "customer", name="Gone")
    services.delete(engine, actor=facilitator, entity_name="customer", row_id=customer["id"])
    with pytest.raises(ValidationError):
        create(engine, facilitator, "pain", customer_id=customer["id"], text="x")


def test_participants_cannot_do_facilitator_things(engine, workshop) -> None:
    info, facilitator = workshop
    participant = workshops.join(engine, code=info["join_code"], display_name="Pat", throttle_keys=["t1"])
    with pytest.raises(PermissionDenied):
        create(engine, participant, "feedback_round", name="Round 1")
    steps = read.rows(engine, workshop_id=facilitator.workshop_id, entity_name="step_progress")
    assert [s["step"] for s in steps] == list(range(1, 10))
    with pytest.raises(PermissionDenied):
        update(engine, participant, "step_progress", steps[0]["id"], locked=True)
    update(engine, facilitator, "step_progress", steps[0]["id"], locked=True)
    with pytest.raises(PermissionDenied) as caught:
        create(engine, participant, "department", name="Blocked")
    assert caught.value.key == "errors.step_locked"
    create(engine, facilitator, "department", name="Allowed")


def test_set_links_makes_the_links_exactly_the_given_ids(engine, facilitator) -> None:
    customer = create(engine, facilitator, "customer", name="Shops")
    a, b, c = (create(engine, facilitator, "department", name=n)["id"] for n in "ABC")
    link = {"actor": facilitator, "entity_name": "customer_department", "parent": ("customer_id", customer["id"])}
    services.set_links(engine, **link, child_field="department_id", ids=[a, b])
    services.set_links(engine, **link, child_field="department_id", ids=[b, c])
    live = read.rows(engine, workshop_id=facilitator.workshop_id, entity_name="customer_department")
    assert sorted(r["department_id"] for r in live) == [b, c]
