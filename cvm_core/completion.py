"""Whether a step is done, and what is still missing, computed from plain rows."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

Row = Mapping[str, Any]


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
