"""The holes of issue 12 in the services stay closed, on SQLite and PostgreSQL: other people's pains and
votes by id, votes while voting is closed, and restores (and imports) that skip the rules of a create."""

import pytest

from cvm_core.errors import BudgetExceeded, DomainError, NotFound, PermissionDenied, ValidationError
from cvm_core.exports import backup
from db import exchange, read, services
from db import pains as votes
from db.services import Actor
from tests.helpers import create, join, settings, update


def deleted(engine, workshop_id: int, name: str, row_id: int) -> bool:
    return read.row(engine, workshop_id=workshop_id, entity_name=name, row_id=row_id)["deleted_at"] is not None


@pytest.fixture
def room(engine, workshop):
    info, fay = workshop
    customer = create(engine, fay, "customer", name="Shops")["id"]
    return info, fay, join(engine, info, "Pat"), join(engine, info, "Kim"), customer


def three_dots_on_p(engine, room) -> tuple[int, int, dict]:
    """Pains P and Q, voting open with 5 dots a person, and Pat's vote of 3 dots on P: (p, q, vote)."""
    _, fay, pat, _, customer = room
    p, q = (create(engine, fay, "pain", customer_id=customer, text=t)["id"] for t in ("P", "Q"))
    settings(engine, fay, voting_open=True, dots_per_person=5)
    return p, q, votes.set_dots(engine, actor=pat, pain_id=p, dots=3)


def test_nobody_deletes_or_restores_another_persons_hidden_pain(engine, room) -> None:
    info, fay, pat, kim, customer = room
    settings(engine, fay, brainstorm_private=True)
    secret = create(engine, pat, "pain", customer_id=customer, text="Secret")
    with pytest.raises(NotFound):  # as if it did not exist: no hint that a hidden pain has this id
        services.delete(engine, actor=kim, entity_name="pain", row_id=secret["id"])
    assert not deleted(engine, info["id"], "pain", secret["id"])
    services.delete(engine, actor=pat, entity_name="pain", row_id=secret["id"])
    with pytest.raises(NotFound):
        services.restore(engine, actor=kim, entity_name="pain", row_id=secret["id"])
    assert deleted(engine, info["id"], "pain", secret["id"])
    services.restore(engine, actor=pat, entity_name="pain", row_id=secret["id"])
    assert not deleted(engine, info["id"], "pain", secret["id"])


def test_a_visible_pain_is_changed_only_by_its_author_or_the_facilitator(engine, room) -> None:
    info, fay, pat, kim, customer = room
    pain = create(engine, pat, "pain", customer_id=customer, text="Slow")
    for attempt in (
        lambda: update(engine, kim, "pain", pain["id"]),
        lambda: services.delete(engine, actor=kim, entity_name="pain", row_id=pain["id"]),
    ):
        with pytest.raises(PermissionDenied) as caught:
            attempt()
        assert caught.value.key == "policy.err.not_your_pain"
    services.delete(engine, actor=fay, entity_name="pain", row_id=pain["id"])
    with pytest.raises(PermissionDenied):
        services.restore(engine, actor=kim, entity_name="pain", row_id=pain["id"])
    services.restore(engine, actor=fay, entity_name="pain", row_id=pain["id"])


def test_nobody_deletes_another_persons_vote_nor_their_own_while_voting_is_closed(engine, room) -> None:
    info, fay, pat, kim, customer = room
    pain = create(engine, fay, "pain", customer_id=customer, text="Slow")["id"]
    settings(engine, fay, voting_open=True)
    mine = votes.set_dots(engine, actor=pat, pain_id=pain, dots=2)
    with pytest.raises(PermissionDenied) as caught:
        services.delete(engine, actor=kim, entity_name="vote", row_id=mine["id"])
    assert caught.value.key == "step2.err.not_your_vote"
    settings(engine, fay, voting_open=False)
    with pytest.raises(DomainError) as closed:
        services.delete(engine, actor=pat, entity_name="vote", row_id=mine["id"])
    assert closed.value.key == "errors.voting_closed"
    assert not deleted(engine, info["id"], "vote", mine["id"])


def test_restoring_a_pain_cannot_bring_back_dots_over_the_budget(engine, room) -> None:
    info, fay, pat, _, customer = room
    p, q, vote = three_dots_on_p(engine, room)
    services.delete(engine, actor=fay, entity_name="pain", row_id=p)  # its votes go with it
    votes.set_dots(engine, actor=pat, pain_id=q, dots=5)  # the dots are free again
    with pytest.raises(BudgetExceeded) as caught:
        services.restore(engine, actor=fay, entity_name="pain", row_id=p)
    assert caught.value.key == "policy.err.restore_over_budget" and caught.value.params["budget"] == 5
    assert caught.value.params["total"] == 8 and caught.value.params["name"]
    assert deleted(engine, info["id"], "pain", p) and deleted(engine, info["id"], "vote", vote["id"])
    mine = read.rows(engine, workshop_id=info["id"], entity_name="vote", where={"participant_id": pat.participant_id})
    assert sum(v["dots"] for v in mine) == 5
    votes.set_dots(engine, actor=pat, pain_id=q, dots=2)  # make room: now the restore fits
    services.restore(engine, actor=fay, entity_name="pain", row_id=p)
    assert not deleted(engine, info["id"], "vote", vote["id"])


def test_restoring_a_vote_runs_the_budget_rule(engine, room) -> None:
    info, fay, pat, _, customer = room
    p, q, vote = three_dots_on_p(engine, room)
    services.delete(engine, actor=pat, entity_name="vote", row_id=vote["id"])
    votes.set_dots(engine, actor=pat, pain_id=q, dots=4)
    with pytest.raises(BudgetExceeded):
        services.restore(engine, actor=pat, entity_name="vote", row_id=vote["id"])
    assert deleted(engine, info["id"], "vote", vote["id"])


def test_a_restore_brings_nothing_back_that_would_be_a_duplicate(engine, room) -> None:
    info, fay, pat, _, customer = room
    stream = create(engine, pat, "value_stream", customer_id=customer, name="Main")
    services.delete(engine, actor=pat, entity_name="customer", row_id=customer)  # the stream goes with its customer
    other = create(engine, pat, "customer", name="Hotels")["id"]
    create(engine, pat, "value_stream", customer_id=other, name="main")
    with pytest.raises(ValidationError) as caught:
        services.restore(engine, actor=pat, entity_name="customer", row_id=customer)
    assert (caught.value.entity, caught.value.errors[0].key) == ("value_stream", "errors.duplicate")
    assert deleted(engine, info["id"], "customer", customer)
    assert deleted(engine, info["id"], "value_stream", stream["id"])


def test_a_restore_meets_todays_limits(engine, room) -> None:
    info, fay, pat, _, customer = room
    factor = create(engine, pat, "value_factor", customer_id=customer, name="Speed")
    offer = create(engine, pat, "offering", name="Us", kind="ours")
    score = create(engine, pat, "canvas_score", offering_id=offer["id"], factor_id=factor["id"], score=9)
    services.delete(engine, actor=pat, entity_name="canvas_score", row_id=score["id"])
    settings(engine, fay, scale_max=5)
    with pytest.raises(ValidationError) as caught:
        services.restore(engine, actor=pat, entity_name="canvas_score", row_id=score["id"])
    assert caught.value.errors[0].key == "errors.out_of_range"
    assert deleted(engine, info["id"], "canvas_score", score["id"])


def test_an_import_runs_the_budget_rule(engine, room) -> None:
    info, fay, pat, _, customer = room
    p, q, _ = three_dots_on_p(engine, room)
    votes.set_dots(engine, actor=pat, pain_id=q, dots=2)
    parsed = backup.parse(backup.render(read.backup(engine, actor=Actor.system(info["id"]))))
    parsed.workshop["dots_per_person"] = 4  # each vote fits, their sum does not
    with pytest.raises(backup.BadBackup) as caught:
        exchange.import_backup(engine, backup=parsed, facilitator_name="Fay", passcode="another-1")
    assert caught.value.problems[0].key == "errors.vote_budget"
