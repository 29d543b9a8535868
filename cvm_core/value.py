"""Step 3: the value factors that decide a customer's choice, and which pains each one answers.

The step is done when every top pain (see `cvm_core.pains.top_pains`) is answered by at least one value
factor of the same customer.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from cvm_core.completion import Completion, Missing, Snapshot
from cvm_core.pains import RankedPain, top_pains
from cvm_core.rows import Row


def answers(links: Iterable[Row], factors: Iterable[Row]) -> dict[int, set[int]]:
    """Pain id → ids of the live factors that answer it."""
    live = {f["id"] for f in factors}
    out: dict[int, set[int]] = defaultdict(set)
    for link in links:
        if link["factor_id"] in live:
            out[link["pain_id"]].add(link["factor_id"])
    return dict(out)


def _same_customer(data: Snapshot) -> list[Row]:
    """The factor–pain links whose factor and pain belong to the same customer."""
    factor_of = {f["id"]: f["customer_id"] for f in data.get("value_factor", [])}
    pain_of = {p["id"]: p["customer_id"] for p in data.get("pain", [])}
    return [
        link
        for link in data.get("factor_pain", [])
        if factor_of.get(link["factor_id"]) is not None
        and factor_of.get(link["factor_id"]) == pain_of.get(link["pain_id"])
    ]


def unanswered_top_pains(data: Snapshot, top: dict[int, list[RankedPain]] | None = None) -> dict[int, list[RankedPain]]:
    """Customer id → its top pains that no value factor answers yet (customers with none are absent);
    `top` is the customers' top pains when already known."""
    answered = answers(_same_customer(data), data.get("value_factor", []))
    if top is None:
        top = top_pains(data.get("pain", []), data.get("vote", []))
    out = {}
    for customer, rows in top.items():
        left = [r for r in rows if r.id not in answered]
        if left:
            out[customer] = left
    return out


def factor_pains(factors: Iterable[Row], links: Iterable[Row], pains: Iterable[Row]) -> dict[int, list[Row]]:
    """Factor id → the (visible) pains it answers, in pain order."""
    by_id = {p["id"]: p for p in pains if not p.get("hidden")}
    out: dict[int, list[Row]] = {f["id"]: [] for f in factors}
    for link in links:
        if link["factor_id"] in out and link["pain_id"] in by_id:
            out[link["factor_id"]].append(by_id[link["pain_id"]])
    for rows in out.values():
        rows.sort(key=lambda p: p["id"])
    return out


def completion(data: Snapshot) -> Completion:
    """Every top pain of every customer is answered by at least one value factor."""
    top = top_pains(data.get("pain", []), data.get("vote", []))
    total = sum(len(rows) for rows in top.values())
    if not total:
        return Completion(0, 1, (Missing("step3.missing.no_top_pains"),))
    names = {c["id"]: c["name"] for c in data.get("customer", [])}
    left = unanswered_top_pains(data, top)
    missing = tuple(
        Missing("step3.missing.unanswered", {"customer": names.get(customer, "?"), "pain": r.pain["text"]})
        for customer, rows in left.items()
        for r in rows
    )
    return Completion(total - len(missing), total, missing)
