"""Thirty participants saving at once: nothing accepted is lost, nothing refused is half-written."""

from __future__ import annotations

import random
import threading
from collections import Counter
from dataclasses import dataclass, field

import pytest

from cvm_core.errors import BudgetExceeded, ConflictError, DomainError
from db import read, workshops
from tests.helpers import create, settings, update

THREADS, SAVES, DOTS, SHARED = 30, 50, 5, 8


@dataclass
class Outcome:
    created: list[int] = field(default_factory=list)
    edits: Counter = field(default_factory=Counter)  # shared factor id -> accepted edits
    refused: Counter = field(default_factory=Counter)  # error type -> count
    unexpected: list[BaseException] = field(default_factory=list)


def participant_run(
    engine, actor, shared: list[int], factors: list[int], seed: int, outcome: Outcome, start: threading.Barrier
) -> None:
    rng = random.Random(seed)
    customer_id = read.row(engine, workshop_id=actor.workshop_id, entity_name="pain", row_id=shared[0])["customer_id"]
    start.wait()
    for n in range(SAVES):
        kind = rng.choice(["pain", "vote", "edit", "edit"])
        try:
            if kind == "pain":
                row = create(
                    engine,
                    actor,
                    "pain",
                    customer_id=customer_id,
                    text=f"{actor.name} pain {n}",
                    severity=rng.randint(1, 5),
                )
                outcome.created.append(row["id"])
            elif kind == "vote":
                create(engine, actor, "vote", pain_id=rng.choice(shared), participant_id=actor.participant_id, dots=1)
            else:  # everyone edits the shared value factors (pains are their authors' own)
                factor_id = rng.choice(factors)
                seen = read.row(engine, workshop_id=actor.workshop_id, entity_name="value_factor", row_id=factor_id)
                update(
                    engine, actor, "value_factor", factor_id, version=seen["version"], weight=1 + (seen["weight"] % 10)
                )
                outcome.edits[factor_id] += 1
        except (ConflictError, BudgetExceeded) as exc:
            outcome.refused[type(exc).__name__] += 1
        except DomainError as exc:
            if kind == "vote" and exc.errors[0].key == "errors.duplicate":  # a second vote on the same pain
                outcome.refused["duplicate vote"] += 1
            else:
                outcome.unexpected.append(exc)
        except BaseException as exc:  # noqa: BLE001  (anything else is a failure of the test)
            outcome.unexpected.append(exc)


@pytest.mark.slow
def test_thirty_participants_saving_at_once(engine) -> None:
    info, fay = workshops.create_workshop(
        engine, data={"name": "Busy room"}, passcode="busy-pass", facilitator_name="Fay"
    )
    settings(engine, fay, voting_open=True, dots_per_person=DOTS)
    customer = create(engine, fay, "customer", name="Shops")
    shared = [create(engine, fay, "pain", customer_id=customer["id"], text=f"Shared {i}")["id"] for i in range(SHARED)]
    factors = [
        create(engine, fay, "value_factor", customer_id=customer["id"], name=f"F{i}")["id"] for i in range(SHARED)
    ]
    people = [
        workshops.join(engine, code=info["join_code"], display_name=f"P{i:02d}", throttle_keys=[f"c{i}"])
        for i in range(THREADS)
    ]
    outcome = Outcome()
    start = threading.Barrier(THREADS)
    threads = [
        threading.Thread(target=participant_run, args=(engine, p, shared, factors, i, outcome, start))
        for i, p in enumerate(people)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert outcome.unexpected == []
    stored = {p["id"]: p for p in read.rows(engine, workshop_id=info["id"], entity_name="pain")}
    assert set(outcome.created) <= set(stored)  # every accepted new pain is there
    assert len(stored) == SHARED + len(outcome.created)
    factor_rows = {f["id"]: f for f in read.rows(engine, workshop_id=info["id"], entity_name="value_factor")}
    for factor_id in factors:  # no lost update: each accepted edit bumped the version exactly once
        assert factor_rows[factor_id]["version"] == 1 + outcome.edits[factor_id]
    votes = read.rows(engine, workshop_id=info["id"], entity_name="vote")
    spent = Counter()
    for vote in votes:
        spent[vote["participant_id"]] += vote["dots"]
    assert spent and max(spent.values()) <= DOTS
    assert sum(outcome.edits.values()) > 0 and outcome.refused["ConflictError"] > 0
