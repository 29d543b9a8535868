"""Merging pains and undoing the merge in the database, on SQLite and PostgreSQL."""

import pytest

from cvm_core.errors import BudgetExceeded, NotFound, PermissionDenied, ValidationError
from db import merge, read, services
from db import pains as dots
from tests.helpers import create, join, settings


@pytest.fixture
def room(engine, workshop):
    """Three pains of one customer; Pat put 2 + 2 dots on the first two, Quinn 1 on the second; a factor
    answers the first pain, another the second; an action came from the first pain."""
    info, fay = workshop
    customer = create(engine, fay, "customer", name="Shops")
    pains = [
        create(engine, fay, "pain", customer_id=customer["id"], text=text)
        for text in ("Late deliveries", "Deliveries come late", "Prices jump")
    ]
    factors = [create(engine, fay, "value_factor", customer_id=customer["id"], name=n) for n in ("On time", "Tracking")]
    for factor, pain in zip(factors, pains, strict=False):
        create(engine, fay, "factor_pain", factor_id=factor["id"], pain_id=pain["id"])
    pat, quinn = join(engine, info, "Pat"), join(engine, info, "Quinn")
    settings(engine, fay, voting_open=True)
    dots.set_dots(engine, actor=pat, pain_id=pains[0]["id"], dots=2)
    dots.set_dots(engine, actor=pat, pain_id=pains[1]["id"], dots=2)
    dots.set_dots(engine, actor=quinn, pain_id=pains[1]["id"], dots=1)
    action = create(engine, pat, "action", text="Ask why", source="pain", pain_id=pains[0]["id"])
    return fay, pat, quinn, [p["id"] for p in pains], action


def live(engine, workshop_id: int) -> dict:
    """What people see of step 2 and 3: pains, votes and links by id, and where the actions point."""
    rows = read.read(
        engine, actor=services.Actor.system(workshop_id), entities=("pain", "vote", "factor_pain", "action")
    )
    data = rows.data
    return {
        "pain": {p["id"]: (p["text"], p["severity"], p["frequency"]) for p in data["pain"]},
        "vote": {v["id"]: (v["pain_id"], v["participant_id"], v["dots"]) for v in data["vote"]},
        "factor_pain": {link["id"]: (link["factor_id"], link["pain_id"]) for link in data["factor_pain"]},
        "action": {a["id"]: a["pain_id"] for a in data["action"]},
    }


def test_merge_moves_votes_within_budgets_and_unites_links(engine, room) -> None:
    fay, pat, quinn, (first, second, third), action = room
    merged = merge.merge(engine, actor=fay, pain_ids=[first, second], text="Deliveries come late")
    assert merged["lost"] == {pat.participant_id: 2}  # Pat had 2 + 2 on the pair and keeps 2
    now = live(engine, fay.workshop_id)
    assert set(now["pain"]) == {third, merged["id"]}
    assert sorted((who, n) for p, who, n in now["vote"].values() if p == merged["id"]) == sorted(
        [(pat.participant_id, 2), (quinn.participant_id, 1)]
    )
    assert len([link for link in now["factor_pain"].values() if link[1] == merged["id"]]) == 2
    assert now["action"] == {action["id"]: merged["id"]}
    assert [m["pain_id"] for m in read.merges(engine, actor=fay)] == [merged["id"]]


def test_undo_restores_the_originals_with_their_votes_exactly(engine, room) -> None:
    fay, _, _, (first, second, _), _ = room
    before = live(engine, fay.workshop_id)
    merged = merge.merge(engine, actor=fay, pain_ids=[first, second], text="One late-delivery pain")
    assert merge.undo(engine, actor=fay, pain_id=merged["id"]) == [first, second]
    assert live(engine, fay.workshop_id) == before
    assert read.merges(engine, actor=fay) == []
    with pytest.raises(NotFound):
        merge.undo(engine, actor=fay, pain_id=merged["id"])


def test_undo_is_refused_when_it_would_exceed_a_budget(engine, room) -> None:
    fay, pat, _, (first, second, third), _ = room
    merged = merge.merge(engine, actor=fay, pain_ids=[first, second], text="Late")
    dots.set_dots(engine, actor=pat, pain_id=third, dots=3)  # Pat holds 2 + 3 = 5 of 5
    before = live(engine, fay.workshop_id)
    with pytest.raises(BudgetExceeded) as caught:
        merge.undo(engine, actor=fay, pain_id=merged["id"])
    assert caught.value.params["name"] == "Pat" and caught.value.params["total"] == 7
    assert live(engine, fay.workshop_id) == before  # nothing half-done


def test_only_the_facilitator_merges(engine, room) -> None:
    fay, pat, _, (first, second, _), _ = room
    before = live(engine, fay.workshop_id)
    with pytest.raises(PermissionDenied):
        merge.merge(engine, actor=pat, pain_ids=[first, second], text="Late")
    with pytest.raises(PermissionDenied):
        read.merges(engine, actor=pat)
    assert live(engine, fay.workshop_id) == before


@pytest.mark.parametrize("text", ["", "Prices jump"])
def test_a_bad_or_duplicate_text_changes_nothing(engine, room, text) -> None:
    fay, _, _, (first, second, _), _ = room
    before = live(engine, fay.workshop_id)
    with pytest.raises(ValidationError):
        merge.merge(engine, actor=fay, pain_ids=[first, second], text=text)
    assert live(engine, fay.workshop_id) == before
