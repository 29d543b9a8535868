"""The department network at 200 departments and 1,000 internal promises: building the graph (nodes,
edges, health, sizes, cycles, impact closure, layout, a highlighted impact path) from plain data, and the
network page's AppTest rerun on a workshop of that size against the empty-page floor, in the same run.

The workshop for the page is the same synthetic network written into a fresh SQLite file through the
services (`write`: create_in in batches of one transaction), not db.synthetic.build_large (60 departments)."""

from __future__ import annotations

import random
from typing import Any

from sqlalchemy import Connection, Engine

from bench.common import (
    cold_rerun_ms,
    empty_page_floor_ms,
    fresh_sqlite,
    median_ms,
    p95_ms,
    page_rerun_ms,
    row,
    timings,
)
from cvm_core import graph as g
from db import engine as dbe
from db import services
from db.services import Actor
from db.workshops import create_workshop
from ui import registry

DEPARTMENTS, INTERNAL, CUSTOMERS, PROMISES = 200, 1000, 20, 60
RUNS = 30
BUILD_GOAL_MS, RERUN_GOAL_RATIO = 50.0, 10.0
Rows = dict[str, list[dict[str, Any]]]


def synthetic(departments: int = DEPARTMENTS, internal: int = INTERNAL, seed: int = 7) -> Rows:
    """A workshop snapshot as plain rows (ids from 1): departments, customers, promises to them, internal
    promises between random pairs, each supporting one promise above it (the tree never cycles), value
    streams and feedback."""
    rng = random.Random(seed)
    deps = list(range(1, departments + 1))
    data: Rows = {
        "department": [{"id": d, "name": f"Department {d:03d}", "description": "", "takes_part": True} for d in deps],
        "customer": [
            {"id": c, "name": f"Segment {c}", "kind": "external", "customer_value": 1e6, "ltv": 3e5}
            for c in range(1, CUSTOMERS + 1)
        ],
    }
    data["promise"] = [
        {
            "id": p,
            "customer_id": 1 + (p - 1) % CUSTOMERS,
            "owner_department_id": rng.choice(deps),
            "text": f"Promise {p}",
            "metric_name": "Level",
            "metric_unit": "%",
            "metric_direction": "higher",
            "metric_target": 95,
            "metric_current": rng.choice([None, *range(80, 101)]),
            "status": "agreed",
        }
        for p in range(1, PROMISES + 1)
    ]
    data["internal_promise"] = []
    for k in range(1, internal + 1):
        supplier, client = rng.sample(deps, 2)
        data["internal_promise"].append(
            {
                "id": k,
                "supplier_department_id": supplier,
                "client_department_id": client,
                "text": f"Internal service {k}",
                "metric_name": "Service level",
                "metric_unit": "%",
                "metric_direction": "higher",
                "metric_target": 95,
                "metric_current": rng.choice([None, *range(80, 101)]),
                "price_amount": rng.randint(1, 50) * 100,
                "price_unit": rng.choice(["money", "hours"]),
                "price_period": rng.choice(["month", "quarter", "year"]),
            }
        )
    data["promise_support"] = []
    for k in range(1, internal + 1):
        link: dict[str, Any] = {
            "id": k,
            "internal_promise_id": k,
            "parent_promise_id": None,
            "parent_internal_id": None,
        }
        if k <= PROMISES or k == 1 or rng.random() < 0.4:
            link["parent_promise_id"] = k if k <= PROMISES else rng.randint(1, PROMISES)
        else:
            link["parent_internal_id"] = rng.randint(1, k - 1)
        data["promise_support"].append(link)
    data["value_stream"] = [
        {"id": s, "customer_id": s, "name": f"Stream {s}", "leader": f"Leader {s}"} for s in range(1, 11)
    ]
    data["value_stream_stage"] = [
        {"id": (s - 1) * 4 + p + 1, "stream_id": s, "name": name, "position": p}
        for s in range(1, 11)
        for p, name in enumerate(["Research", "Design", "Proposition", "Development"])
    ]
    data["stage_department"] = [
        {"id": k + 1, "stage_id": stage, "department_id": d}
        for k, (stage, d) in enumerate((st, d) for st in range(1, 41) for d in rng.sample(deps, 3))
    ]
    pairs = {(c, s) for c, s in (rng.sample(deps, 2) for _ in range(300))}
    data["feedback_round"] = [{"id": 1, "name": "Round 1"}]
    data["feedback"] = [
        {
            "id": k + 1,
            "round_id": 1,
            "client_department_id": c,
            "supplier_department_id": s,
            "score": rng.randint(1, 10),
        }
        for k, (c, s) in enumerate(sorted(pairs))
    ]
    return data


_ORDER = (
    ("department", ()),
    ("customer", ()),
    ("promise", (("customer_id", "customer"), ("owner_department_id", "department"))),
    ("internal_promise", (("supplier_department_id", "department"), ("client_department_id", "department"))),
    ("promise_support", (("internal_promise_id", "internal_promise"), ("parent_promise_id", "promise"))),
    ("value_stream", (("customer_id", "customer"),)),
    ("value_stream_stage", (("stream_id", "value_stream"),)),
    ("stage_department", (("stage_id", "value_stream_stage"), ("department_id", "department"))),
    ("feedback_round", ()),
    (
        "feedback",
        (
            ("round_id", "feedback_round"),
            ("client_department_id", "department"),
            ("supplier_department_id", "department"),
        ),
    ),
)
BATCH = 250


def write(engine: Engine, data: Rows, name: str = "Synthetic network") -> tuple[int, Actor]:
    """Write a `synthetic` snapshot into a new workshop through the services (validated, audited), in
    batches of one transaction each; returns the workshop id and its facilitator."""
    info, fac = create_workshop(
        engine, data={"name": name, "language": "en"}, passcode="bench-pass", facilitator_name="Fay"
    )
    ids: dict[str, dict[int, int]] = {}
    for entity, refs in _ORDER:
        ids[entity] = {}
        rows = data.get(entity, [])
        for start in range(0, len(rows), BATCH):
            chunk = rows[start : start + BATCH]

            def work(conn: Connection, chunk: list[dict[str, Any]] = chunk, entity: str = entity, refs=refs) -> None:
                ctx = services.context(conn, fac)
                for r in chunk:
                    clean = {k: v for k, v in r.items() if k != "id"}
                    for field, target in refs:
                        if clean.get(field) is not None:
                            clean[field] = ids[target][clean[field]]
                    if entity == "promise_support" and clean.get("parent_internal_id") is not None:
                        clean["parent_internal_id"] = ids["internal_promise"][clean["parent_internal_id"]]
                    ids[entity][r["id"]] = services.create_in(conn, ctx, entity, clean)["id"]

            dbe.write(engine, work)
    return info["id"], fac


def build_once(data: Rows) -> None:
    net = g.network(data, "en")
    g.view(net, None, "d1")


def main() -> None:
    data = synthetic()
    build = timings(lambda: build_once(data), RUNS, warmup=3)
    built = median_ms(build)
    net = g.network(data, "en")
    print(
        f"synthetic network: {DEPARTMENTS} departments, {INTERNAL} internal promises, {PROMISES} customer "
        f"promises; {len(net.cycles)} loop group(s), largest {max((len(c.members) for c in net.cycles), default=0)}"
    )
    print(row(f"graph build + view with impact path (median of {RUNS})", built))
    print(
        f"    p95 {p95_ms(build):.1f} ms   goal <= {BUILD_GOAL_MS:.0f} ms median: {'met' if built <= BUILD_GOAL_MS else 'MISSED'}"
    )

    url, engine = fresh_sqlite("graph.db")
    _, actor = write(engine, data)
    floor = empty_page_floor_ms()
    rerun = page_rerun_ms(registry.page("network").path, url, actor)
    print(row("floor: empty Streamlit page rerun (AppTest)", floor))
    print(row("network page rerun, 200 departments (AppTest)", rerun, floor))
    ratio = rerun / floor
    print(f"    goal <= {RERUN_GOAL_RATIO:.0f}x the floor: {'met' if ratio <= RERUN_GOAL_RATIO else 'MISSED'}")
    cold_floor, cold = cold_rerun_ms(
        registry.page("network").path, url, actor, engine, "department", lambda n: {"description": f"changed {n}"}, 20
    )
    print(row(f"network page, cold: rerun after a change, interleaved ({cold_floor:.3f} ms)", cold, cold_floor))
    print("    (the page keeps the built network while its rows are unchanged; cold = reread and rebuild)")
