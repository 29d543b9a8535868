"""Feedback rounds: a client rates all its suppliers in one save; closed rounds and stale forms refuse."""

import pytest

from cvm_core.errors import ConflictError, PermissionDenied, ValidationError
from db import feedback as fb
from db import read
from db.workshops import join
from tests.helpers import create, update


def departments(engine, fay) -> list[int]:
    return [create(engine, fay, "department", name=n)["id"] for n in ("A", "B", "C")]


def test_rate_creates_then_replaces_and_skips_unscored(engine, workshop) -> None:
    info, fay = workshop
    a, b, c = departments(engine, fay)
    round_id = create(engine, fay, "feedback_round", name="R1")["id"]
    assert fb.rate(engine, actor=fay, round_id=round_id, client_id=a, ratings=[(b, 7, "ok"), (c, None, "")]) == 1
    fb.rate(engine, actor=fay, round_id=round_id, client_id=a, ratings=[(b, 9, "better"), (c, 3, "slow")])
    rows = read.rows(engine, workshop_id=info["id"], entity_name="feedback")
    assert sorted((r["supplier_department_id"], r["score"], r["comment"]) for r in rows) == [
        (b, 9, "better"),
        (c, 3, "slow"),
    ]


def test_self_rating_bad_scores_and_closed_rounds_are_refused(engine, workshop) -> None:
    info, fay = workshop
    a, b, _ = departments(engine, fay)
    round_row = create(engine, fay, "feedback_round", name="R1")
    with pytest.raises(ValidationError):
        fb.rate(engine, actor=fay, round_id=round_row["id"], client_id=a, ratings=[(b, 8, ""), (a, 10, "me")])
    with pytest.raises(ValidationError):
        fb.rate(engine, actor=fay, round_id=round_row["id"], client_id=a, ratings=[(b, 11, "")])
    assert read.rows(engine, workshop_id=info["id"], entity_name="feedback") == []  # all or nothing
    update(engine, fay, "feedback_round", round_row["id"], version=1, is_open=False)
    with pytest.raises(ValidationError) as caught:
        fb.rate(engine, actor=fay, round_id=round_row["id"], client_id=a, ratings=[(b, 5, "")])
    assert caught.value.errors[0].key == "step9.err.round_closed"


def test_a_rating_saved_meanwhile_is_not_overwritten(engine, workshop) -> None:
    _, fay = workshop
    a, b, _ = departments(engine, fay)
    round_id = create(engine, fay, "feedback_round", name="R1")["id"]
    fb.rate(engine, actor=fay, round_id=round_id, client_id=a, ratings=[(b, 7, "")], seen={})
    with pytest.raises(ConflictError):  # this form was drawn before the first rating existed
        fb.rate(engine, actor=fay, round_id=round_id, client_id=a, ratings=[(b, 2, "")], seen={})
    fb.rate(engine, actor=fay, round_id=round_id, client_id=a, ratings=[(b, 2, "")], seen={b: 1})


def test_only_the_facilitator_opens_rounds(engine, workshop) -> None:
    info, fay = workshop
    pat = join(engine, code=info["join_code"], display_name="Pat", new_department="Sales", throttle_keys=["t"])
    with pytest.raises(PermissionDenied):
        create(engine, pat, "feedback_round", name="Mine")
