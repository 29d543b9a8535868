"""Helpers for the AppTests of steps 6–9: widgets found by label, a small workshop with promises."""

from __future__ import annotations

from typing import Any

from db import services


def widget(at: Any, kind: str, label: str) -> Any:
    """The first widget of `kind` (e.g. "selectbox") whose label is `label`."""
    return next(w for w in getattr(at, kind) if w.label == label)


def small_workshop(engine: Any, fay: Any) -> dict[str, int]:
    """Two departments, a customer and one agreed customer promise owned by Sales."""
    ids = {
        n: services.create(engine, actor=fay, entity_name="department", data={"name": n})["id"] for n in ("Sales", "IT")
    }
    customer = services.create(engine, actor=fay, entity_name="customer", data={"name": "Shops"})["id"]
    promise = {
        "customer_id": customer,
        "owner_department_id": ids["Sales"],
        "text": "Next-day delivery",
        "status": "agreed",
        "metric_target": 95,
        "metric_current": 97,
    }
    ids["promise"] = services.create(engine, actor=fay, entity_name="promise", data=promise)["id"]
    return ids
