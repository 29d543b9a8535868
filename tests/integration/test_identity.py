"""Who is who at join: unique names, personal rejoin codes, facilitator sign-in that takes nobody over."""

import secrets
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from cvm_core.errors import NotFound, PermissionDenied, ValidationError
from db import live, services, workshops
from db import people as pp
from db.models import AuditEvent, Department, Participant, RejoinCode, SessionToken, utcnow
from tests.helpers import race, sign_in_vouched


def keys() -> list[str]:
    return [f"s:{secrets.token_hex(6)}"]


def count(engine, table, workshop_id: int) -> int:
    t = table.__table__
    with engine.connect() as conn:
        return conn.execute(select(func.count()).where(t.c.workshop_id == workshop_id)).scalar_one()


@pytest.mark.parametrize("typed", ["Pat", " pat ", "PAT", "p a t".replace(" ", ""), "Pat\u00a0"])
def test_joining_under_a_taken_name_is_refused_and_writes_nothing(engine, workshop, typed) -> None:
    info, _ = workshop
    pat = workshops.join(
        engine, code=info["join_code"], display_name="Pat", new_department="Sales", throttle_keys=keys()
    )
    before = [count(engine, t, info["id"]) for t in (Participant, SessionToken, AuditEvent, Department)]
    with pytest.raises(ValidationError) as caught:
        workshops.join(engine, code=info["join_code"], display_name=typed, new_department="Legal", throttle_keys=keys())
    error = caught.value.errors[0]
    assert (error.field, error.key) == ("display_name", "people.err.name_taken")
    assert [count(engine, t, info["id"]) for t in (Participant, SessionToken, AuditEvent, Department)] == before
    assert workshops.participant(engine, actor=pat)["display_name"] == "Pat"


def test_two_people_joining_under_one_name_at_once_give_one_person(engine, workshop) -> None:
    info, _ = workshop
    results = race(
        lambda: workshops.join(engine, code=info["join_code"], display_name="Twin", throttle_keys=keys()),
        6,
        ValidationError,
    )
    assert sum(isinstance(r, services.Actor) for r in results) == 1
    assert sum(isinstance(r, ValidationError) for r in results) == 5


def test_the_database_refuses_two_live_people_with_one_name(engine, workshop) -> None:
    info, _ = workshop
    workshops.join(engine, code=info["join_code"], display_name="Lee", throttle_keys=keys())
    with pytest.raises(IntegrityError), engine.begin() as conn:
        workshops.insert_person(conn, info["id"], " LEE", "participant", None)


def test_facilitator_sign_in_takes_no_participant_over(engine, workshop) -> None:
    info, fay = workshop
    pat = workshops.join(engine, code=info["join_code"], display_name="Pat", throttle_keys=keys())
    with pytest.raises(ValidationError) as caught:
        workshops.sign_in(
            engine, code=info["join_code"], passcode="passcode-1", display_name="pat", throttle_keys=keys()
        )
    assert caught.value.errors[0].key == "people.err.name_is_participant"
    assert workshops.participant(engine, actor=pat)["role"] == "participant"
    again = workshops.sign_in(
        engine, code=info["join_code"], passcode="passcode-1", display_name="FAY", throttle_keys=keys()
    )
    assert again.participant_id == fay.participant_id
    co = workshops.sign_in(
        engine, code=info["join_code"], passcode="passcode-1", display_name="Co", throttle_keys=keys()
    )
    assert co.participant_id not in (fay.participant_id, pat.participant_id)
    assert workshops.participant(engine, actor=co)["role"] == "facilitator"


def test_organisation_sign_in_takes_no_participant_over(engine, workshop) -> None:
    info, _ = workshop
    workshops.join(engine, code=info["join_code"], display_name="Ann", throttle_keys=keys())
    with pytest.raises(ValidationError):
        sign_in_vouched(engine, info["join_code"], "Ann", "ann@corp.example", keys()[0])


def test_a_rejoin_code_brings_the_person_back_once(engine, workshop) -> None:
    info, fay = workshop
    pat = workshops.join(engine, code=info["join_code"], display_name="Pat", throttle_keys=keys())
    code = pp.issue_rejoin_code(engine, actor=fay, participant_id=pat.participant_id)
    assert len(code) == 11 and code[5] == "-"
    back = pp.redeem_rejoin_code(engine, code=code.lower().replace("-", " "), throttle_keys=keys())
    assert back == pat
    token = live.issue_token(engine, actor=back)
    assert live.resume(engine, token=token) == pat
    with pytest.raises(NotFound) as caught:
        pp.redeem_rejoin_code(engine, code=code, throttle_keys=keys())
    assert caught.value.key == "people.err.bad_rejoin_code"


def test_a_rejoin_code_is_stored_hashed_and_expires(engine, workshop) -> None:
    info, fay = workshop
    pat = workshops.join(engine, code=info["join_code"], display_name="Pat", throttle_keys=keys())
    code = pp.issue_rejoin_code(engine, actor=fay, participant_id=pat.participant_id)
    t = RejoinCode.__table__
    with engine.begin() as conn:
        stored = conn.execute(select(t).where(t.c.participant_id == pat.participant_id)).mappings().one()
        assert code.replace("-", "") not in str(dict(stored))
        assert timedelta(minutes=14) < stored["expires_at"] - utcnow() <= timedelta(minutes=15)
        conn.execute(update(t).where(t.c.id == stored["id"]).values(expires_at=utcnow() - timedelta(seconds=1)))
    with pytest.raises(NotFound):
        pp.redeem_rejoin_code(engine, code=code, throttle_keys=keys())


def test_a_new_rejoin_code_replaces_the_old_one(engine, workshop) -> None:
    info, fay = workshop
    pat = workshops.join(engine, code=info["join_code"], display_name="Pat", throttle_keys=keys())
    first = pp.issue_rejoin_code(engine, actor=fay, participant_id=pat.participant_id)
    second = pp.issue_rejoin_code(engine, actor=fay, participant_id=pat.participant_id)
    with pytest.raises(NotFound):
        pp.redeem_rejoin_code(engine, code=first, throttle_keys=keys())
    assert pp.redeem_rejoin_code(engine, code=second, throttle_keys=keys()) == pat


def test_only_the_facilitator_issues_rejoin_codes_for_people_of_the_workshop(engine, workshop) -> None:
    info, fay = workshop
    pat = workshops.join(engine, code=info["join_code"], display_name="Pat", throttle_keys=keys())
    kim = workshops.join(engine, code=info["join_code"], display_name="Kim", throttle_keys=keys())
    with pytest.raises(PermissionDenied):
        pp.issue_rejoin_code(engine, actor=pat, participant_id=kim.participant_id)
    other, other_fay = workshops.create_workshop(
        engine, data={"name": "Other"}, passcode="pass-2", facilitator_name="O"
    )
    with pytest.raises(ValidationError):
        pp.issue_rejoin_code(engine, actor=other_fay, participant_id=kim.participant_id)


def test_concurrent_redeems_of_one_code_give_one_session(engine, workshop) -> None:
    info, fay = workshop
    pat = workshops.join(engine, code=info["join_code"], display_name="Pat", throttle_keys=keys())
    code = pp.issue_rejoin_code(engine, actor=fay, participant_id=pat.participant_id)
    results = race(lambda: pp.redeem_rejoin_code(engine, code=code, throttle_keys=keys()), 5, NotFound)
    assert sum(isinstance(r, services.Actor) for r in results) == 1
