"""The workshop's progress over the nine steps: each step's criterion, what is missing, and the status
the facilitator set."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from cvm_core import completion as c
from cvm_core.settings import STEP_COUNT


@dataclass(frozen=True)
class StepState:
    step: int
    result: c.Completion | None  # None when the step's check is not available yet
    status: str  # the facilitator's status: not_started, in_progress or done
    locked: bool

    @property
    def available(self) -> bool:
        return self.result is not None

    @property
    def agrees(self) -> bool:
        """Whether the facilitator's "done" and the criterion tell the same story."""
        return self.result is None or (self.status == "done") == self.result.done


def check(step: int, data: c.Snapshot) -> c.Completion | None:
    """The step's completion, or None when the module that checks it is not there (yet)."""
    try:
        return c.check(step, data)
    except (ImportError, AttributeError):
        return None


def overview(data: c.Snapshot, results: Mapping[int, c.Completion | None] | None = None) -> list[StepState]:
    """Every step in order with its completion (`results`: the steps' checks, when already made) and the
    facilitator's status."""
    statuses = {row["step"]: row for row in data.get("step_progress", [])}
    out = []
    for step in range(1, STEP_COUNT + 1):
        row = statuses.get(step, {})
        result = results[step] if results is not None else check(step, data)
        out.append(StepState(step, result, row.get("status") or "not_started", bool(row.get("locked"))))
    return out


def overall(states: list[StepState]) -> float:
    """The mean completion over the steps whose check is available (0 when none is)."""
    available = [s.result.fraction for s in states if s.result is not None]
    return sum(available) / len(available) if available else 0.0
