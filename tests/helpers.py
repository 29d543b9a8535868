"""Short spellings of the write services for arranging a test (and a benchmark): the same doors, fewer lines."""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine

from db import services, workshops
from db.demo import build_demo
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


def sign_in_vouched(engine: Engine, code: str, name: str, email: str, key: str) -> Actor:
    """Facilitator sign-in for an e-mail the identity provider vouched for, where @corp.example facilitates."""
    rules = ["@corp.example"]
    return workshops.sign_in_trusted(
        engine, code=code, display_name=name, email=email, rules=rules, throttle_keys=[key]
    )


def race(attempt: Callable[[], object], times: int, refused: type[Exception]) -> list[object]:
    """Run `attempt` in `times` threads at once: what each returned, or the `refused` error it raised."""
    results: list[object] = []

    def run() -> None:
        try:
            results.append(attempt())
        except refused as exc:
            results.append(exc)

    threads = [threading.Thread(target=run) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def person(engine: Engine, workshop_id: int, role: str = "facilitator") -> Actor:
    """The workshop's first participant with `role`, acting."""
    found = next(p for p in workshops.participants(engine, workshop_id=workshop_id) if p["role"] == role)
    return Actor(workshop_id, found["id"], found["display_name"])


def demo_facilitator(engine: Engine, lang: str = "en") -> Actor:
    """The facilitator of a fresh demo workshop in `lang`."""
    return person(engine, build_demo(engine, lang))


def by_code(engine: Engine, code: str) -> tuple[dict, Actor]:
    """The workshop with this join code, and its facilitator acting."""
    info = next(w for w in workshops.all_workshops(engine) if w["join_code"] == code)
    return info, person(engine, info["id"])


def settings(engine: Engine, actor: Actor, **changes: Any) -> dict[str, Any]:
    """`workshops.update_settings` over whatever version is stored."""
    return workshops.update_settings(engine, actor=actor, version=None, changes=changes)


def join(engine: Engine, info: dict, name: str, **options: Any) -> Actor:
    """`name` joins the workshop `info` by its code (a throttle key of their own), with `options` such as
    `new_department`."""
    code, key = info["join_code"], secrets.token_hex(4)
    return workshops.join(engine, code=code, display_name=name, throttle_keys=[key], **options)
