"""How long a source must wait before its next guess at a join code, a passcode or a rejoin code. Pure.

Each source (a client address) and each workshop keep a count of recent failures and the time of the
last one. A source has THROTTLE_FREE_ATTEMPTS free failures; after that it waits THROTTLE_BACKOFF_S
after its last failure, doubling with every further failure up to THROTTLE_BACKOFF_MAX_S (exponential
back-off). A source's count is forgotten THROTTLE_FORGET_S after its last failure.

A workshop is *flooded* when it saw THROTTLE_MAX_PER_WORKSHOP failures without a quiet spell of
THROTTLE_WINDOW_S. A flood slows only the sources that have failed themselves (their back-off starts at
their first failure instead of after the free ones); a source without failures is never held back by
others, so the facilitator's right passcode from a clean address still signs in during a flood.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from cvm_core import settings as s


@dataclass(frozen=True)
class Strikes:
    """Failures counted for one key (a source or a workshop) and when the last one happened."""

    failures: int = 0
    last: datetime | None = None

    def fresh(self, now: datetime, forget_s: float) -> Strikes:
        """The strikes that still count at `now` (none after a quiet spell of `forget_s`)."""
        if self.last is None or (now - self.last).total_seconds() > forget_s:
            return Strikes()
        return self

    def failed(self, now: datetime) -> Strikes:
        return Strikes(self.failures + 1, now)

    def passed(self) -> Strikes:
        """Take back the failure recorded for an attempt that turned out right."""
        return Strikes(max(self.failures - 1, 0), self.last)


def backoff_s(failures: int, free: int) -> float:
    """How long after its last failure a source with `failures` waits (0 while it has free tries)."""
    if failures < free:
        return 0.0
    return float(min(s.THROTTLE_BACKOFF_S * 2 ** min(failures - free, 32), s.THROTTLE_BACKOFF_MAX_S))


def flooded(workshop: Strikes, now: datetime) -> bool:
    return workshop.fresh(now, s.THROTTLE_WINDOW_S).failures >= s.THROTTLE_MAX_PER_WORKSHOP


def wait_s(sources: list[Strikes], workshop: Strikes | None, now: datetime) -> int:
    """Whole seconds to wait before the next try (0: go ahead)."""
    free = 1 if workshop is not None and flooded(workshop, now) else s.THROTTLE_FREE_ATTEMPTS
    longest = 0.0
    for source in sources:
        strikes = source.fresh(now, s.THROTTLE_FORGET_S)
        if strikes.last is None:
            continue
        due = strikes.last + timedelta(seconds=backoff_s(strikes.failures, free))
        longest = max(longest, (due - now).total_seconds())
    return math.ceil(longest) if longest > 0 else 0
