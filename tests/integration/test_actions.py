"""The actions register through the services, on SQLite and PostgreSQL: who may add, move, edit and delete
an action, its status history, dates in both languages' ways, and the artefact it came from."""

import pytest

from cvm_core.errors import PermissionDenied, ValidationError
from db import read, services
from db.services import Actor
from tests.helpers import agreed_promise, create, join, update


@pytest.fixture
def room(engine, workshop):
    """Fay facilitates; Ola is in Logistics, Sam in Sales; a Logistics promise is broken."""
    info, fay = workshop
    ola, sam = join(engine, info, "Ola", new_department="Logistics"), join(engine, info, "Sam", new_department="Sales")
    logistics = read.rows(engine, workshop_id=fay.workshop_id, entity_name="department", where={"name": "Logistics"})
    customer = create(engine, fay, "customer", name="Shops")
    promise = agreed_promise(engine, fay, customer["id"], "On time", 70, owner_department_id=logistics[0]["id"])
    return fay, ola, sam, logistics[0]["id"], promise


def add(engine, actor: Actor, **data) -> dict:
    return create(engine, actor, "action", **{"text": "Call the carrier"} | data)


def move(engine, actor: Actor, row: dict, status: str) -> dict:
    return update(engine, actor, "action", row["id"], status=status)


def history(engine, row: dict) -> list[tuple[str, str]]:
    lines = read.rows(
        engine, workshop_id=row["workshop_id"], entity_name="action_status", where={"action_id": row["id"]}
    )
    return [(line["status"], line["by_name"]) for line in lines]


def test_anyone_adds_and_is_the_author_with_the_first_line_of_history(engine, room) -> None:
    _, _, sam, logistics, _ = room
    row = add(engine, sam, owner_department_id=logistics, due="31.12.2030")
    assert row["author_id"] == sam.participant_id and row["status"] == "open" and row["due"] == "2030-12-31"
    assert row["status_by"] == "Sam" and history(engine, row) == [("open", "Sam")]


def test_owners_and_the_facilitator_move_the_status_others_may_not(engine, room) -> None:
    fay, ola, sam, logistics, _ = room
    row = add(engine, sam, owner_department_id=logistics)
    with pytest.raises(PermissionDenied):
        move(engine, sam, row, "doing")  # the author is not an owner
    move(engine, ola, row, "doing")  # Ola works in Logistics, the owner department
    done = move(engine, fay, row, "done")
    assert done["status_by"] == "Fay"
    assert history(engine, row) == [("open", "Sam"), ("doing", "Ola"), ("done", "Fay")]


def test_the_author_edits_the_text_but_a_stranger_may_not(engine, room) -> None:
    fay, ola, sam, _, _ = room
    row = add(engine, sam, owner_participant_id=fay.participant_id)
    changed = update(engine, sam, "action", row["id"], version=1, text="Call them today")
    assert changed["text"] == "Call them today" and history(engine, row) == [("open", "Sam")]
    with pytest.raises(PermissionDenied):
        update(engine, ola, "action", row["id"], text="x")


def test_author_and_owner_stamps_cannot_be_forged(engine, room) -> None:
    fay, ola, sam, _, _ = room
    row = add(engine, sam, author_id=fay.participant_id, status_by="Fay", carried_from="Round 0")
    assert (row["author_id"], row["status_by"], row["carried_from"]) == (sam.participant_id, "Sam", "")
    with pytest.raises(PermissionDenied):
        add(engine, sam, status="done")  # only an owner or the facilitator records a closed action


def test_only_the_author_or_the_facilitator_deletes_and_restores(engine, room) -> None:
    fay, ola, sam, _, _ = room
    row = add(engine, sam, owner_participant_id=ola.participant_id)
    with pytest.raises(PermissionDenied):
        services.delete(engine, actor=ola, entity_name="action", row_id=row["id"])
    services.delete(engine, actor=sam, entity_name="action", row_id=row["id"])
    assert history(engine, row) == []  # the history went to the bin with the action
    services.restore(engine, actor=fay, entity_name="action", row_id=row["id"])
    assert history(engine, row) == [("open", "Sam")]


def test_nobody_writes_the_status_history_by_hand(engine, room) -> None:
    fay, _, sam, _, _ = room
    row = add(engine, sam)
    with pytest.raises(PermissionDenied):
        create(engine, fay, "action_status", action_id=row["id"], status="done", at="now")
    (line,) = read.rows(engine, workshop_id=fay.workshop_id, entity_name="action_status")
    with pytest.raises(PermissionDenied):
        services.delete(engine, actor=fay, entity_name="action_status", row_id=line["id"])


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("2026-03-04", "2026-03-04"),
        ("04.03.2026", "2026-03-04"),
        ("4 Mar 2026", "2026-03-04"),
        ("4 марта 2026", "2026-03-04"),
    ],
)
def test_dates_are_read_in_both_languages_ways_and_past_dates_are_allowed(engine, room, typed, stored) -> None:
    _, _, sam, _, _ = room
    assert add(engine, sam, due=typed)["due"] == stored  # long past by the time anyone reads this: allowed


@pytest.mark.parametrize("typed", ["03/04/2026", "31.02.2026", "soon"])
def test_unreadable_or_ambiguous_dates_are_refused_with_nothing_written(engine, room, typed) -> None:
    fay, _, sam, _, _ = room
    with pytest.raises(ValidationError) as caught:
        add(engine, sam, due=typed)
    assert (caught.value.errors[0].field, caught.value.errors[0].key) == ("due", "dates.bad")
    assert read.rows(engine, workshop_id=fay.workshop_id, entity_name="action") == []


def test_an_action_points_at_the_artefact_its_source_names(engine, room) -> None:
    _, _, sam, _, promise = room
    row = add(engine, sam, source="promise", promise_id=promise["id"])
    assert row["promise_id"] == promise["id"]
    with pytest.raises(ValidationError) as caught:
        add(engine, sam, source="experiment", promise_id=promise["id"])
    assert caught.value.errors[0].key == "actions.err.source"


def test_deleting_the_artefact_keeps_the_action(engine, room) -> None:
    fay, _, sam, _, promise = room
    row = add(engine, sam, source="promise", promise_id=promise["id"])
    services.delete(engine, actor=fay, entity_name="promise", row_id=promise["id"])
    assert [a["id"] for a in read.rows(engine, workshop_id=fay.workshop_id, entity_name="action")] == [row["id"]]
    moved = move(engine, fay, row, "dropped")  # the row stays valid with its source still named
    assert moved["status"] == "dropped"
