"""Random small workshops as plain snapshots, for property tests of the thread and money at risk: departments,
customers (with sizes, values, LTVs), factors, pains and votes, promises with metrics and shares, internal
promises with prices supporting promises above them (the tree never cycles), economics and plans."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

PERIOD = "2026-Q3"
HEALTHS = ((95.0, 99.0), (95.0, 90.0), (95.0, 50.0), (None, None))  # target, current: met, at risk, broken, no data
Rows = dict[str, list[dict[str, Any]]]


def _metric(draw: st.DrawFn) -> dict[str, Any]:
    target, current = draw(st.sampled_from(HEALTHS))
    return {
        "metric_name": "Level" if target is not None else "",
        "metric_unit": "%",
        "metric_direction": "higher",
        "metric_target": target,
        "metric_current": current,
    }


money = st.one_of(st.none(), st.integers(0, 500_000).map(float))


@st.composite
def workshops(draw: st.DrawFn, max_internal: int = 10) -> Rows:
    n_dep = draw(st.integers(2, 6))
    deps = list(range(1, n_dep + 1))
    data: Rows = {
        "workshop": [{"id": 1, "name": "W", "language": "en", "hour_rate": draw(st.sampled_from([None, 50.0]))}],
        "department": [{"id": d, "name": f"Team {d}", "takes_part": True} for d in deps],
    }
    n_cust = draw(st.integers(1, 3))
    data["customer"] = [
        {
            "id": c,
            "name": f"Segment {c}",
            "kind": "external",
            "department_id": None,
            "segment_size": draw(st.one_of(st.none(), st.integers(0, 200))),
            "customer_value": draw(money),
            "ltv": draw(money),
        }
        for c in range(1, n_cust + 1)
    ]
    data["customer_department"] = [
        {"id": k + 1, "customer_id": c, "department_id": d}
        for k, (c, d) in enumerate(
            draw(st.lists(st.tuples(st.integers(1, n_cust), st.sampled_from(deps)), unique=True, max_size=8))
        )
    ]
    data["value_factor"] = [
        {"id": k + 1, "customer_id": c, "name": f"Factor {k + 1}", "weight": draw(st.integers(1, 10))}
        for k, c in enumerate(draw(st.lists(st.integers(1, n_cust), max_size=5)))
    ]
    data["pain"] = [
        {"id": k + 1, "customer_id": c, "text": f"Pain {k + 1}", "severity": 3, "frequency": 3, "hidden": False}
        for k, c in enumerate(draw(st.lists(st.integers(1, n_cust), max_size=5)))
    ]
    data["vote"] = [
        {"id": k + 1, "pain_id": p["id"], "participant_id": 1, "dots": draw(st.integers(1, 3))}
        for k, p in enumerate(data["pain"])
        if draw(st.booleans())
    ]
    links = []
    for f in data["value_factor"]:
        for p in data["pain"]:
            if p["customer_id"] == f["customer_id"] and draw(st.booleans()):
                links.append({"id": len(links) + 1, "factor_id": f["id"], "pain_id": p["id"]})
    data["factor_pain"] = links
    data["promise"] = []
    for k in range(draw(st.integers(0, 6))):
        customer = draw(st.integers(1, n_cust))
        factors = [f["id"] for f in data["value_factor"] if f["customer_id"] == customer]
        data["promise"].append(
            {
                "id": k + 1,
                "customer_id": customer,
                "factor_id": draw(st.sampled_from([None, *factors])),
                "owner_department_id": draw(st.sampled_from([None, *deps])),
                "text": f"Promise {k + 1}",
                "status": draw(st.sampled_from(["draft", "agreed", "agreed", "negotiating", "rejected"])),
                "revenue_share": draw(st.one_of(st.none(), st.integers(0, 100).map(float))),
                **_metric(draw),
            }
        )
    data["internal_promise"], data["promise_support"] = [], []
    for k in range(1, draw(st.integers(0, max_internal)) + 1):
        supplier, client = draw(st.permutations(deps))[:2]
        data["internal_promise"].append(
            {
                "id": k,
                "supplier_department_id": supplier,
                "client_department_id": client,
                "text": f"Service {k}",
                "price_amount": draw(st.one_of(st.none(), st.integers(0, 10_000).map(float))),
                "price_unit": draw(st.sampled_from(["money", "money", "hours"])),
                "price_period": draw(st.sampled_from(["month", "quarter", "year"])),
                **_metric(draw),
            }
        )
        parents = [("p", p["id"]) for p in data["promise"]] + [("i", j) for j in range(1, k)]
        for kind, parent in draw(st.lists(st.sampled_from(parents), unique=True, max_size=2)) if parents else []:
            data["promise_support"].append(
                {
                    "id": len(data["promise_support"]) + 1,
                    "internal_promise_id": k,
                    "parent_promise_id": parent if kind == "p" else None,
                    "parent_internal_id": parent if kind == "i" else None,
                }
            )
    data["economics"] = [
        {
            "id": d,
            "department_id": d,
            "period": PERIOD,
            "success_metric_name": "Margin",
            "revenue_external": draw(money),
            "direct_costs": draw(money),
            "other_costs": None,
        }
        for d in deps
        if draw(st.booleans()) or d == 1
    ]
    data["motivation_plan"] = [
        {
            "id": d,
            "department_id": d,
            "variant": (variant := draw(st.integers(1, 4))),
            "share_pct": draw(st.sampled_from([None, 10.0, 20.0])),
            "baseline_profit": draw(money) if variant == 2 else None,
            "company_profit": draw(money) if variant == 3 else None,
            "team_weight": draw(st.sampled_from([None, 30.0])) if variant == 3 else None,
        }
        for d in deps
        if draw(st.booleans())
    ]
    for name in ("value_stream", "value_stream_stage", "stage_department", "experiment", "team_member"):
        data[name] = []
    return data
