"""A new workshop from a past round or a template, the line of rounds, and the backup's predecessor link,
on SQLite and PostgreSQL."""

import json
import secrets

import pytest
from sqlalchemy import func, select

from cvm_core import carry
from cvm_core import rounds as core
from cvm_core.errors import NotFound, PermissionDenied, ValidationError
from cvm_core.exports import backup
from db import exchange, read, rounds, workshops
from db import pains as dots
from db.models import Workshop
from db.services import Actor
from tests.helpers import create, settings, update


@pytest.fixture
def past(engine, workshop):
    """Round 1: Logistics serves Shops with one promise (measured) and an internal promise to Sales; Pat
    (Logistics) voted; a hidden pain; a feedback round; an open and a done action; a note."""
    info, fay = workshop
    logistics = create(engine, fay, "department", name="Logistics")
    sales = create(engine, fay, "department", name="Sales")
    shops = create(engine, fay, "customer", name="Shops")
    pain = create(engine, fay, "pain", customer_id=shops["id"], text="Late deliveries")
    promise = create(
        engine,
        fay,
        "promise",
        customer_id=shops["id"],
        text="On time",
        metric_name="On time",
        metric_target=95,
        metric_current=80,
        status="agreed",
        owner_department_id=logistics["id"],
    )
    internal = {"supplier_department_id": logistics["id"], "client_department_id": sales["id"]}
    create(engine, fay, "internal_promise", **internal, text="Vans")
    reverse = {"supplier_department_id": sales["id"], "client_department_id": logistics["id"]}
    create(engine, fay, "internal_promise", **reverse, text="Forecasts", price_amount=500)
    pat = workshops.join(
        engine, code=info["join_code"], display_name="Pat", department_id=logistics["id"], throttle_keys=["t"]
    )
    settings(engine, fay, voting_open=True, brainstorm_private=True)
    dots.set_dots(engine, actor=pat, pain_id=pain["id"], dots=2)
    create(engine, pat, "pain", customer_id=shops["id"], text="Nobody calls back")  # hidden: private brainstorm
    round_ = create(engine, fay, "feedback_round", name="Q3")
    create(
        engine,
        fay,
        "feedback",
        round_id=round_["id"],
        client_department_id=sales["id"],
        supplier_department_id=logistics["id"],
        score=6,
    )
    open_action = create(
        engine,
        pat,
        "action",
        text="Second van",
        owner_participant_id=pat.participant_id,
        source="promise",
        promise_id=promise["id"],
        due="2030-01-31",
    )
    done = create(engine, pat, "action", text="Call the carrier", owner_participant_id=pat.participant_id)
    update(engine, pat, "action", done["id"], status="done")
    create(engine, fay, "note", text="Decided to start")
    return fay, pat, info, open_action


def rows(engine, workshop_id: int, name: str) -> list[dict]:
    return read.rows(engine, workshop_id=workshop_id, entity_name=name)


def next_round(engine, fay: Actor, name: str = "Round 2", **options):
    """Start the round after Fay's, by Fay, unless the options say otherwise."""
    options = {"by": fay, "facilitator_name": "Fay", "passcode": "round-2-pass"} | options
    return rounds.start_from(engine, source_id=fay.workshop_id, name=name, **options)


def elsewhere(engine) -> Actor:
    """Sid, facilitator of another workshop."""
    _, sid = workshops.create_workshop(
        engine, data={"name": "Elsewhere"}, passcode="other-pass", facilitator_name="Sid"
    )
    return sid


def workshop_count(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(Workshop.__table__)).scalar()


def test_the_next_round_carries_the_structure_and_leaves_the_session_behind(engine, past) -> None:
    fay, _, info, open_action = past
    new = next_round(engine, fay)
    wid = new.actor.workshop_id
    assert (
        new.linked
        and new.workshop["predecessor_id"] == fay.workshop_id
        and new.workshop["join_code"] != info["join_code"]
    )
    assert (new.workshop["voting_open"], new.workshop["brainstorm_private"], new.workshop["current_step"]) == (
        False,
        True,
        1,
    )
    assert {d["name"] for d in rows(engine, wid, "department")} == {"Logistics", "Sales"}
    (promise,) = rows(engine, wid, "promise")
    assert (promise["metric_target"], promise["metric_current"], promise["status"]) == (95, None, "agreed")
    assert len(rows(engine, wid, "internal_promise")) == 2
    for left_out in ("vote", "pain", "feedback_round", "feedback", "note"):
        assert rows(engine, wid, left_out) == [], left_out
    assert len(rows(engine, wid, "step_progress")) == 9 and all(
        s["status"] == "not_started" for s in rows(engine, wid, "step_progress")
    )
    (action,) = rows(engine, wid, "action")  # the done one stays behind
    assert (action["text"], action["carried_from"], action["promise_id"], action["due"]) == (
        "Second van",
        workshops.workshop(engine, workshop_id=fay.workshop_id)["name"],
        promise["id"],
        "2030-01-31",
    )
    pat = next(p for p in workshops.participants(engine, workshop_id=wid) if p["display_name"] == "Pat")
    assert pat["role"] == "participant" and action["owner_participant_id"] == pat["id"]
    assert [(s["status"], s["by_name"]) for s in rows(engine, wid, "action_status")] == [("open", "Fay")]
    assert rows(engine, fay.workshop_id, "action")[0]["id"] == open_action["id"]  # the past round is untouched


def test_the_checklist_decides_what_is_carried(engine, past) -> None:
    fay, _, _, _ = past
    items = {"measurements", "pains", "customers", "promises"}  # no people, no actions, no internal promises
    new = next_round(engine, fay, "Lean", items=items)
    wid = new.actor.workshop_id
    assert rows(engine, wid, "promise")[0]["metric_current"] == 80
    assert [p["text"] for p in rows(engine, wid, "pain")] == ["Late deliveries"]  # the hidden one stays behind
    assert (
        rows(engine, wid, "vote") == []
        and rows(engine, wid, "internal_promise") == []
        and rows(engine, wid, "action") == []
    )
    assert [p["display_name"] for p in workshops.participants(engine, workshop_id=wid)] == ["Fay"]


def test_people_not_carried_hand_an_action_to_their_department(engine, past) -> None:
    fay, _, _, _ = past
    items = carry.DEFAULT - {"people"}
    new = next_round(engine, fay, "No people", items=items)
    (action,) = rows(engine, new.actor.workshop_id, "action")
    logistics = rows(engine, new.actor.workshop_id, "department")[0]
    assert action["owner_participant_id"] is None and action["owner_department_id"] == logistics["id"]


def test_only_a_facilitator_of_the_past_round_starts_its_next_round(engine, past) -> None:
    fay, pat, _, _ = past
    stranger = elsewhere(engine)
    before = workshop_count(engine)
    for who in (pat, stranger):
        with pytest.raises(PermissionDenied):
            next_round(engine, fay, "Mine now", by=who, facilitator_name="X", passcode="some-pass")
    with pytest.raises(NotFound):
        rounds.start_from(engine, source_id=10**9, name="Nothing", by=None, facilitator_name="X", passcode="some-pass")
    assert workshop_count(engine) == before


def test_any_facilitator_starts_from_a_template_unlinked(engine, past) -> None:
    fay, _, _, _ = past
    rounds.set_template(engine, actor=fay, template=True)
    sid = elsewhere(engine)
    offered = rounds.starting_points(engine, mine=[sid])
    assert fay.workshop_id in [w["id"] for w in offered] and sid.workshop_id in [w["id"] for w in offered]
    new = next_round(
        engine, fay, "From the template", by=sid, facilitator_name="Sid", passcode=None, same_passcode_as=sid
    )
    assert not new.linked and new.workshop["predecessor_id"] is None and not new.workshop["is_template"]
    assert workshops.sign_in(
        engine, code=new.workshop["join_code"], passcode="other-pass", display_name="Sid", throttle_keys=["x"]
    )


def test_nothing_is_written_when_the_new_workshop_is_refused(engine, past) -> None:
    fay, _, _, _ = past
    before = workshop_count(engine)
    for name, passcode in (("", "good-pass"), ("Fine", "x")):
        with pytest.raises(ValidationError):
            next_round(engine, fay, name, passcode=passcode)
    assert workshop_count(engine) == before


def test_the_line_of_rounds_is_read_oldest_first_from_any_round(engine, past) -> None:
    fay, pat, _, _ = past
    second = next_round(engine, fay)
    (promise,) = rows(engine, second.actor.workshop_id, "promise")
    update(engine, second.actor, "promise", promise["id"], metric_current=96)
    for reader in (pat, second.actor):  # a participant of round 1 and the facilitator of round 2
        line = read.rounds(engine, actor=reader)
        assert [r.workshop_id for r in line] == [fay.workshop_id, second.actor.workshop_id]
        assert [r.current for r in line] == [
            reader.workshop_id == fay.workshop_id,
            reader.workshop_id != fay.workshop_id,
        ]
        (health,) = core.promise_health(line)
        assert health.values == ("broken", "met")
        assert all("participant" not in r.data and "pain" not in r.data and "vote" not in r.data for r in line)


def test_the_backup_carries_actions_and_the_link_to_the_round_before(engine, past) -> None:
    fay, _, _, _ = past
    second = next_round(engine, fay)
    raw = backup.render(read.backup(engine, actor=second.actor))
    doc = json.loads(raw)
    assert doc["schema_version"] == 2 and doc["workshop"]["predecessor_id"] == fay.workshop_id
    assert doc["workshop"]["predecessor_name"] == workshops.workshop(engine, workshop_id=fay.workshop_id)["name"]
    assert [a["text"] for a in doc["action"]] == ["Second van"] and len(doc["action_status"]) == 1
    as_operator, _ = exchange.import_backup(
        engine, backup=backup.parse(raw), facilitator_name="Fay", passcode="restored-1", operator=True
    )
    assert as_operator["predecessor_id"] == fay.workshop_id
    sid = elsewhere(engine)
    as_stranger, _ = exchange.import_backup(
        engine, backup=backup.parse(raw), facilitator_name="Sid", same_passcode_as=sid, link_as=[sid]
    )
    assert as_stranger["predecessor_id"] is None  # Sid does not facilitate round 1: no window onto it
    as_facilitator, _ = exchange.import_backup(
        engine, backup=backup.parse(raw), facilitator_name="Fay", passcode="restored-1", link_as=[fay]
    )
    assert as_facilitator["predecessor_id"] == fay.workshop_id


def test_a_version_1_backup_still_imports(engine) -> None:
    doc = {
        "format": "clientocracy-workshop",
        "schema_version": 1,
        "exported_at": "2026-09-01T10:00:00Z",
        "workshop": {"name": "Old file", "language": "en", "scale_max": 10, "dots_per_person": 5},
        "participants": [{"id": 1, "display_name": "Olga", "role": "facilitator", "department_id": None}],
        "department": [{"id": 3, "name": "Sales", "description": "", "takes_part": True}],
    }
    workshop, actor = exchange.import_backup(
        engine, backup=backup.parse(json.dumps(doc).encode()), facilitator_name="Olga", passcode="old-file-1"
    )
    assert (workshop["name"], workshop["predecessor_id"], workshop["is_template"]) == ("Old file", None, False)
    assert [d["name"] for d in rows(engine, actor.workshop_id, "department")] == ["Sales"]
    assert rows(engine, actor.workshop_id, "action") == []


def test_a_throwaway_code_is_never_reused(engine, past) -> None:
    fay, _, _, _ = past
    code = "RND" + secrets.token_hex(3).upper()
    first, second = [next_round(engine, fay, name, by=None, passcode="pass-1234", join_code=code) for name in "AB"]
    assert first.workshop["join_code"] == code and second.workshop["join_code"] != code
