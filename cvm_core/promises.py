"""Step 5: promises to the customer, their metric, authority and negotiation, and their health.

A promise is negotiated draft → proposed → negotiating → agreed (or rejected). The step is done when every
agreed promise has a metric (a name and a target) and the authority it needs has been granted.
Health comes from the metric: `cvm_core.health` (met, at risk, broken, no data).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import UTC, datetime

from cvm_core import health as h
from cvm_core.completion import Completion, Missing, Snapshot
from cvm_core.rows import Row
from cvm_core.schema import PROMISE_STATUSES

AGREED = "agreed"


def has_metric(promise: Row) -> bool:
    """A metric both sides can check: a name and a target."""
    return bool((promise.get("metric_name") or "").strip()) and promise.get("metric_target") is not None


def health(promise: Row) -> str:
    """met / at_risk / broken / no_data from the promise's metric against its target."""
    if not has_metric(promise):
        return h.NO_DATA
    return h.of(promise)


def problems(promise: Row) -> list[str]:
    """What an agreed promise still lacks: "metric", "authority" (empty when it is complete)."""
    out = []
    if not has_metric(promise):
        out.append("metric")
    if not promise.get("authority_granted"):
        out.append("authority")
    return out


def by_status(promises: Iterable[Row]) -> dict[str, int]:
    """How many promises are in each negotiation status (every status present, in flow order)."""
    counts = Counter(p.get("status") or "draft" for p in promises)
    return {s: counts[s] for s in PROMISE_STATUSES}


def by_health(promises: Iterable[Row]) -> dict[str, int]:
    """How many agreed promises are met, at risk, broken or without data."""
    counts = Counter(health(p) for p in promises if p.get("status") == AGREED)
    return {s: counts[s] for s in h.HEALTHS}


def completion(data: Snapshot) -> Completion:
    """Every agreed promise has a metric and granted authority (at least one promise must be agreed)."""
    agreed = [p for p in data.get("promise", []) if p.get("status") == AGREED]
    if not agreed:
        return Completion(0, 1, (Missing("step5.missing.none_agreed"),))
    missing = []
    for p in agreed:
        for lack in problems(p):
            missing.append(Missing(f"step5.missing.no_{lack}", {"promise": p["text"]}))
    incomplete = sum(1 for p in agreed if problems(p))
    return Completion(len(agreed) - incomplete, len(agreed), tuple(missing))


def stamp_label(stamp: str | None) -> str:
    """A stored ISO time (UTC) as "2026-11-25 16:05 UTC"; empty when there is none."""
    if not stamp:
        return ""
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%d %H:%M UTC")
