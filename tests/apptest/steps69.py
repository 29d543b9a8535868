"""Helpers for the AppTests of steps 6–9: widgets found by label, a small workshop with promises."""

from __future__ import annotations

from typing import Any

from tests.helpers import create


def widget(at: Any, kind: str, label: str) -> Any:
    """The first widget of `kind` (e.g. "selectbox") whose label is `label`."""
    return next(w for w in getattr(at, kind) if w.label == label)


def small_workshop(engine: Any, fay: Any) -> dict[str, int]:
    """Two departments, a customer and one agreed customer promise owned by Sales."""
    ids = {n: create(engine, fay, "department", name=n)["id"] for n in ("Sales", "IT")}
    customer = create(engine, fay, "customer", name="Shops")["id"]
    promise = {
        "customer_id": customer,
        "owner_department_id": ids["Sales"],
        "text": "Next-day delivery",
        "status": "agreed",
        "metric_target": 95,
        "metric_current": 97,
    }
    ids["promise"] = create(engine, fay, "promise", **promise)["id"]
    return ids
