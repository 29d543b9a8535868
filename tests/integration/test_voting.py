"""Dot voting and the private brainstorm, enforced in the services on SQLite and PostgreSQL."""

import threading

import pytest

from cvm_core.errors import BudgetExceeded, DomainError, NotFound, PermissionDenied, ValidationError
from db import pains as dots
from db import read, services, workshops
from db.services import Actor
from tests.helpers import create, join, update


def settings(engine, fay: Actor, **changes) -> None:
    version = workshops.workshop(engine, workshop_id=fay.workshop_id)["version"]
    workshops.update_settings(engine, actor=fay, version=version, changes=changes)


@pytest.fixture
def room(engine, workshop):
    """A workshop with a customer, three pains, a participant and voting open (5 dots each)."""
    info, fay = workshop
    customer = create(engine, fay, "customer", name="Shops")
    pains = [create(engine, fay, "pain", customer_id=customer["id"], text=f"Pain {n}") for n in range(3)]
    pat = join(engine, info, "Pat")
    settings(engine, fay, voting_open=True)
    return info, fay, pat, [p["id"] for p in pains], customer["id"]


def seen_pains(engine, actor: Actor) -> list[dict]:
    return read.read(engine, actor=actor, entities=("pain",)).data["pain"]


def my_dots(engine, actor: Actor) -> dict[int, int]:
    votes = read.rows(
        engine, workshop_id=actor.workshop_id, entity_name="vote", where={"participant_id": actor.participant_id}
    )
    return {v["pain_id"]: v["dots"] for v in votes}


def test_set_dots_adds_changes_and_takes_back(engine, room) -> None:
    _, _, pat, pains, _ = room
    dots.set_dots(engine, actor=pat, pain_id=pains[0], dots=2)
    dots.change_dots(engine, actor=pat, pain_id=pains[0], by=1)
    dots.change_dots(engine, actor=pat, pain_id=pains[1], by=1)
    assert my_dots(engine, pat) == {pains[0]: 3, pains[1]: 1}
    dots.set_dots(engine, actor=pat, pain_id=pains[0], dots=0)
    dots.change_dots(engine, actor=pat, pain_id=pains[1], by=-1)
    assert my_dots(engine, pat) == {}


def test_the_budget_holds_across_pains_and_updates(engine, room) -> None:
    _, _, pat, pains, _ = room
    dots.set_dots(engine, actor=pat, pain_id=pains[0], dots=3)
    dots.set_dots(engine, actor=pat, pain_id=pains[1], dots=2)
    with pytest.raises(BudgetExceeded) as caught:
        dots.change_dots(engine, actor=pat, pain_id=pains[2], by=1)
    assert caught.value.params["budget"] == 5
    dots.set_dots(engine, actor=pat, pain_id=pains[0], dots=1)  # lowering one vote is always fine
    dots.set_dots(engine, actor=pat, pain_id=pains[1], dots=4)  # its own old dots do not count twice
    assert sum(my_dots(engine, pat).values()) == 5


def test_a_page_cannot_spend_more_or_vote_for_someone_else(engine, room) -> None:
    info, fay, pat, pains, _ = room
    with pytest.raises(ValidationError):  # one vote of 15 dots is out of range
        create(engine, pat, "vote", pain_id=pains[0], participant_id=pat.participant_id, dots=15)
    kim = join(engine, info, "Kim")
    with pytest.raises(PermissionDenied):  # a participant places only their own dots: nothing is written
        create(engine, pat, "vote", pain_id=pains[0], participant_id=kim.participant_id, dots=5)
    assert my_dots(engine, kim) == {}
    mine = {"participant_id": pat.participant_id}
    vote = create(engine, pat, "vote", pain_id=pains[0], dots=5, **mine)
    assert vote["participant_id"] == pat.participant_id  # recorded as the one who voted
    with pytest.raises(BudgetExceeded):
        create(engine, pat, "vote", pain_id=pains[1], dots=1, **mine)
    with pytest.raises(PermissionDenied):
        update(engine, kim, "vote", vote["id"], dots=1)
    assert my_dots(engine, kim) == {}


def test_no_votes_while_voting_is_closed(engine, room) -> None:
    _, fay, pat, pains, _ = room
    dots.set_dots(engine, actor=pat, pain_id=pains[0], dots=2)
    settings(engine, fay, voting_open=False)
    for attempt in (
        lambda: dots.set_dots(engine, actor=pat, pain_id=pains[1], dots=1),
        lambda: dots.set_dots(engine, actor=pat, pain_id=pains[0], dots=3),
        lambda: dots.set_dots(engine, actor=pat, pain_id=pains[0], dots=0),
    ):
        with pytest.raises(DomainError) as caught:
            attempt()
        assert caught.value.key == "errors.voting_closed"
    assert my_dots(engine, pat) == {pains[0]: 2}


def test_the_system_actor_records_anyones_vote_but_within_budget(engine, room) -> None:
    info, fay, pat, pains, _ = room
    settings(engine, fay, voting_open=False)
    system = Actor.system(info["id"])
    row = create(engine, system, "vote", pain_id=pains[0], participant_id=pat.participant_id, dots=4)
    assert row["participant_id"] == pat.participant_id
    with pytest.raises(BudgetExceeded):
        create(engine, system, "vote", pain_id=pains[1], participant_id=pat.participant_id, dots=2)


@pytest.mark.parametrize("voters", [1, 3])
def test_votes_sent_at_the_same_instant_cannot_overspend(engine, room, voters: int) -> None:
    """Several sessions of one person (or of people) spend dots at once: the budget still holds."""
    info, fay, pat, pains, customer = room
    extra = [create(engine, fay, "pain", customer_id=customer, text=f"More {n}")["id"] for n in range(5)]
    targets = pains + extra
    people = [pat] + [join(engine, info, f"Voter {n}") for n in range(voters - 1)]
    barrier = threading.Barrier(len(targets) * len(people))
    outcomes: list[str] = []

    def spend(actor: Actor, pain_id: int) -> None:
        barrier.wait()
        try:
            dots.set_dots(engine, actor=actor, pain_id=pain_id, dots=2)
            outcomes.append("ok")
        except BudgetExceeded:
            outcomes.append("refused")

    threads = [threading.Thread(target=spend, args=(a, p)) for a in people for p in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("ok") == 2 * len(people)  # 2 + 2 fit into 5 dots, a third 2 does not
    for person in people:
        assert sum(my_dots(engine, person).values()) == 4


def test_private_brainstorm_hides_new_pains_until_revealed(engine, room) -> None:
    info, fay, pat, pains, customer = room
    settings(engine, fay, brainstorm_private=True)
    kim = join(engine, info, "Kim")
    with pytest.raises(PermissionDenied):  # a participant writes only their own pains
        create(engine, pat, "pain", customer_id=customer, text="Forged", author_id=kim.participant_id)
    secret = create(engine, pat, "pain", customer_id=customer, text="Secret", hidden=False)
    assert secret["hidden"] and secret["author_id"] == pat.participant_id
    assert "Secret" in {p["text"] for p in seen_pains(engine, pat)}
    assert "Secret" not in {p["text"] for p in seen_pains(engine, kim)}
    assert "Secret" not in {p["text"] for p in seen_pains(engine, fay)}
    with pytest.raises(NotFound):  # others cannot reach it by id
        update(engine, kim, "pain", secret["id"], text="Mine")
    mine = update(engine, pat, "pain", secret["id"], hidden=False, severity=5)
    assert mine["hidden"] and mine["severity"] == 5  # the author edits it, but cannot reveal it
    with pytest.raises(ValidationError) as caught:
        dots.set_dots(engine, actor=pat, pain_id=secret["id"], dots=1)
    assert caught.value.errors[0].key == "step2.err.vote_hidden"
    with pytest.raises(PermissionDenied):
        dots.reveal(engine, actor=pat)
    assert dots.reveal(engine, actor=fay) == 1
    assert "Secret" in {p["text"] for p in seen_pains(engine, kim)}
    dots.set_dots(engine, actor=kim, pain_id=secret["id"], dots=1)
    settings(engine, fay, brainstorm_private=False)
    open_pain = create(engine, kim, "pain", customer_id=customer, text="Open")
    assert not open_pain["hidden"] and open_pain["author_id"] == kim.participant_id


def test_the_room_tells_a_person_their_dots_left_while_voting_is_open(engine, room) -> None:
    from db import live

    info, fay, pat, pain_ids, _ = room
    assert live.room(engine, workshop_id=info["id"], participant_id=pat.participant_id).dots_left == 5
    dots.set_dots(engine, actor=pat, pain_id=pain_ids[0], dots=2)
    dots.set_dots(engine, actor=pat, pain_id=pain_ids[1], dots=1)
    dots.set_dots(engine, actor=fay, pain_id=pain_ids[1], dots=4)  # someone else's dots do not count
    now = live.room(engine, workshop_id=info["id"], participant_id=pat.participant_id)
    assert (now.voting_open, now.my_dots, now.dots_left, now.dots_per_person) == (True, 3, 2, 5)
    services.delete(engine, actor=fay, entity_name="pain", row_id=pain_ids[0])  # its dots come back
    assert live.room(engine, workshop_id=info["id"], participant_id=pat.participant_id).dots_left == 4
    assert live.room(engine, workshop_id=info["id"]).dots_left is None  # nobody asked
    settings(engine, fay, voting_open=False)
    assert live.room(engine, workshop_id=info["id"], participant_id=pat.participant_id).dots_left is None
