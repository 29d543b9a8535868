"""A department as a service: what it offers, to whom, at what internal price, how its promises are
doing, what its internal clients think of it, and its internal P&L (internal sales minus purchases)."""

from __future__ import annotations

from dataclasses import dataclass, field

from cvm_core import fmt
from cvm_core.economics import Flows, hour_rate_of, internal_flows
from cvm_core.graph import (
    DEPARTMENT,
    EXTERNAL,
    INTERNAL,
    WORST_FIRST,
    Network,
    at_risk_count,
    node_id,
    per_month,
)
from cvm_core.rows import Row, Snapshot
from cvm_core.settings import FEEDBACK_SCORE_MAX


@dataclass(frozen=True)
class Offer:
    """One internal promise seen from one side: the other department, the price and the health."""

    promise_id: int
    text: str
    other: str
    price_amount: float | None
    price_unit: str
    price_period: str
    monthly: float | None
    health: str


@dataclass(frozen=True)
class Owned:
    """A promise to a customer that the department owns."""

    promise_id: int
    text: str
    customer: str
    health: str


@dataclass(frozen=True)
class Card:
    department_id: int
    name: str
    description: str
    offers: list[Offer]
    purchases: list[Offer]
    owned: list[Owned]
    clients: list[str]  # departments and customers it serves, by name
    health: dict[str, int]  # health -> how many of its promises (supplied and owned)
    feedback: float | None
    feedback_count: int
    flows: Flows
    at_risk: int
    feedback_max: int = FEEDBACK_SCORE_MAX
    rounds: list[tuple[str, float, int]] = field(default_factory=list)  # (round, mean score, ratings)
    currency: str = ""  # the workshop's label for amounts of money


def card(data: Snapshot, net: Network, department_id: int) -> Card | None:
    """The service card of one department, or None when it is not in the network."""
    nid = node_id(DEPARTMENT, department_id)
    if nid not in net.nodes:
        return None
    row = next((d for d in data.get("department", []) if d["id"] == department_id), net.rows[nid])
    offers, purchases, owned = [], [], []
    for edge in net.edges.values():
        promise = net.rows[edge.id]
        if edge.kind == INTERNAL and edge.source == nid:
            offers.append(_offer(promise, net.label(edge.target), edge.health))
        elif edge.kind == INTERNAL and edge.target == nid:
            purchases.append(_offer(promise, net.label(edge.source), edge.health))
        elif edge.kind == EXTERNAL and edge.source == nid:
            customer = net.customer_names.get(promise["customer_id"], "")
            owned.append(Owned(promise["id"], str(promise.get("text") or ""), customer, edge.health))
    counts = dict.fromkeys(WORST_FIRST, 0)
    for item in [*offers, *owned]:
        counts[item.health] += 1
    scores, rounds = _feedback(data, department_id)
    flows = internal_flows(data.get("internal_promise", []), 1, hour_rate_of(data)).get(department_id, Flows())
    return Card(
        department_id,
        str(row.get("name") or ""),
        str(row.get("description") or ""),
        offers,
        purchases,
        owned,
        _clients(data, net, nid, offers, owned),
        counts,
        sum(scores) / len(scores) if scores else None,
        len(scores),
        flows,
        at_risk_count(net, nid),
        rounds=rounds,
        currency=fmt.currency_of(data),
    )


def _offer(promise: Row, other: str, health: str) -> Offer:
    return Offer(
        promise["id"],
        str(promise.get("text") or ""),
        other,
        promise.get("price_amount"),
        promise.get("price_unit") or "money",
        promise.get("price_period") or "month",
        per_month(promise),
        health,
    )


def _feedback(data: Snapshot, department_id: int) -> tuple[list[int], list[tuple[str, float, int]]]:
    """Every score its internal clients gave it, and the mean per feedback round (in round order)."""
    names = {r["id"]: str(r.get("name") or "") for r in data.get("feedback_round", [])}
    per_round: dict[int, list[int]] = {}
    for fb in data.get("feedback", []):
        if fb.get("supplier_department_id") == department_id and fb.get("score") is not None:
            per_round.setdefault(fb.get("round_id"), []).append(int(fb["score"]))
    scores = [s for values in per_round.values() for s in values]
    rounds = [
        (names.get(rid, ""), sum(v) / len(v), len(v)) for rid, v in sorted(per_round.items(), key=lambda kv: kv[0] or 0)
    ]
    return scores, rounds


def _clients(data: Snapshot, net: Network, nid: str, offers: list[Offer], owned: list[Owned]) -> list[str]:
    """Who it serves: departments it promises to, customers it owns promises to, customers it is linked to."""
    names = dict.fromkeys(o.other for o in offers)
    names.update(dict.fromkeys(o.customer for o in owned))
    ref = net.nodes[nid].ref
    customers = {c["id"]: c for c in data.get("customer", [])}
    for link in data.get("customer_department", []):
        if link.get("department_id") == ref and link.get("customer_id") in customers:
            names[str(customers[link["customer_id"]].get("name") or "")] = None
    return [n for n in names if n]
