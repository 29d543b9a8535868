"""Issue 17's people, on SQLite and PostgreSQL: a pasted list whose people claim their name once, entries
and dots made for someone within their budget and theirs when they come in, invited co-facilitators and
scribes, roles, resets, bringing a removed person back, hiding a reveal again and going back a step."""

from __future__ import annotations

import json
import secrets
from datetime import timedelta

import pytest

from cvm_core.errors import BudgetExceeded, DomainError, NotFound, PermissionDenied, ValidationError
from cvm_core.exports import backup
from db import exchange, live, read, roster, services, workshops
from db import pains as votes
from db import people as pp
from db.models import RejoinCode, Workshop, utcnow
from db.services import Actor
from tests.helpers import create, settings, update


def keys() -> list[str]:
    return [secrets.token_hex(4)]


def people(engine, workshop_id: int) -> dict[str, dict]:
    return {p["display_name"]: p for p in workshops.participants(engine, workshop_id=workshop_id)}


def errors(caught: pytest.ExceptionInfo) -> list[tuple[str, dict]]:
    return [(e.key, e.params) for e in caught.value.errors]


@pytest.fixture
def room(engine, workshop):
    """A workshop with a customer, voting open (3 dots each), Bob on the list without a device, and Sam a scribe."""
    info, fay = workshop
    customer = create(engine, fay, "customer", name="Shops")["id"]
    settings(engine, fay, voting_open=True, dots_per_person=3)
    roster.add_people(engine, actor=fay, text="Bob\tSales")
    sam = workshops.join(engine, code=info["join_code"], display_name="Sam", throttle_keys=keys())
    roster.set_role(engine, actor=fay, participant_id=sam.participant_id, role="scribe")
    bob = people(engine, info["id"])["Bob"]["id"]
    return info, fay, sam, bob, customer


def pain(engine, actor: Actor, customer: int, text: str, author: int | None = None) -> dict:
    data = {"customer_id": customer, "text": text} | ({"author_id": author} if author else {})
    return create(engine, actor, "pain", **data)


# The list -----------------------------------------------------------------------------------------------


def test_a_pasted_list_adds_people_not_here_yet_with_their_departments(engine, workshop) -> None:
    info, fay = workshop
    create(engine, fay, "department", name="Sales")
    added = roster.add_people(engine, actor=fay, text="Anna Lee, sales\n\n Boris  Ivanov ;Logistics\nChen Wu\n")
    assert len(added) == 3
    found = people(engine, info["id"])
    departments = {d["id"]: d["name"] for d in read.rows(engine, workshop_id=info["id"], entity_name="department")}
    assert sorted(departments.values()) == ["Logistics", "Sales"]  # "sales" matched, Logistics created
    assert [departments.get(found[n]["department_id"]) for n in ("Anna Lee", "Boris Ivanov", "Chen Wu")] == [
        "Sales",
        "Logistics",
        None,
    ]
    assert all(found[n]["claimed_at"] is None and found[n]["role"] == "participant" for n in ("Anna Lee", "Chen Wu"))
    assert live.room(engine, workshop_id=info["id"]).participants == 0  # on the list is not in the room


def test_a_bad_list_adds_nobody_and_names_its_lines(engine, workshop) -> None:
    info, fay = workshop
    workshops.join(engine, code=info["join_code"], display_name="Pat", throttle_keys=keys())
    for text, expected in (
        ("Anna\nanna \nBob", [("roster.err.twice", {"line": 2, "name": "anna", "first": 1})]),
        ("Anna\n PAT", [("roster.err.taken", {"line": 2, "name": "PAT"})]),
        (
            "Anna\n, Sales\n" + "x" * 41,
            [("roster.err.bad_name", {"line": 2, "max": 40}), ("roster.err.bad_name", {"line": 3, "max": 40})],
        ),
        ("   \n\n", [("roster.err.empty", {})]),
        ("\n".join(f"P{n}" for n in range(301)), [("roster.err.too_many", {"max": 300})]),
    ):
        with pytest.raises(ValidationError) as caught:
            roster.add_people(engine, actor=fay, text=text)
        assert errors(caught) == expected, text[:20]
    assert set(people(engine, info["id"])) == {"Fay", "Pat"}


def test_a_scribe_adds_to_the_list_and_a_participant_does_not(engine, room) -> None:
    info, fay, sam, bob, _ = room
    roster.add_people(engine, actor=sam, text="Dana")
    pat = workshops.join(engine, code=info["join_code"], display_name="Pat", throttle_keys=keys())
    with pytest.raises(PermissionDenied):
        roster.add_people(engine, actor=pat, text="Eve")
    assert "Eve" not in people(engine, info["id"])


# Picking one's name ---------------------------------------------------------------------------------------


def test_the_first_to_pick_a_listed_name_is_that_person_and_nobody_after(engine, room) -> None:
    info, fay, sam, bob, _ = room
    workshop_id, waiting = roster.waiting(engine, code=info["join_code"].lower(), throttle_keys=keys())
    assert workshop_id == info["id"] and [(p["display_name"], p["department"]) for p in waiting] == [("Bob", "Sales")]
    me = roster.claim(engine, code=info["join_code"], participant_id=bob, throttle_keys=keys())
    assert me == Actor(info["id"], bob, "Bob")
    with pytest.raises(ValidationError) as caught:
        roster.claim(engine, code=info["join_code"], participant_id=bob, throttle_keys=keys())
    assert errors(caught) == [("roster.err.claimed", {})]
    assert roster.waiting(engine, code=info["join_code"], throttle_keys=keys())[1] == []
    with pytest.raises(ValidationError) as typed:  # typing the name never yields the person either
        workshops.join(engine, code=info["join_code"], display_name="bob", throttle_keys=keys())
    assert errors(typed)[0][0] == "people.err.name_taken"


def test_a_listed_name_typed_at_join_points_to_the_list_and_writes_nothing(engine, room) -> None:
    info, *_ = room
    with pytest.raises(ValidationError) as caught:
        workshops.join(engine, code=info["join_code"], display_name=" BOB ", throttle_keys=keys())
    assert errors(caught) == [("people.err.name_on_the_list", {"name": "BOB"})]
    assert len(people(engine, info["id"])) == 3


def test_only_listed_participants_can_be_picked_never_those_invited(engine, room) -> None:
    info, fay, sam, bob, _ = room
    roster.invite(engine, actor=fay, name="Cody", role="cofacilitator")
    cody = people(engine, info["id"])["Cody"]
    assert [p["display_name"] for p in roster.waiting(engine, code=info["join_code"], throttle_keys=keys())[1]] == [
        "Bob"
    ]
    for pid in (cody["id"], sam.participant_id, fay.participant_id):
        with pytest.raises(ValidationError):
            roster.claim(engine, code=info["join_code"], participant_id=pid, throttle_keys=keys())
    with pytest.raises(NotFound):
        roster.waiting(engine, code="NOPE99", throttle_keys=keys())


def test_a_reset_ends_an_impostors_sessions_and_frees_the_name(engine, room) -> None:
    info, fay, sam, bob, _ = room
    impostor = roster.claim(engine, code=info["join_code"], participant_id=bob, throttle_keys=keys())
    token = live.issue_token(engine, actor=impostor)
    with pytest.raises(PermissionDenied):
        roster.reset(engine, actor=sam, participant_id=bob)  # a scribe does not manage people
    roster.reset(engine, actor=fay, participant_id=bob)
    assert live.resume(engine, token=token) is None
    assert people(engine, info["id"])["Bob"]["claimed_at"] is None
    code = pp.issue_rejoin_code(engine, actor=fay, participant_id=bob)
    assert pp.redeem_rejoin_code(engine, code=code, throttle_keys=keys()).participant_id == bob
    assert people(engine, info["id"])["Bob"]["claimed_at"] is not None  # the code brought the real Bob in


# Entries and dots for someone -----------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["fay", "sam"])
def test_dots_for_someone_stay_within_their_budget(engine, room, who: str) -> None:
    info, fay, sam, bob, customer = room
    actor = {"fay": fay, "sam": sam}[who]
    first, second = (pain(engine, fay, customer, f"Pain {n}")["id"] for n in (1, 2))
    placed = votes.set_dots(engine, actor=actor, pain_id=first, dots=2, voter=bob)
    assert (placed["participant_id"], placed["entered_by_id"]) == (bob, actor.participant_id)
    assert votes.dots_left(engine, actor=actor, voter=bob) == 1
    with pytest.raises(BudgetExceeded):
        votes.change_dots(engine, actor=actor, pain_id=second, by=2, voter=bob)
    votes.change_dots(engine, actor=actor, pain_id=second, by=1, voter=bob)
    assert votes.dots_left(engine, actor=actor, voter=bob) == 0
    votes.set_dots(engine, actor=actor, pain_id=first, dots=3)  # the enterer's own budget is their own
    assert votes.dots_left(engine, actor=actor) == 0
    dots = {
        (v["participant_id"], v["pain_id"]): v["dots"]
        for v in read.rows(engine, workshop_id=info["id"], entity_name="vote")
    }
    assert dots == {(bob, first): 2, (bob, second): 1, (actor.participant_id, first): 3}


def test_someones_own_dots_count_and_stay_theirs(engine, room) -> None:
    info, fay, sam, bob, customer = room
    first, second = (pain(engine, fay, customer, f"Pain {n}")["id"] for n in (1, 2))
    me = roster.claim(engine, code=info["join_code"], participant_id=bob, throttle_keys=keys())
    votes.set_dots(engine, actor=me, pain_id=first, dots=2)
    assert votes.dots_left(engine, actor=sam, voter=bob) == 1
    with pytest.raises(BudgetExceeded):
        votes.set_dots(engine, actor=sam, pain_id=second, dots=2, voter=bob)
    with pytest.raises(PermissionDenied) as caught:  # Bob's own dots are not the scribe's to move
        votes.set_dots(engine, actor=sam, pain_id=first, dots=0, voter=bob)
    assert caught.value.key == "policy.err.not_entered_by_you"


def test_a_participant_neither_places_dots_for_others_nor_asks_their_budget(engine, room) -> None:
    info, fay, sam, bob, customer = room
    pat = workshops.join(engine, code=info["join_code"], display_name="Pat", throttle_keys=keys())
    target = pain(engine, fay, customer, "Slow")["id"]
    with pytest.raises(PermissionDenied):
        votes.set_dots(engine, actor=pat, pain_id=target, dots=1, voter=bob)
    with pytest.raises(PermissionDenied):
        votes.dots_left(engine, actor=pat, voter=bob)
    with pytest.raises(ValidationError):  # nor does anyone place dots for the facilitator
        votes.dots_left(engine, actor=sam, voter=fay.participant_id)
    assert read.rows(engine, workshop_id=info["id"], entity_name="vote") == []


def test_what_was_entered_for_someone_is_theirs_when_they_come_in_and_the_audit_says_who(engine, room) -> None:
    info, fay, sam, bob, customer = room
    entered = pain(engine, sam, customer, "Queues at the desk", author=bob)
    assert (entered["author_id"], entered["entered_by_id"]) == (bob, sam.participant_id)
    event = next(e for e in read.audit_events(engine, workshop_id=info["id"]) if e["entity"] == "pain")
    assert (event["actor_id"], event["after"]["author_id"], event["after"]["entered_by_id"]) == (
        sam.participant_id,
        bob,
        sam.participant_id,
    )
    update(engine, sam, "pain", entered["id"], severity=4)
    code = pp.issue_rejoin_code(engine, actor=fay, participant_id=bob)
    me = pp.redeem_rejoin_code(engine, code=code, throttle_keys=keys())
    mine = update(engine, me, "pain", entered["id"], severity=5)
    assert (mine["author_id"], mine["entered_by_id"], mine["severity"]) == (bob, sam.participant_id, 5)
    services.delete(engine, actor=me, entity_name="pain", row_id=entered["id"])
    services.restore(engine, actor=me, entity_name="pain", row_id=entered["id"])
    own = pain(engine, me, customer, "My own")
    with pytest.raises(PermissionDenied):  # the scribe corrects what they entered, not what Bob wrote
        update(engine, sam, "pain", own["id"], severity=1)


def test_a_hidden_entry_is_seen_by_its_author_and_whoever_entered_it_only(engine, room) -> None:
    info, fay, sam, bob, customer = room
    settings(engine, fay, brainstorm_private=True)
    pat = workshops.join(engine, code=info["join_code"], display_name="Pat", throttle_keys=keys())
    secret = pain(engine, sam, customer, "Secret for Bob", author=bob)
    assert secret["hidden"]

    def sees(actor: Actor) -> bool:
        return "Secret for Bob" in {p["text"] for p in read.read(engine, actor=actor, entities=("pain",)).data["pain"]}

    me = roster.claim(engine, code=info["join_code"], participant_id=bob, throttle_keys=keys())
    assert sees(sam) and sees(me) and not sees(pat) and not sees(fay)
    with pytest.raises(NotFound):
        services.delete(engine, actor=pat, entity_name="pain", row_id=secret["id"])


def test_anonymous_votes_name_only_ones_own_and_those_one_placed(engine, room) -> None:
    info, fay, sam, bob, customer = room
    target = pain(engine, fay, customer, "Slow")["id"]
    votes.set_dots(engine, actor=sam, pain_id=target, dots=1, voter=bob)
    votes.set_dots(engine, actor=fay, pain_id=target, dots=1)
    seen = read.read(engine, actor=sam, entities=("vote",)).data["vote"]
    assert sorted((v["participant_id"], v["entered_by_id"]) for v in seen if v["participant_id"]) == [
        (bob, sam.participant_id)
    ]
    assert sum(1 for v in seen if v["participant_id"] is None and v["entered_by_id"] is None) == 1


# Invitations and roles ------------------------------------------------------------------------------------


def test_an_invitation_works_once_for_hours_and_gives_its_role(engine, room) -> None:
    info, fay, sam, bob, customer = room
    code = roster.invite(engine, actor=fay, name="Cody", role="cofacilitator")
    cody = pp.redeem_rejoin_code(engine, code=code, throttle_keys=keys())
    with pytest.raises(NotFound):
        pp.redeem_rejoin_code(engine, code=code, throttle_keys=keys())
    found = people(engine, info["id"])["Cody"]
    assert found["role"] == "cofacilitator" and found["claimed_at"] is not None
    live.set_current_step(engine, actor=cody, step=3)  # runs the room
    create(engine, cody, "note", text="Decided")
    later = roster.invite(engine, actor=cody, name="Rita", role="scribe")  # invites scribes, not co-facilitators
    with pytest.raises(PermissionDenied) as caught:
        roster.invite(engine, actor=cody, name="Other", role="cofacilitator")
    assert caught.value.key == "policy.err.lead_only"
    rita = pp.redeem_rejoin_code(engine, code=later, throttle_keys=keys())
    assert workshops.participant(engine, actor=rita)["role"] == "scribe"
    t = RejoinCode.__table__
    with engine.connect() as conn:
        expires = conn.execute(t.select().where(t.c.participant_id == rita.participant_id)).first().expires_at
    assert timedelta(hours=71) < expires - utcnow() <= timedelta(hours=72)


def test_an_invitation_needs_a_free_name_and_a_role_one_is_invited_to(engine, room) -> None:
    info, fay, *_ = room
    with pytest.raises(ValidationError) as taken:
        roster.invite(engine, actor=fay, name="bob", role="scribe")
    assert errors(taken)[0][0] == "people.err.name_taken"
    for role in ("facilitator", "participant", "boss"):
        with pytest.raises(ValidationError):
            roster.invite(engine, actor=fay, name="New", role=role)


def test_revoking_a_cofacilitator_takes_the_room_from_them_at_once(engine, room) -> None:
    info, fay, sam, bob, customer = room
    cody = pp.redeem_rejoin_code(
        engine, code=roster.invite(engine, actor=fay, name="Cody", role="cofacilitator"), throttle_keys=keys()
    )
    with pytest.raises(PermissionDenied):  # a co-facilitator cannot revoke the facilitator or themselves
        roster.set_role(engine, actor=cody, participant_id=fay.participant_id, role="participant")
    roster.set_role(engine, actor=fay, participant_id=cody.participant_id, role="participant")
    with pytest.raises(PermissionDenied):
        live.set_current_step(engine, actor=cody, step=4)
    pain(engine, cody, customer, "Still here as a participant")
    with pytest.raises(ValidationError) as own:
        roster.set_role(engine, actor=fay, participant_id=fay.participant_id, role="scribe")
    assert errors(own)[0][0] == "people.err.not_on_yourself"


def test_a_cofacilitator_cannot_take_over_the_facilitator(engine, room) -> None:
    info, fay, sam, bob, customer = room
    cody = pp.redeem_rejoin_code(
        engine, code=roster.invite(engine, actor=fay, name="Cody", role="cofacilitator"), throttle_keys=keys()
    )
    for attempt in (
        lambda: pp.issue_rejoin_code(engine, actor=cody, participant_id=fay.participant_id),
        lambda: pp.remove(engine, actor=cody, participant_id=fay.participant_id),
        lambda: roster.reset(engine, actor=cody, participant_id=fay.participant_id),
        lambda: live.hand_over(engine, actor=cody, participant_id=sam.participant_id),
        lambda: live.delete_workshop(engine, actor=cody),
    ):
        with pytest.raises(PermissionDenied):
            attempt()
    code = pp.issue_rejoin_code(engine, actor=cody, participant_id=sam.participant_id)  # people are theirs to help
    assert pp.redeem_rejoin_code(engine, code=code, throttle_keys=keys()) == sam


def test_the_role_is_handed_only_to_someone_who_came_in(engine, room) -> None:
    info, fay, sam, bob, _ = room
    with pytest.raises(ValidationError) as caught:
        live.hand_over(engine, actor=fay, participant_id=bob)
    assert errors(caught) == [("people.err.not_here_yet", {})]
    live.hand_over(engine, actor=fay, participant_id=sam.participant_id)
    assert people(engine, info["id"])["Sam"]["role"] == "facilitator"


# Undo -----------------------------------------------------------------------------------------------------


def test_a_removed_person_comes_back_unless_their_name_was_taken(engine, room) -> None:
    info, fay, sam, bob, customer = room
    entered = pain(engine, sam, customer, "Slow", author=bob)
    pp.remove(engine, actor=fay, participant_id=bob)
    pp.bring_back(engine, actor=fay, participant_id=bob)
    assert people(engine, info["id"])["Bob"]["id"] == bob
    assert read.row(engine, workshop_id=info["id"], entity_name="pain", row_id=entered["id"])["author_id"] == bob
    pp.remove(engine, actor=fay, participant_id=bob)
    workshops.join(engine, code=info["join_code"], display_name="BOB", throttle_keys=keys())
    with pytest.raises(ValidationError) as caught:
        pp.bring_back(engine, actor=fay, participant_id=bob)
    assert errors(caught)[0][0] == "people.err.name_taken"
    with pytest.raises(ValidationError):  # only a removed person is brought back
        pp.bring_back(engine, actor=fay, participant_id=sam.participant_id)


def test_back_to_the_step_the_room_came_from(engine, workshop) -> None:
    info, fay = workshop
    assert live.last_move(engine, workshop_id=info["id"]) == live.Move(1)
    live.set_current_step(engine, actor=fay, step=4)
    move = live.last_move(engine, workshop_id=info["id"])
    assert (move.came_from, move.current, move.by) == (1, 4, "Fay")
    live.set_current_step(engine, actor=fay, step=move.came_from)
    assert workshops.workshop(engine, workshop_id=info["id"])["current_step"] == 1
    assert live.last_move(engine, workshop_id=info["id"]).came_from == 4  # and forth again, if wanted
    with engine.begin() as conn:  # moved by someone else's hand (an old event): no undo offered
        conn.execute(Workshop.__table__.update().where(Workshop.__table__.c.id == info["id"]).values(current_step=7))
    assert live.last_move(engine, workshop_id=info["id"]) == live.Move(7)


def test_a_reveal_is_hidden_again_only_while_nobody_acted_on_it(engine, room) -> None:
    info, fay, sam, bob, customer = room
    settings(engine, fay, brainstorm_private=True)
    pat = workshops.join(engine, code=info["join_code"], display_name="Pat", throttle_keys=keys())
    first, second = (pain(engine, pat, customer, f"Secret {n}") for n in (1, 2))
    with pytest.raises(DomainError) as nothing:
        votes.hide_again(engine, actor=fay)
    assert nothing.value.key == "step2.err.nothing_to_hide"
    assert votes.reveal(engine, actor=fay) == 2
    assert votes.revealed(engine, actor=fay).can_hide
    with pytest.raises(PermissionDenied):
        votes.hide_again(engine, actor=sam)  # a scribe does not run the room
    assert votes.hide_again(engine, actor=fay) == 2
    assert all(
        read.row(engine, workshop_id=info["id"], entity_name="pain", row_id=p["id"])["hidden"] for p in (first, second)
    )
    assert votes.revealed(engine, actor=fay) is None
    votes.reveal(engine, actor=fay)
    votes.set_dots(engine, actor=pat, pain_id=second["id"], dots=1)
    state = votes.revealed(engine, actor=fay)
    assert (state.shown, state.acted, state.can_hide) == (2, 1, False)
    with pytest.raises(DomainError) as acted:
        votes.hide_again(engine, actor=fay)
    assert (acted.value.key, acted.value.params) == ("step2.err.acted_since", {"count": 1})
    assert not read.row(engine, workshop_id=info["id"], entity_name="pain", row_id=first["id"])["hidden"]


def test_an_edit_or_a_link_also_counts_as_acting_on_a_revealed_pain(engine, room) -> None:
    info, fay, sam, bob, customer = room
    settings(engine, fay, brainstorm_private=True)
    secret = pain(engine, sam, customer, "Secret", author=bob)
    votes.reveal(engine, actor=fay)
    factor = create(engine, fay, "value_factor", customer_id=customer, name="Speed")
    assert votes.revealed(engine, actor=fay).can_hide  # a new factor is not acting on the pain
    create(engine, fay, "factor_pain", factor_id=factor["id"], pain_id=secret["id"])
    assert votes.revealed(engine, actor=fay).acted == 1


# A backup keeps roles and who entered what ---------------------------------------------------------------


def test_a_backup_carries_roles_and_who_entered_what(engine, room) -> None:
    info, fay, sam, bob, customer = room
    pain(engine, sam, customer, "Slow", author=bob)
    votes.set_dots(
        engine,
        actor=sam,
        pain_id=read.rows(engine, workshop_id=info["id"], entity_name="pain")[0]["id"],
        dots=1,
        voter=bob,
    )
    doc = json.loads(backup.render(read.backup(engine, actor=fay)))
    roles = {p["display_name"]: p["role"] for p in doc["participants"]}
    assert roles == {"Fay": "facilitator", "Bob": "participant", "Sam": "scribe"}
    workshop, actor = exchange.import_backup(
        engine, backup=backup.parse(json.dumps(doc).encode()), facilitator_name="Fay", passcode="restored-1"
    )
    names = {p["id"]: p["display_name"] for p in workshops.participants(engine, workshop_id=workshop["id"])}
    copied = read.rows(engine, workshop_id=workshop["id"], entity_name="pain")[0]
    placed = read.rows(engine, workshop_id=workshop["id"], entity_name="vote")[0]
    assert (names[copied["author_id"]], names[copied["entered_by_id"]]) == ("Bob", "Sam")
    assert (names[placed["participant_id"]], names[placed["entered_by_id"]]) == ("Bob", "Sam")
    assert people(engine, workshop["id"])["Sam"]["role"] == "scribe"
