"""The end of a timebox: "over time by m:ss" and the short round's seconds left (gone a while after its end)."""

from datetime import UTC, datetime, timedelta

from cvm_core.live import over_by, round_left

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)


def test_over_by_is_minutes_and_seconds_past_zero() -> None:
    assert over_by(-5) == "0:05"
    assert over_by(-65) == "1:05"
    assert over_by(-3600) == "60:00"
    assert over_by(0) == "0:00"


def test_a_round_counts_down_then_lingers_then_goes() -> None:
    assert round_left(None, NOW, 60) is None
    assert round_left(NOW + timedelta(seconds=90), NOW, 60) == 90
    assert round_left(NOW - timedelta(seconds=30), NOW, 60) == -30
    assert round_left(NOW - timedelta(seconds=60), NOW, 60) == -60
    assert round_left(NOW - timedelta(seconds=61), NOW, 60) is None
