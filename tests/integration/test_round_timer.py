"""The short round timer and the sound switch through the services: an end time on the workshop, the
facilitator's only, heard as room moves (they redraw the room bar, not the pages)."""

from datetime import timedelta

import pytest
from sqlalchemy import update

from cvm_core import settings as s
from cvm_core.errors import PermissionDenied, ValidationError
from db import changes, live, read, workshops
from db.models import Workshop, utcnow


@pytest.fixture
def room(engine, workshop):
    info, fay = workshop
    pat = workshops.join(engine, code=info["join_code"], display_name="Pat", throttle_keys=["round"])
    return engine, info, fay, pat


def now(engine, info) -> live.Room:  # noqa: ANN001
    return live.room(engine, workshop_id=info["id"])


def test_a_round_starts_gets_more_time_and_stops(room) -> None:
    engine, info, fay, _ = room
    assert (now(engine, info).round_left, now(engine, info).round_kind) == (None, None)
    live.start_round(engine, actor=fay, seconds=90, kind="voting")
    state = now(engine, info)
    assert 88 <= state.round_left <= 90 and state.round_kind == "voting"
    assert state.seconds_left is None  # the step's clock is another clock
    live.add_round_time(engine, actor=fay, seconds=30)
    assert 118 <= now(engine, info).round_left <= 120
    live.start_round(engine, actor=fay, seconds=30, kind="brainstorm")  # a new round replaces the old one
    assert 28 <= now(engine, info).round_left <= 30 and now(engine, info).round_kind == "brainstorm"
    live.stop_round(engine, actor=fay)
    assert (now(engine, info).round_left, now(engine, info).round_kind) == (None, None)


def test_more_time_after_the_end_counts_from_now_and_an_old_round_leaves_the_screens(room) -> None:
    engine, info, fay, _ = room
    live.start_round(engine, actor=fay, seconds=60, kind="voting")
    with engine.begin() as conn:
        ended = utcnow() - timedelta(seconds=20)
        conn.execute(update(Workshop.__table__).where(Workshop.id == info["id"]).values(round_end=ended))
    assert -22 <= now(engine, info).round_left <= -20  # over time: still on screen
    live.add_round_time(engine, actor=fay, seconds=30)
    assert 28 <= now(engine, info).round_left <= 30
    with engine.begin() as conn:
        long_ago = utcnow() - timedelta(seconds=s.ROUND_LINGER_S + 5)
        conn.execute(update(Workshop.__table__).where(Workshop.id == info["id"]).values(round_end=long_ago))
    assert now(engine, info).round_left is None


def test_bad_rounds_are_refused_with_nothing_written(room) -> None:
    engine, info, fay, _ = room
    for seconds, kind in ((0, "voting"), (s.ROUND_SECONDS_MAX + 1, "voting"), (30, "lunch"), (1.5, "voting")):
        with pytest.raises(ValidationError) as refused:
            live.start_round(engine, actor=fay, seconds=seconds, kind=kind)
        assert refused.value.entity == "round"
    with pytest.raises(ValidationError) as nothing:
        live.add_round_time(engine, actor=fay, seconds=30)
    assert [e.key for e in nothing.value.errors] == ["errors.no_round"]
    with pytest.raises(ValidationError):
        live.add_round_time(engine, actor=fay, seconds=-30)
    assert now(engine, info).round_left is None


def test_only_the_facilitator_runs_rounds_and_the_sound(room) -> None:
    engine, info, fay, pat = room
    for action in (
        lambda: live.start_round(engine, actor=pat, seconds=60, kind="voting"),
        lambda: live.add_round_time(engine, actor=pat, seconds=30),
        lambda: live.stop_round(engine, actor=pat),
        lambda: live.set_clock_sound(engine, actor=pat, on=False),
    ):
        with pytest.raises(PermissionDenied):
            action()
    assert now(engine, info).round_left is None and now(engine, info).clock_sound


def test_the_sound_is_on_by_default_and_only_for_the_facilitators_screens(room) -> None:
    engine, info, fay, pat = room
    state = now(engine, info)
    assert state.hears_sound(fay.participant_id) and not state.hears_sound(pat.participant_id)
    assert not state.hears_sound(None)
    live.set_clock_sound(engine, actor=fay, on=False)
    assert not now(engine, info).hears_sound(fay.participant_id)
    live.hand_over(engine, actor=fay, participant_id=pat.participant_id)
    live.set_clock_sound(engine, actor=pat, on=True)
    state = now(engine, info)
    assert state.hears_sound(pat.participant_id) and not state.hears_sound(fay.participant_id)


def test_rounds_and_the_sound_are_room_moves_not_page_changes(room) -> None:
    engine, info, fay, _ = room
    marker = read.marker_now(engine, workshop_id=info["id"])
    heard: list[frozenset[str]] = []
    stop = changes.HUB.subscribe(info["id"], heard.append)
    try:
        live.start_round(engine, actor=fay, seconds=60, kind="brainstorm")
        live.add_round_time(engine, actor=fay, seconds=30)
        live.set_clock_sound(engine, actor=fay, on=False)
        live.stop_round(engine, actor=fay)
    finally:
        stop()
    assert heard == [frozenset({"room"})] * 4
    assert read.marker_now(engine, workshop_id=info["id"]) == marker  # no page reruns for a clock
