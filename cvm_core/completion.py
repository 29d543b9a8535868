"""Whether a step is done, and what is still missing, computed from plain rows."""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from cvm_core.rows import Row, Snapshot


@dataclass(frozen=True)
class Missing:
    key: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Completion:
    done_count: int
    total: int
    missing: tuple[Missing, ...] = ()

    @property
    def done(self) -> bool:
        return self.total > 0 and not self.missing

    @property
    def fraction(self) -> float:
        return self.done_count / self.total if self.total else 0.0


def customers(departments: Iterable[Row], customers: Iterable[Row], served: Iterable[Row]) -> Completion:
    """Step 1: every department that takes part has at least one customer it serves."""
    live = {c["id"] for c in customers}
    serving = {link["department_id"] for link in served if link["customer_id"] in live}
    taking_part = [d for d in departments if d.get("takes_part", True)]
    if not taking_part:
        return Completion(0, 1, (Missing("step1.missing.no_departments"),))
    missing = tuple(
        Missing("step1.missing.no_customer", {"department": d["name"]}) for d in taking_part if d["id"] not in serving
    )
    return Completion(len(taking_part) - len(missing), len(taking_part), missing)


# Where each step's check lives: a module of cvm_core with `completion(data: Snapshot) -> Completion`.
STEP_MODULES = {
    2: "cvm_core.pains",
    3: "cvm_core.value",
    4: "cvm_core.canvas",
    5: "cvm_core.promises",
    6: "cvm_core.tree",
    7: "cvm_core.economics",
    8: "cvm_core.motivation",
    9: "cvm_core.experiments",
}


def step1(data: Snapshot) -> Completion:
    return customers(data.get("department", []), data.get("customer", []), data.get("customer_department", []))


def check(step: int, data: Snapshot) -> Completion:
    """The completion of `step` for a workshop snapshot (every live row by entity name)."""
    if step == 1:
        return step1(data)
    module = importlib.import_module(STEP_MODULES[step])
    return module.completion(data)
