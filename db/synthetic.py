"""The large synthetic workshop for benchmarks: deterministic for a seed, written through the services in
batches (one write transaction per kind of row), so it obeys the same validation as the UI."""

from __future__ import annotations

import random
from typing import Any

from sqlalchemy import Connection, Engine

from db import engine as dbe
from db import services, workshops
from db.services import Actor

PASSCODE = "demo-pass"  # the demo's, so every sample workshop opens with the same passcode
THROTTLE_KEYS = ["synthetic"]
PERIOD = "2026-Q3"

LARGE = {
    "department": 60,
    "customer": 20,
    "internal_customers": 5,
    "pains_per_customer": 5,
    "participant": 20,
    "value_factor": 40,
    "offering": 8,
    "promise": 60,
    "internal_promise": 400,
    "experiment": 200,
    "feedback": 100,
    "value_stream": 10,
}
LARGE_GAP_EVERY = 12  # one internal promise in 12 has no metric, one team in 24 no economics, ...
_AREAS = [
    "Sales",
    "Procurement",
    "Warehouse",
    "Logistics",
    "Service",
    "IT",
    "Finance",
    "Marketing",
    "Quality",
    "HR",
    "Legal",
    "Analytics",
]
_REGIONS = ["North", "South", "East", "West", "Central"]
_SEGMENTS = [
    "Restaurants",
    "Hotels",
    "Caterers",
    "Schools",
    "Hospitals",
    "Cafés",
    "Bakeries",
    "Retail shops",
    "Offices",
    "Airlines",
    "Canteens",
    "Food trucks",
    "Bars",
    "Fitness clubs",
    "Cinemas",
]
_FACTOR_NAMES = [
    "Price",
    "Delivery on time",
    "Order completeness",
    "Range",
    "Payment terms",
    "Service speed",
    "Quality documents",
    "Order cut-off",
    "Tracking",
    "Personal contact",
]
_PROBLEMS = [
    "late deliveries",
    "missing items",
    "wrong invoices",
    "slow answers",
    "price changes",
    "damaged goods",
    "unclear terms",
    "system outages",
]
_STAGE_NAMES = ["Research", "Design", "Proposition", "Development"]


def _batch(engine: Engine, actor: Actor, entity_name: str, rows: list[dict[str, Any]]) -> list[int]:
    """Create many rows of one kind in one write transaction, through the same validation; their ids."""

    def work(conn: Connection) -> list[int]:
        ctx = services.context(conn, actor)
        return [services.create_in(conn, ctx, entity_name, row)["id"] for row in rows]

    return dbe.write(engine, work)


def build_large(engine: Engine, seed: int = 7) -> int:
    """A deterministic synthetic workshop (English) for benchmarks; returns its id."""
    rng = random.Random(seed)
    workshop, fac = workshops.create_workshop(
        engine,
        data={"name": f"Large synthetic workshop {seed}", "organisation": "Benchmark Wholesale", "language": "en"},
        passcode=PASSCODE,
        facilitator_name="Facilitator",
    )
    n_dep = LARGE["department"]
    dep_names = [f"{area} {region}" for region in _REGIONS for area in _AREAS][:n_dep]
    deps = _batch(
        engine,
        fac,
        "department",
        [{"name": name, "description": f"{name}: services for the other teams and for clients."} for name in dep_names],
    )

    people: list[int] = []
    for i in range(LARGE["participant"]):
        actor = workshops.join(
            engine,
            code=workshop["join_code"],
            display_name=f"Participant {i + 1:02d}",
            new_department=dep_names[(i * 3) % n_dep],
            throttle_keys=THROTTLE_KEYS,
        )
        people.append(actor.participant_id)

    n_int = LARGE["internal_customers"]
    customer_rows = []
    for i, segment in enumerate(_SEGMENTS[: LARGE["customer"] - n_int]):
        size = rng.randint(20, 5000)
        customer_rows.append(
            {
                "name": segment,
                "kind": "external",
                "first_to_notice": f"The buyer at the {segment.lower()} client",
                "segment_size": size,
                "customer_value": rng.randint(10, 900) * 1000,
                "ltv": rng.randint(5, 400) * 1000,
                "description": f"Segment {i + 1}: {segment.lower()} buying every week.",
            }
        )
    for i in range(n_int):
        dep = (i * 11) % n_dep
        customer_rows.append(
            {
                "name": f"{dep_names[dep]} (internal client)",
                "kind": "internal",
                "department_id": deps[dep],
                "first_to_notice": f"The lead of {dep_names[dep]}",
            }
        )
    customers = _batch(engine, fac, "customer", customer_rows)
    n_cust = len(customers)
    links = []
    for i, dep in enumerate(deps):
        first = i % n_cust
        second = (first + 1 + rng.randrange(n_cust - 1)) % n_cust
        links += [{"customer_id": customers[c], "department_id": dep} for c in (first, second)]
    _batch(engine, fac, "customer_department", links)

    per = LARGE["pains_per_customer"]
    pain_rows = [
        {
            "customer_id": c,
            "text": f"Problem {k + 1} of {customer_rows[i]['name']}: {rng.choice(_PROBLEMS)}",
            "severity": rng.randint(1, 5),
            "frequency": rng.randint(1, 5),
            "author_id": rng.choice(people),
        }
        for i, c in enumerate(customers)
        for k in range(per)
    ]
    system = Actor.system(workshop["id"])  # keeps the authors given and records votes for anyone
    pains = _batch(engine, system, "pain", pain_rows)
    budget = workshop["dots_per_person"]
    vote_rows = []
    for person in people:
        left = rng.randint(3, budget)
        for pain in rng.sample(pains, 3):
            if left <= 0:
                break
            dots = rng.randint(1, left)
            vote_rows.append({"pain_id": pain, "participant_id": person, "dots": dots})
            left -= dots
    _batch(engine, system, "vote", vote_rows)

    factor_rows, factor_customer = [], []
    for i, c in enumerate(customers):
        for name in rng.sample(_FACTOR_NAMES, LARGE["value_factor"] // n_cust):
            factor_rows.append(
                {"customer_id": c, "name": name, "weight": rng.randint(1, 10), "high_is_good": name != "Price"}
            )
            factor_customer.append(i)
    factors = _batch(engine, fac, "value_factor", factor_rows)
    _batch(
        engine,
        fac,
        "factor_pain",
        [{"factor_id": f, "pain_id": pains[factor_customer[j] * per + j % per]} for j, f in enumerate(factors)],
    )

    kinds = ["ours"] + ["competitor"] * 5 + ["substitute"] * 2
    offering_rows = [
        {"name": "Benchmark Wholesale" if kind == "ours" else f"{kind.title()} {i}", "kind": kind}
        for i, kind in enumerate(kinds[: LARGE["offering"]])
    ]
    offerings = _batch(engine, fac, "offering", offering_rows)
    scores = [{"offering_id": o, "factor_id": f, "score": rng.randint(0, 10)} for o in offerings for f in factors]
    _batch(engine, fac, "canvas_score", scores)
    errc = []
    for f in factors:
        action = rng.choice(["eliminate", "reduce", "raise", "create"])
        errc.append(
            {"factor_id": f, "action": action, "target_score": 0 if action == "eliminate" else rng.randint(1, 10)}
        )
    _batch(engine, fac, "errc_action", errc)

    statuses = ["agreed"] * 6 + ["negotiating", "proposed", "draft", "rejected"]
    promise_rows = []
    for k in range(LARGE["promise"]):
        j = k % len(factors)
        agreed = (status := rng.choice(statuses)) == "agreed"
        promise_rows.append(
            {
                "customer_id": customers[factor_customer[j]],
                "factor_id": factors[j],
                "owner_department_id": rng.choice(deps),
                "text": f"Promise {k + 1}: {factor_rows[j]['name'].lower()} as agreed",
                "metric_name": f"Metric {k + 1}",
                "metric_unit": "%",
                "metric_direction": rng.choice(["higher", "lower"]),
                "metric_target": rng.randint(50, 100),
                "metric_current": rng.randint(40, 100),
                "authority_needed": "Decide without approval",
                "authority_granted": agreed,
                "status": status,
            }
        )
    promises = _batch(engine, fac, "promise", promise_rows)

    internal_rows = []
    for k in range(LARGE["internal_promise"]):
        supplier, client = rng.sample(deps, 2)
        measured = k % LARGE_GAP_EVERY != LARGE_GAP_EVERY - 1  # a few promises nobody measures yet: gaps
        internal_rows.append(
            {
                "supplier_department_id": supplier,
                "client_department_id": client,
                "text": f"Internal service {k + 1}",
                "service_description": f"Service {k + 1} delivered every week",
                "metric_name": "Service level" if measured else "",
                "metric_unit": "%",
                "metric_target": 95 if measured else None,
                "metric_current": rng.randint(70, 100),
                "price_amount": rng.randint(1, 200) * 100,
                "price_unit": rng.choice(["money", "hours"]),
                "price_period": rng.choice(["month", "quarter", "year"]),
            }
        )
    internals = _batch(engine, fac, "internal_promise", internal_rows)
    # Each internal promise supports one parent: first every external promise (but a few agreed ones, left
    # unbacked: gaps), then an external promise or an earlier internal promise, so the tree never cycles.
    agreed = [k for k, row in enumerate(promise_rows) if row["status"] == "agreed"]
    unbacked = set(agreed[2 :: LARGE_GAP_EVERY // 2])
    backed = [p for k, p in enumerate(promises) if k not in unbacked]
    support_rows = []
    for k, ip in enumerate(internals):
        if k < len(promises):
            parent = promises[k] if k not in unbacked else backed[k % len(backed)]
            support_rows.append({"internal_promise_id": ip, "parent_promise_id": parent})
        elif rng.random() < 0.5:
            support_rows.append({"internal_promise_id": ip, "parent_promise_id": rng.choice(backed)})
        else:
            support_rows.append({"internal_promise_id": ip, "parent_internal_id": internals[rng.randrange(k)]})
    _batch(engine, fac, "promise_support", support_rows)

    members = []
    for i, dep in enumerate(deps):
        share = rng.choice([50, 60, 70])
        members += [
            {"department_id": dep, "name": f"Lead {i + 1}", "role": "Team lead", "bonus_share": share},
            {"department_id": dep, "name": f"Member {i + 1}", "role": "Specialist", "bonus_share": 100 - share},
        ]
    _batch(engine, fac, "team_member", members)
    _batch(
        engine,
        fac,
        "communication_rule",
        [
            {"what": "Daily check", "cadence": "Daily", "channel": "Chat", "decision_rule": "Owner decides"},
            {"what": "Monthly review", "cadence": "Monthly", "channel": "Meeting", "decision_rule": "Consent"},
        ],
    )

    economics = []
    for i, dep in enumerate(deps):
        revenue = rng.randint(0, 500) * 1000
        if i % (2 * LARGE_GAP_EVERY) == 2 * LARGE_GAP_EVERY - 1:
            continue  # a team without numbers yet: a gap
        economics.append(
            {
                "department_id": dep,
                "period": PERIOD,
                "success_metric_name": "Promises met, %",
                "success_target": 95,
                "success_actual": rng.randint(60, 100),
                "revenue_external": revenue,
                "direct_costs": rng.randint(0, 300) * 1000,
                "other_costs": rng.randint(0, 100) * 1000,
                "growth_target_pct": rng.randint(0, 20),
                "growth_actual_pct": rng.randint(-10, 25),
            }
        )
    _batch(engine, fac, "economics", economics)
    plans = []
    for i, dep in enumerate(deps):
        variant = i % 4 + 1
        plan: dict[str, Any] = {"department_id": dep, "variant": variant, "share_pct": 20}
        if variant == 2:
            plan["baseline_profit"] = rng.randint(0, 100) * 1000
        if variant == 3:
            plan |= {"company_profit": 5_000_000, "team_weight": rng.randint(1, 10)}
        plans.append(plan)
    _batch(engine, fac, "motivation_plan", plans)

    experiments = []
    for k in range(LARGE["experiment"]):
        status = rng.choice(["planned", "running", "closed"])
        row = {
            "department_id": deps[k % n_dep],
            "title": f"Experiment {k + 1}",
            "believe": "Clients will order more if we fix this",
            "verify": "Run a pilot with a few clients",
            "measure": "Orders per week",
            "right_if": "Orders grow by 10 %",
            "cost": rng.randint(0, 50) * 100,
            "duration_days": rng.randint(7, 90),
            "status": status,
        }
        if status == "closed":
            row |= {
                "observed": "Orders changed",
                "learned": "Clients care",
                "decision": rng.choice(["persevere", "pivot", "stop", "keep_testing"]),
            }
        experiments.append(row)
    _batch(engine, fac, "experiment", experiments)

    round_id = _batch(engine, fac, "feedback_round", [{"name": "Round 1"}])[0]
    pairs: dict[tuple[int, int], None] = {}  # distinct (client, supplier), in the order drawn
    while len(pairs) < LARGE["feedback"]:
        client, supplier = rng.sample(deps, 2)
        pairs[(client, supplier)] = None
    _batch(
        engine,
        fac,
        "feedback",
        [
            {
                "round_id": round_id,
                "client_department_id": client,
                "supplier_department_id": supplier,
                "score": rng.randint(1, 10),
                "comment": "Works, could be faster",
            }
            for client, supplier in pairs
        ],
    )

    streams = _batch(
        engine,
        fac,
        "value_stream",
        [
            {"customer_id": customers[i], "name": f"Value stream {i + 1}", "leader": f"Leader {i + 1}"}
            for i in range(LARGE["value_stream"])
        ],
    )
    stages = _batch(
        engine,
        fac,
        "value_stream_stage",
        [{"stream_id": s, "name": name, "position": p} for s in streams for p, name in enumerate(_STAGE_NAMES)],
    )
    _batch(
        engine,
        fac,
        "stage_department",
        [{"stage_id": st, "department_id": d} for st in stages for d in rng.sample(deps, rng.randint(1, 3))],
    )
    return workshop["id"]
