"""Hostile input through the services, on SQLite and PostgreSQL: each case gets its message (or is
stored cleaned) and nothing invalid reaches the database."""

from __future__ import annotations

from typing import Any

import pytest

from cvm_core.errors import ValidationError
from db import read, services, workshops
from tests.helpers import create

REFUSED = [
    # (case, entity, data, field, error key)
    ("empty", "department", {"name": ""}, "name", "errors.required"),
    ("blank", "department", {"name": "   \t "}, "name", "errors.required"),
    ("zero-width only", "department", {"name": "\u200b\u200d\ufeff"}, "name", "errors.required"),
    ("newlines only", "department", {"name": "\n\r\n"}, "name", "errors.required"),
    ("100k characters", "department", {"name": "я" * 100_000}, "name", "errors.too_long"),
    ("combining marks flood", "department", {"name": "a" + "\u0301" * 5000}, "name", "errors.too_long"),
    ("NaN as text", "customer", {"name": "c", "ltv": "NaN"}, "ltv", "errors.not_a_number"),
    ("infinity as text", "customer", {"name": "c", "ltv": "inf"}, "ltv", "errors.not_a_number"),
    ("negative infinity", "customer", {"name": "c", "ltv": float("-inf")}, "ltv", "errors.not_a_number"),
    ("huge integer", "customer", {"name": "c", "segment_size": 10**100}, "segment_size", "errors.out_of_range"),
    (
        "exponent overflow",
        "customer",
        {"name": "c", "customer_value": "1e400"},
        "customer_value",
        "errors.not_a_number",
    ),
    ("negative LTV", "customer", {"name": "c", "ltv": -1}, "ltv", "errors.out_of_range"),
    ("words for a number", "customer", {"name": "c", "segment_size": "many"}, "segment_size", "errors.not_a_number"),
    (
        "fraction for a whole number",
        "customer",
        {"name": "c", "segment_size": "2.5"},
        "segment_size",
        "errors.not_whole",
    ),
    ("a yes/no given as text", "department", {"name": "d", "takes_part": "yes"}, "takes_part", "errors.not_a_flag"),
    ("unknown choice", "customer", {"name": "c", "kind": "vip"}, "kind", "errors.bad_choice"),
    (
        "reference given as true",
        "customer",
        {"name": "c", "department_id": True},
        "department_id",
        "errors.bad_reference",
    ),
    (
        "reference given as text",
        "customer",
        {"name": "c", "department_id": "1 OR 1=1"},
        "department_id",
        "errors.bad_reference",
    ),
    ("unknown field", "department", {"name": "d", "is_admin": True}, "is_admin", "errors.unknown_field"),
]


@pytest.mark.parametrize(("case", "entity", "data", "field", "key"), REFUSED, ids=[c[0] for c in REFUSED])
def test_refused_with_its_message_and_nothing_stored(engine, facilitator, case, entity, data, field, key) -> None:
    before = len(read.rows(engine, workshop_id=facilitator.workshop_id, entity_name=entity))
    with pytest.raises(ValidationError) as caught:
        create(engine, facilitator, entity, **data)
    assert (field, key) in [(e.field, e.key) for e in caught.value.errors]
    assert len(read.rows(engine, workshop_id=facilitator.workshop_id, entity_name=entity)) == before


STORED = [
    # (case, raw name, what is stored)
    ("emoji kept", "🚚 Logistics 👩‍👩‍👧", "🚚 Logistics 👩‍👩‍👧"),
    ("bidi override removed", "invoice\u202eexe.pdf", "invoiceexe.pdf"),
    ("NUL and controls become spaces", "Sales\x00Team\x07\x1b[31m", "Sales Team [31m"),
    ("HTML and script kept as text", "<script>alert(1)</script><b>x</b>", "<script>alert(1)</script><b>x</b>"),
    ("Markdown javascript link kept as text", "[click](javascript:alert(1))", "[click](javascript:alert(1))"),
    ("formula prefix kept as text", '=HYPERLINK("http://x","y")', '=HYPERLINK("http://x","y")'),
    ("SQL kept as text", "'; DROP TABLE department; --", "'; DROP TABLE department; --"),
    ("RTL text kept", "قسم المبيعات", "قسم المبيعات"),
]


@pytest.mark.parametrize(("case", "raw", "stored"), STORED, ids=[c[0] for c in STORED])
def test_stored_as_plain_cleaned_text(engine, facilitator, case, raw, stored) -> None:
    row = create(engine, facilitator, "department", name=raw)
    again = read.row(engine, workshop_id=facilitator.workshop_id, entity_name="department", row_id=row["id"])
    assert again["name"] == stored
    assert "\x00" not in again["name"] and "\u202e" not in again["name"]


@pytest.mark.parametrize(
    ("first", "second"),
    [("Sales", " SALES "), ("Sales Team", "sales\u00a0\u00a0team"), ("Отдел продаж", "ОТДЕЛ  ПРОДАЖ"), ("Ｉｔ", "it")],
    ids=["case and spaces", "no-break spaces", "cyrillic case", "full-width letters"],
)
def test_duplicates_differing_in_case_or_spaces(engine, facilitator, first: str, second: str) -> None:
    create(engine, facilitator, "department", name=first)
    with pytest.raises(ValidationError) as caught:
        create(engine, facilitator, "department", name=second)
    assert caught.value.errors[0].key == "errors.duplicate"
    assert len(read.rows(engine, workshop_id=facilitator.workshop_id, entity_name="department")) == 1


def departments(engine, actor, *names: str) -> list[int]:
    return [create(engine, actor, "department", name=n)["id"] for n in names]


def test_self_dependency_is_refused(engine, facilitator) -> None:
    (sales,) = departments(engine, facilitator, "Sales")
    data: dict[str, Any] = {"supplier_department_id": sales, "client_department_id": sales, "text": "Leads"}
    with pytest.raises(ValidationError) as caught:
        create(engine, facilitator, "internal_promise", **data)
    assert caught.value.errors[0].key == "errors.self_promise"
    assert read.rows(engine, workshop_id=facilitator.workshop_id, entity_name="internal_promise") == []


def test_a_promise_supporting_itself_is_refused(engine, facilitator) -> None:
    a, b = departments(engine, facilitator, "A", "B")
    ip = create(
        engine, facilitator, "internal_promise", supplier_department_id=a, client_department_id=b, text="Parts on time"
    )
    with pytest.raises(ValidationError) as caught:
        create(engine, facilitator, "promise_support", internal_promise_id=ip["id"], parent_internal_id=ip["id"])
    assert caught.value.errors[0].key == "errors.promise_cycle"


def test_negative_price_and_out_of_range_scores(engine, facilitator) -> None:
    a, b = departments(engine, facilitator, "A", "B")
    with pytest.raises(ValidationError) as caught:
        create(
            engine,
            facilitator,
            "internal_promise",
            supplier_department_id=a,
            client_department_id=b,
            text="x",
            price_amount=-10,
        )
    assert caught.value.errors[0].key == "errors.out_of_range"
    with pytest.raises(ValidationError):
        create(engine, facilitator, "pain", customer_id=1, text="x", severity=6)


def test_references_across_workshops_or_to_deleted_rows(engine, facilitator) -> None:
    _, other = workshops.create_workshop(engine, data={"name": "Other"}, passcode="other-pass", facilitator_name="Oz")
    (theirs,) = departments(engine, other, "Theirs")
    (gone,) = departments(engine, facilitator, "Gone")
    services.delete(engine, actor=facilitator, entity_name="department", row_id=gone)
    for department_id in (theirs, gone, 10**9):
        with pytest.raises(ValidationError) as caught:
            create(
                engine, facilitator, "customer", name=f"C{department_id}", kind="internal", department_id=department_id
            )
        assert caught.value.errors[0].key == "errors.bad_reference"
    assert read.rows(engine, workshop_id=facilitator.workshop_id, entity_name="customer") == []


def test_hostile_join_and_sign_in_input(engine, workshop) -> None:
    info, _ = workshop
    for name in ("", "\u200b", "x" * 1000):
        with pytest.raises(ValidationError):
            workshops.join(engine, code=info["join_code"], display_name=name, throttle_keys=["hostile"])
    with pytest.raises(ValidationError):
        workshops.create_workshop(engine, data={"name": "W"}, passcode=" padded ", facilitator_name="F")
    assert len(workshops.participants(engine, workshop_id=info["id"])) == 1
