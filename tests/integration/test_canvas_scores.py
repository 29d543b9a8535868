"""Canvas scores saved against the version they were read at, on SQLite and PostgreSQL."""

import pytest

from cvm_core.errors import ConflictError, ValidationError
from db import canvas as canvas_db
from db import read
from tests.helpers import create


@pytest.fixture
def cell(engine, facilitator):
    customer = create(engine, facilitator, "customer", name="Shops")
    factor = create(engine, facilitator, "value_factor", customer_id=customer["id"], name="Speed")
    offering = create(engine, facilitator, "offering", name="Ours", kind="ours")
    return offering["id"], factor["id"]


def scores(engine, actor) -> list[float]:
    return [s["score"] for s in read.rows(engine, workshop_id=actor.workshop_id, entity_name="canvas_score")]


def test_set_change_and_clear_a_score(engine, facilitator, cell) -> None:
    offering, factor = cell
    version = canvas_db.set_score(
        engine, actor=facilitator, offering_id=offering, factor_id=factor, score=7, version=None
    )
    version = canvas_db.set_score(
        engine, actor=facilitator, offering_id=offering, factor_id=factor, score=8.5, version=version
    )
    assert scores(engine, facilitator) == [8.5]
    assert (
        canvas_db.set_score(
            engine, actor=facilitator, offering_id=offering, factor_id=factor, score=None, version=version
        )
        is None
    )
    assert scores(engine, facilitator) == []


def test_a_stale_score_is_a_conflict_with_the_stored_value(engine, facilitator, cell) -> None:
    offering, factor = cell
    first = canvas_db.set_score(
        engine, actor=facilitator, offering_id=offering, factor_id=factor, score=3, version=None
    )
    canvas_db.set_score(engine, actor=facilitator, offering_id=offering, factor_id=factor, score=4, version=first)
    with pytest.raises(ConflictError) as caught:
        canvas_db.set_score(engine, actor=facilitator, offering_id=offering, factor_id=factor, score=9, version=first)
    assert caught.value.current["score"] == 4
    with pytest.raises(ConflictError):  # seen empty, but someone scored it meanwhile
        canvas_db.set_score(engine, actor=facilitator, offering_id=offering, factor_id=factor, score=9, version=None)
    assert scores(engine, facilitator) == [4]


@pytest.mark.parametrize(
    ("score", "key"), [(11, "errors.out_of_range"), (-1, "errors.out_of_range"), ("lots", "errors.not_a_number")]
)
def test_scores_stay_on_the_workshop_scale(engine, facilitator, cell, score, key) -> None:
    offering, factor = cell
    with pytest.raises(ValidationError) as caught:
        canvas_db.set_score(
            engine, actor=facilitator, offering_id=offering, factor_id=factor, score=score, version=None
        )
    assert caught.value.errors[0].key == key
    assert scores(engine, facilitator) == []
