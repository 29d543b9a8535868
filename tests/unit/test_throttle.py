"""The throttle's rules: free tries, exponential back-off, forgetting, and a flood that slows only failed sources."""

from datetime import UTC, datetime, timedelta

from cvm_core import settings as s
from cvm_core.throttle import Strikes, backoff_s, flooded, wait_s

NOW = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)


def ago(seconds: float) -> datetime:
    return NOW - timedelta(seconds=seconds)


def test_free_tries_then_a_doubling_wait() -> None:
    free = s.THROTTLE_FREE_ATTEMPTS
    assert [backoff_s(n, free) for n in range(free)] == [0.0] * free
    waits = [backoff_s(free + k, free) for k in range(4)]
    assert waits == [s.THROTTLE_BACKOFF_S * 2**k for k in range(4)]
    assert backoff_s(free + 200, free) == s.THROTTLE_BACKOFF_MAX_S


def test_a_source_waits_from_its_last_failure() -> None:
    source = Strikes(s.THROTTLE_FREE_ATTEMPTS, ago(5))
    assert wait_s([source], None, NOW) == s.THROTTLE_BACKOFF_S - 5
    assert wait_s([Strikes(s.THROTTLE_FREE_ATTEMPTS, ago(s.THROTTLE_BACKOFF_S))], None, NOW) == 0
    assert wait_s([Strikes(s.THROTTLE_FREE_ATTEMPTS - 1, ago(0))], None, NOW) == 0


def test_the_longest_wait_of_several_keys_counts() -> None:
    short, long = Strikes(s.THROTTLE_FREE_ATTEMPTS, ago(0)), Strikes(s.THROTTLE_FREE_ATTEMPTS + 2, ago(0))
    assert wait_s([short, long], None, NOW) == 4 * s.THROTTLE_BACKOFF_S


def test_failures_are_forgotten_after_a_quiet_spell() -> None:
    old = Strikes(50, ago(s.THROTTLE_FORGET_S + 1))
    assert old.fresh(NOW, s.THROTTLE_FORGET_S) == Strikes()
    assert wait_s([old], None, NOW) == 0


def test_a_flood_slows_failed_sources_and_never_clean_ones() -> None:
    flood = Strikes(s.THROTTLE_MAX_PER_WORKSHOP, ago(1))
    assert flooded(flood, NOW) and not flooded(Strikes(s.THROTTLE_MAX_PER_WORKSHOP - 1, ago(1)), NOW)
    assert not flooded(Strikes(1000, ago(s.THROTTLE_WINDOW_S + 1)), NOW)
    assert wait_s([Strikes()], flood, NOW) == 0
    assert wait_s([Strikes(1, ago(1))], flood, NOW) == s.THROTTLE_BACKOFF_S - 1
    assert wait_s([Strikes(1, ago(1))], Strikes(), NOW) == 0


def test_a_right_answer_takes_its_failure_back() -> None:
    assert Strikes(3, ago(1)).failed(NOW).passed() == Strikes(3, NOW)
    assert Strikes().passed() == Strikes()
