"""Short spellings of the write services for arranging a test (and a benchmark): the same doors, fewer lines."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine

from db import services
from db.services import Actor


def create(engine: Engine, actor: Actor, entity_name: str, **data: Any) -> dict[str, Any]:
    """`services.create` with the row's fields as keywords."""
    return services.create(engine, actor=actor, entity_name=entity_name, data=data)


def update(
    engine: Engine, actor: Actor, entity_name: str, row_id: int, *, version: int | None = None, **changes: Any
) -> dict[str, Any]:
    """`services.update_row` with the changes as keywords; no version overwrites whatever is there."""
    return services.update_row(
        engine, actor=actor, entity_name=entity_name, row_id=row_id, version=version, changes=changes
    )


def agreed_promise(engine: Engine, actor: Actor, customer_id: int, text: str, current: float, **data: Any) -> dict:
    """An agreed promise to the customer, measured in % against a target of 95 and standing at `current`."""
    promise = {"metric_name": "%", "metric_target": 95, "metric_current": current, "status": "agreed"}
    return create(engine, actor, "promise", customer_id=customer_id, text=text, **promise, **data)
