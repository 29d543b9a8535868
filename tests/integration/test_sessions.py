"""Sessions in the database, on SQLite and PostgreSQL: sliding expiry, a person's own sessions, removing a
person and changing the passcode end the right sessions at once."""

import secrets
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from cvm_core import settings as s
from cvm_core.errors import NotFound, PermissionDenied, ValidationError
from db import live, read, services, sessions, workshops
from db import people as pp
from db.models import SessionToken, utcnow

T = SessionToken.__table__


def keys() -> list[str]:
    return [f"ip:{secrets.token_hex(6)}"]


def used(engine, token: str):
    with engine.connect() as conn:
        return conn.execute(select(T.c.last_used_at).where(T.c.token_hash == sessions.token_hash(token))).scalar_one()


def age(engine, token: str, **delta) -> None:
    """Make the token look last used (and created) that long ago."""
    then = utcnow() - timedelta(**delta)
    with engine.begin() as conn:
        conn.execute(
            update(T).where(T.c.token_hash == sessions.token_hash(token)).values(last_used_at=then, created_at=then)
        )


@pytest.fixture
def room(engine, workshop):
    info, fay = workshop
    pat = workshops.join(engine, code=info["join_code"], display_name="Pat", throttle_keys=keys())
    return info, fay, pat


def test_tokens_die_after_the_days_unused_not_after_the_days_since_issue(engine, room) -> None:
    _, _, pat = room
    token = live.issue_token(engine, actor=pat)
    age(engine, token, days=s.SESSION_TOKEN_DAYS - 1)
    assert live.resume(engine, token=token) == pat
    assert utcnow() - used(engine, token) < timedelta(seconds=5)  # the use slid the expiry forward
    age(engine, token, days=s.SESSION_TOKEN_DAYS, seconds=1)
    assert live.resume(engine, token=token) is None
    assert sessions.standing(engine, actor=pat, token=token).status == sessions.ENDED


def test_a_use_is_written_at_most_once_a_minute(engine, room) -> None:
    _, _, pat = room
    token = live.issue_token(engine, actor=pat)
    age(engine, token, seconds=s.SESSION_TOUCH_S - 5)
    before = used(engine, token)
    assert live.resume(engine, token=token) == pat
    assert sessions.standing(engine, actor=pat, token=token).status == sessions.LIVE
    assert used(engine, token) == before
    age(engine, token, seconds=s.SESSION_TOUCH_S + 1)
    assert sessions.standing(engine, actor=pat, token=token).status == sessions.LIVE
    assert used(engine, token) > before


def test_a_person_sees_and_ends_their_own_other_sessions(engine, room) -> None:
    info, _, pat = room
    here, phone, laptop = (live.issue_token(engine, actor=pat) for _ in range(3))
    kim = workshops.join(engine, code=info["join_code"], display_name="Kim", throttle_keys=keys())
    kims = live.issue_token(engine, actor=kim)
    mine = sessions.mine(engine, token=here)
    assert len(mine) == 3 and mine[0].current and not any(m.current for m in mine[1:])
    kims_id = sessions.mine(engine, token=kims)[0].id
    assert sessions.end(engine, token=here, session_id=kims_id) == 0  # not Pat's to end
    assert sessions.standing(engine, actor=kim, token=kims).status == sessions.LIVE
    phone_id = next(m.id for m in sessions.mine(engine, token=phone) if m.current)
    assert sessions.end(engine, token=here, session_id=phone_id) == 1
    assert sessions.standing(engine, actor=pat, token=phone).status == sessions.ENDED
    assert live.resume(engine, token=phone) is None
    assert sessions.end(engine, token=here) == 1  # all the others: the laptop
    assert live.resume(engine, token=laptop) is None
    assert [m.current for m in sessions.mine(engine, token=here)] == [True]
    with pytest.raises(NotFound):
        sessions.mine(engine, token=laptop)


def test_removing_a_person_ends_their_sessions_keeps_their_entries_and_frees_the_name(engine, room) -> None:
    info, fay, pat = room
    customer = services.create(engine, actor=fay, entity_name="customer", data={"name": "Shops"})["id"]
    pain = services.create(engine, actor=pat, entity_name="pain", data={"customer_id": customer, "text": "Slow"})
    token = live.issue_token(engine, actor=pat)
    code = pp.issue_rejoin_code(engine, actor=fay, participant_id=pat.participant_id)
    pp.remove(engine, actor=fay, participant_id=pat.participant_id)
    assert sessions.standing(engine, actor=pat, token=token).status == sessions.REMOVED
    assert live.resume(engine, token=token) is None
    with pytest.raises(PermissionDenied) as caught:  # the open session of a removed person cannot write
        services.create(engine, actor=pat, entity_name="pain", data={"customer_id": customer, "text": "More"})
    assert caught.value.key == "errors.not_a_participant"
    with pytest.raises(NotFound):
        pp.redeem_rejoin_code(engine, code=code, throttle_keys=keys())
    kept = read.row(engine, workshop_id=info["id"], entity_name="pain", row_id=pain["id"])
    assert kept["deleted_at"] is None and kept["author_id"] == pat.participant_id
    again = workshops.join(engine, code=info["join_code"], display_name="Pat", throttle_keys=keys())
    assert again.participant_id != pat.participant_id


def test_only_the_facilitator_removes_and_never_themselves(engine, room) -> None:
    info, fay, pat = room
    kim = workshops.join(engine, code=info["join_code"], display_name="Kim", throttle_keys=keys())
    with pytest.raises(PermissionDenied):
        pp.remove(engine, actor=pat, participant_id=kim.participant_id)
    with pytest.raises(ValidationError) as caught:
        pp.remove(engine, actor=fay, participant_id=fay.participant_id)
    assert caught.value.errors[0].key == "people.err.not_yourself"
    with pytest.raises(ValidationError):
        pp.remove(engine, actor=fay, participant_id=10**6)


def test_changing_the_passcode_ends_every_other_facilitator_session(engine, room) -> None:
    info, fay, pat = room
    mine, my_other = live.issue_token(engine, actor=fay), live.issue_token(engine, actor=fay)
    co = workshops.sign_in(
        engine, code=info["join_code"], passcode="passcode-1", display_name="Co", throttle_keys=keys()
    )
    cos = live.issue_token(engine, actor=co)
    pats = live.issue_token(engine, actor=pat)
    code = pp.issue_rejoin_code(engine, actor=fay, participant_id=co.participant_id)
    pp.change_passcode(engine, actor=fay, current="passcode-1", new="new-pass-2", keep_token=mine, throttle_keys=keys())
    assert sessions.standing(engine, actor=fay, token=mine).status == sessions.LIVE
    assert sessions.standing(engine, actor=fay, token=my_other).status == sessions.ENDED
    assert sessions.standing(engine, actor=co, token=cos).status == sessions.ENDED
    assert sessions.standing(engine, actor=pat, token=pats).status == sessions.LIVE  # participants are not concerned
    with pytest.raises(NotFound):
        pp.redeem_rejoin_code(engine, code=code, throttle_keys=keys())
    with pytest.raises(PermissionDenied):
        workshops.sign_in(
            engine, code=info["join_code"], passcode="passcode-1", display_name="Co", throttle_keys=keys()
        )
    workshops.sign_in(engine, code=info["join_code"], passcode="new-pass-2", display_name="Co", throttle_keys=keys())


def test_changing_the_passcode_needs_the_current_one_and_a_facilitator(engine, room) -> None:
    info, fay, pat = room
    with pytest.raises(ValidationError) as caught:
        pp.change_passcode(engine, actor=fay, current="wrong", new="new-pass-2", keep_token=None, throttle_keys=keys())
    assert caught.value.errors[0].key == "people.err.wrong_passcode"
    with pytest.raises(ValidationError) as short:
        pp.change_passcode(engine, actor=fay, current="passcode-1", new="abc", keep_token=None, throttle_keys=keys())
    assert short.value.errors[0].key == "errors.passcode_length"
    with pytest.raises(PermissionDenied):
        pp.change_passcode(
            engine, actor=pat, current="passcode-1", new="new-pass-2", keep_token=None, throttle_keys=keys()
        )
    workshops.sign_in(engine, code=info["join_code"], passcode="passcode-1", display_name="Fay", throttle_keys=keys())
