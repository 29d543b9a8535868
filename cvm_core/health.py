"""A promise's health from its metric: met, at risk, broken, or no data."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

MET, AT_RISK, BROKEN, NO_DATA = "met", "at_risk", "broken", "no_data"
HEALTHS = (MET, AT_RISK, BROKEN, NO_DATA)
AT_RISK_MARGIN = 0.10  # within 10 % of the target (of its size) is "at risk", further is "broken"


def health(direction: str, target: float | None, current: float | None) -> str:
    """Compare `current` with `target`; `direction` says whether higher or lower is better."""
    if target is None or current is None:
        return NO_DATA
    shortfall = (target - current) if direction != "lower" else (current - target)
    if shortfall <= 0:
        return MET
    margin = abs(target) * AT_RISK_MARGIN if target else AT_RISK_MARGIN
    return AT_RISK if shortfall <= margin else BROKEN


def of(promise: Mapping[str, Any]) -> str:
    """Health of a promise row (external or internal) with metric_* fields."""
    return health(
        promise.get("metric_direction") or "higher", promise.get("metric_target"), promise.get("metric_current")
    )
