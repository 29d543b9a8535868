"""Step 2: the customers' pains, dot voting and the ranked list.

A pain ranks by the dots it got, then by severity × frequency, then by when it was written. The "top pains"
of a customer are its first `TOP_PAINS` pains in that order among those that got at least one dot: the
ones the room chose. A pain hidden by a private brainstorm takes no part until the facilitator reveals it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from cvm_core.completion import Completion, Missing, Snapshot
from cvm_core.errors import BudgetExceeded
from cvm_core.rows import Row
from cvm_core.visibility import withheld

TOP_PAINS = 3


@dataclass(frozen=True)
class RankedPain:
    """A pain with its place in its customer's list."""

    rank: int
    pain: Row
    dots: int
    weight: int  # severity × frequency

    @property
    def id(self) -> int:
        return self.pain["id"]


def weight(pain: Row) -> int:
    """Severity × frequency (a missing value counts as the lowest, 1)."""
    return (pain.get("severity") or 1) * (pain.get("frequency") or 1)


def dots_by_pain(votes: Iterable[Row]) -> Counter[int]:
    """Total dots per pain id."""
    totals: Counter[int] = Counter()
    for v in votes:
        totals[v["pain_id"]] += v["dots"] or 0
    return totals


def hidden_count(pains: Iterable[Row]) -> int:
    return sum(1 for p in pains if p.get("hidden"))


def ranking(pains: Iterable[Row], votes: Iterable[Row]) -> list[RankedPain]:
    """Pains ordered by dots, then severity × frequency, then age; hidden pains are left out."""
    return _ranked(pains, dots_by_pain(votes))


def _ranked(pains: Iterable[Row], totals: Counter[int]) -> list[RankedPain]:
    shown = [p for p in pains if not p.get("hidden")]
    shown.sort(key=lambda p: (-totals[p["id"]], -weight(p), p["id"]))
    return [RankedPain(n, p, totals[p["id"]], weight(p)) for n, p in enumerate(shown, start=1)]


def ranked_by_customer(pains: Iterable[Row], votes: Iterable[Row]) -> dict[int, list[RankedPain]]:
    """Customer id → that customer's ranked pains (the dots counted once for every customer)."""
    by_customer: dict[int, list[Row]] = defaultdict(list)
    for p in pains:
        by_customer[p["customer_id"]].append(p)
    totals = dots_by_pain(votes)
    return {c: _ranked(rows, totals) for c, rows in by_customer.items()}


def top_pains(pains: Iterable[Row], votes: Iterable[Row], n: int = TOP_PAINS) -> dict[int, list[RankedPain]]:
    """Customer id → its first `n` ranked pains that got at least one dot (customers without any are absent)."""
    out = {}
    for customer, ranked in ranked_by_customer(pains, votes).items():
        voted = [r for r in ranked if r.dots > 0][:n]
        if voted:
            out[customer] = voted
    return out


def spent(votes: Iterable[Row], participant_id: int, *, except_vote: int | None = None) -> int:
    """Dots a participant has on live votes (leaving out one vote, the one being changed)."""
    return sum(v["dots"] or 0 for v in votes if v["participant_id"] == participant_id and v.get("id") != except_vote)


def check_budget(already: int, dots: int, budget: int) -> None:
    """Raise BudgetExceeded when `already` + `dots` goes over `budget`."""
    if already + dots > budget:
        raise BudgetExceeded(budget=budget, left=max(budget - already, 0))


def voters(votes: Iterable[Row], names: Mapping[int, str]) -> dict[int, list[tuple[str, int]]]:
    """Pain id → [(participant name, dots)], most dots first: who voted for what, for named voting."""
    out: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for v in votes:
        out[v["pain_id"]].append((names.get(v["participant_id"], "?"), v["dots"]))
    for items in out.values():
        items.sort(key=lambda item: (-item[1], item[0]))
    return dict(out)


def board(
    ranked: Iterable[RankedPain],
    votes: Iterable[Row],
    *,
    me: int | None,
    names: Mapping[int, str],
    anonymous: bool,
) -> list[dict[str, Any]]:
    """The ranked list as table rows: rank, pain, severity, frequency, their product, dots, the person's
    own dots and, for named voting only, who gave how many."""
    votes = list(votes)
    mine = {v["pain_id"]: v["dots"] for v in votes if me is not None and v["participant_id"] == me}
    who = {} if anonymous else voters(votes, names)
    return [
        {
            "id": r.id,
            "rank": r.rank,
            "text": r.pain["text"],
            "severity": r.pain.get("severity"),
            "frequency": r.pain.get("frequency"),
            "weight": r.weight,
            "dots": r.dots,
            "mine": mine.get(r.id, 0),
            "voters": ", ".join(f"{name} ({n})" for name, n in who.get(r.id, [])),
        }
        for r in ranked
    ]


def completion(data: Snapshot) -> Completion:
    """Done when every customer has pains of which at least one got dots, no pain is still hidden, and
    voting is closed. One item per customer, plus one for the vote itself."""
    customers = data.get("customer", [])
    if not customers:
        return Completion(0, 1, (Missing("step2.missing.no_customers"),))
    pains = data.get("pain", [])
    shown = [p for p in pains if not p.get("hidden")]
    totals = dots_by_pain(data.get("vote", []))
    voted = {p["customer_id"] for p in shown if totals[p["id"]] > 0}  # whose top pains are not empty
    has_pains = {p["customer_id"] for p in shown}
    missing = []
    for c in customers:
        if c["id"] not in has_pains:
            missing.append(Missing("step2.missing.no_pains", {"customer": c["name"]}))
        elif c["id"] not in voted:
            missing.append(Missing("step2.missing.no_votes", {"customer": c["name"]}))
    customers_done = len(customers) - len(missing)
    hidden = hidden_count(pains) + withheld(data, "pain")
    if hidden:
        missing.append(Missing("step2.missing.hidden", {"count": hidden}))
    if (data.get("workshop") or [{}])[0].get("voting_open"):
        missing.append(Missing("step2.missing.voting_open"))
    vote_done = len(missing) == len(customers) - customers_done
    return Completion(customers_done + vote_done, len(customers) + 1, tuple(missing))
