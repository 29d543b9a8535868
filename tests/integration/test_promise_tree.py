"""The promise tree never cycles: links are refused directly, through others, on update, on restore and
when two people link at the same time (SQLite and PostgreSQL)."""

import threading

import pytest

from cvm_core.errors import ValidationError
from db import internal_promises as ip
from db import read, services
from tests.helpers import create, update


def setup(engine, fay, count: int = 3) -> tuple[int, list[int]]:
    a = create(engine, fay, "department", name="A")["id"]
    b = create(engine, fay, "department", name="B")["id"]
    customer = create(engine, fay, "customer", name="Shops")["id"]
    promise = create(engine, fay, "promise", customer_id=customer, text="Fast")["id"]
    internals = [
        create(
            engine,
            fay,
            "internal_promise",
            supplier_department_id=a if i % 2 else b,
            client_department_id=b if i % 2 else a,
            text=f"S{i}",
        )["id"]
        for i in range(count)
    ]
    return promise, internals


def link(engine, fay, child: int, parent: int) -> dict:
    data = {"internal_promise_id": child, "parent_internal_id": parent}
    return create(engine, fay, "promise_support", **data)


def refused(action) -> None:
    with pytest.raises(ValidationError) as caught:
        action()
    assert [(e.field, e.key) for e in caught.value.errors] == [("parent_internal_id", "errors.promise_cycle")]


def test_direct_and_indirect_cycles_are_refused(engine, facilitator) -> None:
    _, (x, y, z) = setup(engine, facilitator)
    refused(lambda: link(engine, facilitator, x, x))
    link(engine, facilitator, x, y)  # x supports y
    refused(lambda: link(engine, facilitator, y, x))
    link(engine, facilitator, y, z)
    refused(lambda: link(engine, facilitator, z, x))
    link(engine, facilitator, x, z)  # a second way up is not a cycle
    links = read.rows(engine, workshop_id=facilitator.workshop_id, entity_name="promise_support")
    assert len(links) == 3


def test_an_update_that_would_close_a_cycle_is_refused(engine, facilitator) -> None:
    _, (x, y, z) = setup(engine, facilitator)
    link(engine, facilitator, x, y)
    other = link(engine, facilitator, z, x)
    change = {"internal_promise_id": y}  # now "y supports x": y → x → y
    refused(lambda: update(engine, facilitator, "promise_support", other["id"], version=other["version"], **change))
    moved = update(
        engine, facilitator, "promise_support", other["id"], version=other["version"], parent_internal_id=y
    )  # z supports y instead
    assert moved["parent_internal_id"] == y


def test_a_restore_that_would_close_a_cycle_is_refused(engine, facilitator) -> None:
    _, (x, y, _) = setup(engine, facilitator)
    first = link(engine, facilitator, x, y)
    services.delete(engine, actor=facilitator, entity_name="promise_support", row_id=first["id"])
    link(engine, facilitator, y, x)
    refused(lambda: services.restore(engine, actor=facilitator, entity_name="promise_support", row_id=first["id"]))
    assert (
        read.row(engine, workshop_id=facilitator.workshop_id, entity_name="promise_support", row_id=first["id"])[
            "deleted_at"
        ]
        is not None
    )


def test_restoring_an_internal_promise_cannot_bring_back_a_cycle(engine, facilitator) -> None:
    _, (x, y, z) = setup(engine, facilitator)
    link(engine, facilitator, x, y)  # x → y → z
    link(engine, facilitator, y, z)
    services.delete(engine, actor=facilitator, entity_name="internal_promise", row_id=y)  # its links go with it
    link(engine, facilitator, z, x)  # z → x is fine while y is away
    refused(lambda: services.restore(engine, actor=facilitator, entity_name="internal_promise", row_id=y))


def test_two_people_linking_at_once_cannot_close_a_cycle(engine, facilitator) -> None:
    _, (x, y, _) = setup(engine, facilitator)
    barrier, outcomes = threading.Barrier(2), []

    def try_link(child: int, parent: int) -> None:
        barrier.wait()
        try:
            link(engine, facilitator, child, parent)
            outcomes.append("ok")
        except ValidationError:
            outcomes.append("refused")

    threads = [threading.Thread(target=try_link, args=pair) for pair in ((x, y), (y, x))]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert sorted(outcomes) == ["ok", "refused"]


def test_add_with_links_and_set_supports_in_one_transaction(engine, facilitator) -> None:
    promise, (x, y, _) = setup(engine, facilitator)
    wid = facilitator.workshop_id
    departments = read.rows(engine, workshop_id=wid, entity_name="department")
    data = {"supplier_department_id": departments[0]["id"], "client_department_id": departments[1]["id"], "text": "New"}
    row = ip.add(engine, actor=facilitator, data=data, promise_ids=[promise], internal_ids=[x])
    links = read.rows(engine, workshop_id=wid, entity_name="promise_support", where={"internal_promise_id": row["id"]})
    assert {(lk["parent_promise_id"], lk["parent_internal_id"]) for lk in links} == {(promise, None), (None, x)}
    ip.set_supports(engine, actor=facilitator, internal_id=row["id"], promise_ids=[], internal_ids=[y])
    links = read.rows(engine, workshop_id=wid, entity_name="promise_support", where={"internal_promise_id": row["id"]})
    assert [(lk["parent_promise_id"], lk["parent_internal_id"]) for lk in links] == [(None, y)]
    link(engine, facilitator, y, x)
    with pytest.raises(ValidationError):  # x → new would make new → y → x → new
        ip.set_supports(engine, actor=facilitator, internal_id=x, internal_ids=[row["id"]])
    bad = {**data, "text": "Bad", "price_amount": -5}
    with pytest.raises(ValidationError):
        ip.add(engine, actor=facilitator, data=bad, promise_ids=[promise])
    assert not [r for r in read.rows(engine, workshop_id=wid, entity_name="internal_promise") if r["text"] == "Bad"]
