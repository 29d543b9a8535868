"""The live room through the services: timer, current step, ready, presence, hand-over, tokens."""

import pytest

from cvm_core.errors import NotFound, PermissionDenied, ValidationError
from db import live, read, workshops
from tests.helpers import create, settings, update


@pytest.fixture
def room(engine, workshop):
    info, fay = workshop
    pat = workshops.join(engine, code=info["join_code"], display_name="Pat", throttle_keys=["room"])
    return engine, info, fay, pat


def test_the_timer_runs_pauses_resumes_and_takes_more_time(room) -> None:
    engine, info, fay, _ = room
    live.start_timer(engine, actor=fay, minutes=5)
    state = live.room(engine, workshop_id=info["id"])
    assert state.timer == "running" and 295 <= state.seconds_left <= 300
    live.add_time(engine, actor=fay, seconds=60)
    assert 355 <= live.room(engine, workshop_id=info["id"]).seconds_left <= 360
    live.pause_timer(engine, actor=fay)
    paused = live.room(engine, workshop_id=info["id"])
    assert paused.timer == "paused" and 355 <= paused.seconds_left <= 360
    live.start_timer(engine, actor=fay)  # resume keeps what was left
    assert 354 <= live.room(engine, workshop_id=info["id"]).seconds_left <= 360
    live.stop_timer(engine, actor=fay)
    assert live.room(engine, workshop_id=info["id"]).timer == "stopped"


def test_the_timer_defaults_to_the_steps_timebox(room) -> None:
    engine, info, fay, _ = room
    step1 = read.rows(engine, workshop_id=info["id"], entity_name="step_progress", where={"step": 1})[0]
    update(engine, fay, "step_progress", step1["id"], timebox_minutes=20)
    live.start_timer(engine, actor=fay)
    assert 1190 <= live.room(engine, workshop_id=info["id"]).seconds_left <= 1200


def test_participants_cannot_run_the_room(room) -> None:
    engine, info, _, pat = room
    for action in (
        lambda: live.start_timer(engine, actor=pat, minutes=5),
        lambda: live.pause_timer(engine, actor=pat),
        lambda: live.add_time(engine, actor=pat, seconds=60),
        lambda: live.set_current_step(engine, actor=pat, step=3),
        lambda: live.hand_over(engine, actor=pat, participant_id=pat.participant_id),
        lambda: live.delete_workshop(engine, actor=pat),
        lambda: settings(engine, pat, voting_open=True),
    ):
        with pytest.raises(PermissionDenied):
            action()
    assert live.room(engine, workshop_id=info["id"]).current_step == 1


def test_bad_timer_values_are_refused(room) -> None:
    engine, _, fay, _ = room
    with pytest.raises(ValidationError):
        live.start_timer(engine, actor=fay, minutes=-1)
    with pytest.raises(ValidationError):
        live.add_time(engine, actor=fay, seconds=10**9)
    with pytest.raises(ValidationError):
        live.set_current_step(engine, actor=fay, step=10)


def test_moving_the_room_and_ready_signals(room) -> None:
    engine, info, fay, pat = room
    live.set_current_step(engine, actor=fay, step=2)
    live.set_ready(engine, actor=pat, ready=True)
    state = live.room(engine, workshop_id=info["id"])
    assert (state.current_step, state.ready, state.participants) == (2, 1, 1)
    live.set_current_step(engine, actor=fay, step=3)
    assert live.room(engine, workshop_id=info["id"]).ready == 0  # ready was for step 2


def test_presence_and_the_change_marker(room) -> None:
    engine, info, fay, pat = room
    live.heartbeat(engine, actor=pat)
    before = live.room(engine, workshop_id=info["id"], entities=("pain",))
    assert before.online >= 1
    create(engine, fay, "department", name="Ops")
    assert live.room(engine, workshop_id=info["id"], entities=("pain",)).marker == before.marker
    assert live.room(engine, workshop_id=info["id"]).marker > before.marker


def test_hand_over_the_facilitator_role(room) -> None:
    engine, info, fay, pat = room
    live.hand_over(engine, actor=fay, participant_id=pat.participant_id)
    assert workshops.participant(engine, actor=pat)["role"] == "facilitator"
    assert workshops.participant(engine, actor=fay)["role"] == "participant"
    with pytest.raises(PermissionDenied):
        live.set_current_step(engine, actor=fay, step=4)
    live.set_current_step(engine, actor=pat, step=4)


def test_deleting_a_workshop_is_facilitator_only_and_can_be_undone(room) -> None:
    engine, info, fay, _ = room
    live.delete_workshop(engine, actor=fay)
    with pytest.raises(NotFound):
        workshops.workshop(engine, workshop_id=info["id"])
    live.restore_workshop(engine, workshop_id=info["id"])
    assert workshops.workshop(engine, workshop_id=info["id"])["name"] == info["name"]


def test_session_tokens_resume_and_revoke(room) -> None:
    engine, _, _, pat = room
    token = live.issue_token(engine, actor=pat)
    assert live.resume(engine, token=token) == pat
    assert live.resume(engine, token=token + "x") is None
    live.revoke(engine, token=token)
    assert live.resume(engine, token=token) is None
