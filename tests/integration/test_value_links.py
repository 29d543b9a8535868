"""Which pains a value factor answers: links made idempotently, only within one customer."""

import pytest

from cvm_core.errors import ValidationError
from db import read
from db import value as value_db
from tests.helpers import create


@pytest.fixture
def shop(engine, facilitator):
    def customer(name: str) -> tuple[int, int]:
        c = create(engine, facilitator, "customer", name=name)
        p = create(engine, facilitator, "pain", customer_id=c["id"], text="Late")
        return c["id"], p["id"]

    return customer("Shops"), customer("Cafés")


def links(engine, actor) -> set[tuple[int, int]]:
    return {
        (r["factor_id"], r["pain_id"])
        for r in read.rows(engine, workshop_id=actor.workshop_id, entity_name="factor_pain")
    }


def test_create_a_factor_with_the_pains_it_answers(engine, facilitator, shop) -> None:
    (customer, pain), (_, other_pain) = shop
    factor = value_db.create_factor(
        engine, actor=facilitator, data={"customer_id": customer, "name": "Speed"}, pain_ids=[pain, pain]
    )
    assert links(engine, facilitator) == {(factor["id"], pain)}
    with pytest.raises(ValidationError) as caught:
        value_db.create_factor(
            engine, actor=facilitator, data={"customer_id": customer, "name": "Range"}, pain_ids=[other_pain]
        )
    assert caught.value.errors[0].key == "step3.err.other_customer"
    names = [f["name"] for f in read.rows(engine, workshop_id=facilitator.workshop_id, entity_name="value_factor")]
    assert names == ["Speed"]  # all or nothing


def test_set_answer_twice_changes_nothing(engine, facilitator, shop) -> None:
    (customer, pain), (_, other_pain) = shop
    factor = create(engine, facilitator, "value_factor", customer_id=customer, name="Speed")
    for _ in range(2):
        value_db.set_answer(engine, actor=facilitator, factor_id=factor["id"], pain_id=pain, answers=True)
    assert links(engine, facilitator) == {(factor["id"], pain)}
    for _ in range(2):
        value_db.set_answer(engine, actor=facilitator, factor_id=factor["id"], pain_id=pain, answers=False)
    assert links(engine, facilitator) == set()
    with pytest.raises(ValidationError):
        value_db.set_answer(engine, actor=facilitator, factor_id=factor["id"], pain_id=other_pain, answers=True)
