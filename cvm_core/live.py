"""The live room in pure Python: the countdown, who is online, who is ready."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any

from cvm_core.policy import runs_room

RUNNING, PAUSED, STOPPED = "running", "paused", "stopped"
ROUND_KINDS = ("voting", "brainstorm")  # what a short round is for: its label on every screen


def timer_state(timer_end: datetime | None, remaining_s: int | None) -> str:
    """Running while an end time is stored, paused while only the remaining seconds are."""
    if timer_end is not None:
        return RUNNING
    return PAUSED if remaining_s is not None else STOPPED


def seconds_left(timer_end: datetime | None, remaining_s: int | None, now: datetime) -> int | None:
    """Seconds to the end (negative once over time); None when no timer is set.

    The end time is stored on the server, so every browser shows the same countdown whatever its clock.
    """
    if timer_end is not None:
        return int((timer_end - now).total_seconds() // 1)
    return remaining_s


def clock(seconds: int | None) -> str:
    """`mm:ss` (or `h:mm:ss`), with a minus sign when over time."""
    if seconds is None:
        return "--:--"
    sign, seconds = ("-", -seconds) if seconds < 0 else ("", seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{sign}{hours}:{minutes:02d}:{secs:02d}" if hours else f"{sign}{minutes:02d}:{secs:02d}"


def over_by(seconds: int) -> str:
    """How far past zero a clock is, as `m:ss` (minutes unpadded): "over time by 1:05"."""
    minutes, secs = divmod(abs(seconds), 60)
    return f"{minutes}:{secs:02d}"


def round_left(round_end: datetime | None, now: datetime, linger_s: int) -> int | None:
    """Seconds to the end of a short round (negative once over); None when there is none, or it ended
    more than `linger_s` seconds ago (a finished round leaves the screens by itself)."""
    if round_end is None:
        return None
    left = int((round_end - now).total_seconds() // 1)
    return left if left >= -linger_s else None


def after_start(now: datetime, minutes: float, remaining_s: int | None) -> datetime:
    """The end time when the timer starts: resume what was paused, else run `minutes`."""
    seconds = remaining_s if remaining_s is not None else int(minutes * 60)
    return now + timedelta(seconds=seconds)


def online(participants: Iterable[Mapping[str, Any]], now: datetime, window_s: int) -> list[Mapping[str, Any]]:
    """Participants seen within the last `window_s` seconds."""
    since = now - timedelta(seconds=window_s)
    return [p for p in participants if p.get("last_seen") is not None and p["last_seen"] >= since]


def ready_count(participants: Iterable[Mapping[str, Any]], step: int) -> int:
    """How many people in the room (not those who run it) said they are ready to move on from `step`."""
    return sum(1 for p in participants if p.get("ready_step") == step and not runs_room(p.get("role")))
