"""The countdown, presence and ready signals."""

from datetime import UTC, datetime, timedelta

from cvm_core.live import PAUSED, RUNNING, STOPPED, after_start, clock, online, ready_count, seconds_left, timer_state

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)


def test_timer_states_and_seconds_left() -> None:
    end = NOW + timedelta(minutes=5)
    assert timer_state(end, None) == RUNNING and seconds_left(end, None, NOW) == 300
    assert timer_state(None, 120) == PAUSED and seconds_left(None, 120, NOW) == 120
    assert timer_state(None, None) == STOPPED and seconds_left(None, None, NOW) is None
    assert seconds_left(NOW - timedelta(seconds=30), None, NOW) == -30


def test_start_resumes_a_paused_timer() -> None:
    assert after_start(NOW, 10, None) == NOW + timedelta(minutes=10)
    assert after_start(NOW, 10, 95) == NOW + timedelta(seconds=95)


def test_clock_format() -> None:
    assert clock(65) == "01:05"
    assert clock(-5) == "-00:05"
    assert clock(3725) == "1:02:05"
    assert clock(None) == "--:--"


def test_online_and_ready() -> None:
    people = [
        {"last_seen": NOW - timedelta(seconds=5), "ready_step": 2, "role": "participant"},
        {"last_seen": NOW - timedelta(minutes=5), "ready_step": 2, "role": "participant"},
        {"last_seen": None, "ready_step": 1, "role": "participant"},
        {"last_seen": NOW, "ready_step": 2, "role": "facilitator"},
    ]
    assert len(online(people, NOW, 30)) == 2
    assert ready_count(people, 2) == 2
