"""Money at risk: what a broken or at-risk promise, or a failing department, costs the customers' revenue and
each team's profit and bonus.

The assumptions, explicit and editable:

- **A promise carries a share of its customer segment's revenue** (`promise.revenue_share`, in %, set on
  step 5). By default (no share set) it carries the importance weight of the value factor it delivers among
  all the segment's value factors (step 3), split evenly between the promises delivering that factor; a
  promise that delivers no factor counts as one more factor of weight 1. So a segment's promises carry the
  part of its revenue that the factors they deliver decide, and a factor nobody promises protects nothing.
  Defaults are scaled down to what the set shares leave of 100 %; set shares adding up to more than 100 %
  are scaled down to 100 %. Rejected promises carry nothing.
- **A segment's revenue is the part of the teams' external revenue (step 7, latest period with numbers)
  that comes from it.** A team's external revenue comes from the external segments it serves (step 1's
  who-serves-whom, the value streams it works in, the promises it owns), split in proportion to what each
  segment is worth today (size × LTV) when every one of them has both figures, in equal parts otherwise.
- **A segment's LTV** is its LTV × its size (a segment without a size counts as one customer).

When promises fail, everything they support fails with them (the promise tree, as cvm_core.graph's impact
path): the customer promises at risk put their share of the segment's revenue and LTV at risk, taken off
the external revenue of the teams that serve the segment; each internal promise at risk stops being paid
for, so its supplier loses the internal sale and its client no longer pays for it (the internal economy
stays zero-sum). Each affected team's profit and its bonus pool under its chosen variant are recomputed with
cvm_core.motivation: a promise it owns or supplies that was met no longer counts as met (variant 4), and the
company profit of variant 3 loses the external revenue at risk.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from cvm_core import economics as econ
from cvm_core import fmt, motivation
from cvm_core import graph as g
from cvm_core import health as h
from cvm_core.rows import Row, Snapshot

PERCENT = 100.0
NO_FLOWS = econ.Flows()  # read only: a team with no internal promise at risk
FAILING = (h.BROKEN, h.AT_RISK)  # what "money at risk now" counts as failing


def money(value: float | None, lang: str, currency: str = "") -> str:
    """Money for people, in one place: as the language writes it, with the workshop's currency label."""
    return fmt.money(value, lang, currency)


# --- the assumptions --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Basis:
    """The assumptions money at risk rests on, for one period of the workshop."""

    period: str
    months: int
    shares: dict[int, float]  # live customer promise id -> the share of its segment's revenue it carries (0..1)
    explicit: frozenset[int]  # promises whose share was set on step 5
    scaled: frozenset[int]  # customers whose set shares added up to more than 100 % (scaled down)
    revenue: dict[int, float]  # customer id -> the segment's revenue in the period
    parts: dict[int, dict[int, float]]  # customer id -> team id -> the part of the team's external revenue from it
    ltv: dict[int, float]  # customer id -> the segment's LTV (LTV × size)
    value: dict[int, float]  # customer id -> the segment's customer value (customer value × size)
    unattributed: dict[int, float] = field(default_factory=dict)  # team id -> external revenue from no segment


def _size(customer: Row) -> float:
    size = customer.get("segment_size")
    return float(size) if size is not None else 1.0


def _worth(customer: Row, key: str) -> float:
    amount = customer.get(key)
    return float(amount) * _size(customer) if amount is not None else 0.0


def shares(promises: Iterable[Row], factors: Iterable[Row]) -> tuple[dict[int, float], frozenset[int], frozenset[int]]:
    """(promise id -> share 0..1, promises with a share set, customers whose set shares were scaled down)
    for the live promises given (see the module's assumptions)."""
    weights: dict[int, dict[int, float]] = defaultdict(dict)  # customer -> factor -> weight
    for f in factors:
        weights[f["customer_id"]][f["id"]] = max(float(f.get("weight") or 1), 1.0)
    by_customer: dict[int, list[Row]] = defaultdict(list)
    for p in g.live_external(promises):
        by_customer[p["customer_id"]].append(p)
    out: dict[int, float] = {}
    explicit, scaled = set(), set()
    for customer, rows in by_customer.items():
        given = {
            p["id"]: max(float(p["revenue_share"]), 0.0) / PERCENT for p in rows if p.get("revenue_share") is not None
        }
        explicit |= set(given)
        total = math.fsum(given.values())
        if total > 1.0:
            given = {pid: s / total for pid, s in given.items()}
            scaled.add(customer)
        out.update(given)
        unset = [p for p in rows if p["id"] not in given]
        out.update(_default_shares(unset, rows, weights.get(customer, {}), max(0.0, 1.0 - math.fsum(given.values()))))
    return out, frozenset(explicit), frozenset(scaled)


def _default_shares(unset: list[Row], rows: list[Row], weights: Mapping[int, float], rest: float) -> dict[int, float]:
    """A factor's weight among the segment's factors, split between the promises delivering it (a promise that
    delivers none counts as a factor of weight 1); scaled down to what the set shares leave."""
    delivering: dict[int | None, int] = defaultdict(int)
    for p in rows:
        delivering[p.get("factor_id") if p.get("factor_id") in weights else None] += 1
    whole = math.fsum(weights.values()) + delivering[None]
    out = {}
    for p in unset:
        factor = p.get("factor_id") if p.get("factor_id") in weights else None
        out[p["id"]] = (weights[factor] / delivering[factor] if factor is not None else 1.0) / whole
    found = math.fsum(out.values())
    if found > rest:
        out = {pid: s * rest / found for pid, s in out.items()} if found else out
    return out


def served(data: Snapshot) -> dict[int, set[int]]:
    """External customer id -> the departments that serve it: linked on step 1, working in one of its value
    streams, or owning a live promise to it."""
    external = {c["id"] for c in data.get("customer", []) if c.get("kind") != "internal"}
    out: dict[int, set[int]] = {c: set() for c in external}
    for link in data.get("customer_department", []):
        if link["customer_id"] in out:
            out[link["customer_id"]].add(link["department_id"])
    stream_customer = {s["id"]: s["customer_id"] for s in data.get("value_stream", [])}
    stage_customer = {s["id"]: stream_customer.get(s["stream_id"]) for s in data.get("value_stream_stage", [])}
    for link in data.get("stage_department", []):
        customer = stage_customer.get(link["stage_id"])
        if customer in out:
            out[customer].add(link["department_id"])
    for p in g.live_external(data.get("promise", [])):
        if p["customer_id"] in out and p.get("owner_department_id") is not None:
            out[p["customer_id"]].add(p["owner_department_id"])
    return out


def attribute(
    revenue: Mapping[int, float], serving: Mapping[int, set[int]], worth: Mapping[int, float]
) -> tuple[dict[int, dict[int, float]], dict[int, float]]:
    """(customer id -> team id -> revenue, team id -> revenue from no segment): each team's external revenue
    split over the segments it serves by their worth (equal parts when one of them has none)."""
    segments: dict[int, list[int]] = defaultdict(list)
    for customer, teams in serving.items():
        for team in teams:
            segments[team].append(customer)
    parts: dict[int, dict[int, float]] = {c: {} for c in serving}
    lost: dict[int, float] = {}
    for team, amount in revenue.items():
        mine = sorted(segments.get(team, ()))
        if amount <= 0:
            continue
        if not mine:
            lost[team] = amount
            continue
        weights = [worth.get(c, 0.0) for c in mine]
        if not all(w > 0 for w in weights):
            weights = [1.0] * len(mine)
        whole = math.fsum(weights)
        for c, w in zip(mine, weights, strict=True):
            parts[c][team] = amount * w / whole
    return parts, lost


def basis(data: Snapshot, period: str | None = None) -> Basis:
    """The assumptions for `period` (by default the latest period with numbers)."""
    found = econ.periods(data.get("economics", []))
    chosen = period if period is not None else (found[0] if found else "")
    rows = [r for r in data.get("economics", []) if r.get("period") == chosen]
    revenue = {r["department_id"]: float(r.get("revenue_external") or 0) for r in rows}
    customers = {c["id"]: c for c in data.get("customer", [])}
    serving = served(data)
    worth = {c: _worth(customers[c], "ltv") for c in serving}
    parts, unattributed = attribute(revenue, serving, worth)
    share, explicit, scaled = shares(
        [p for p in data.get("promise", []) if p["customer_id"] in customers], data.get("value_factor", [])
    )
    return Basis(
        chosen,
        econ.period_months(chosen) or 1,
        share,
        explicit,
        scaled,
        {c: math.fsum(parts[c].values()) for c in parts},
        parts,
        {c: _worth(row, "ltv") if c in serving else 0.0 for c, row in customers.items()},
        {c: _worth(row, "customer_value") if c in serving else 0.0 for c, row in customers.items()},
        unattributed,
    )


# --- the model: everything a what-if needs, computed once per snapshot -----------------------------------------


@dataclass
class Model:
    net: g.Network
    basis: Basis
    rate: float | None
    teams: dict[int, econ.TeamEconomics]
    names: dict[int, str]  # department id -> name
    customers: dict[int, str]  # customer id -> name
    plans: dict[int, Row]
    scores: dict[int, motivation.PromiseScore]
    pools: dict[int, float | None]  # team id -> its pool now under its chosen variant (None: not computed)
    profits: dict[int, float | None]  # team id -> its net profit now
    internal: dict[int, Row]  # internal promises of the network, by id
    customer_of: dict[int, int]  # customer promise id -> customer id
    responsible: dict[str, int]  # promise node id -> the department that owns or supplies it
    met: frozenset[str]  # promise node ids whose metric is met now
    company_teams: tuple[int, ...]  # teams on variant 3 (their pool follows the company's profit)
    static: dict[int, tuple] = field(default_factory=dict)  # team id -> (name, profit, plan, score, pool) now


def model(data: Snapshot, net: g.Network | None = None, period: str | None = None) -> Model:
    """The model of a workshop snapshot (its network is built unless given)."""
    net = net or g.network(data)
    found = basis(data, period)
    rate = econ.hour_rate_of(data)
    teams = {tm.department_id: tm for tm in econ.team_economics(data, found.period, rate)} if found.period else {}
    plans = {p["department_id"]: p for p in data.get("motivation_plan", [])}
    scores = motivation.promise_scores(data)
    responsible, met = {}, set()
    for pid in net.order:
        row = net.rows[pid]
        owner = row.get("supplier_department_id") if pid[0] == "i" else row.get("owner_department_id")
        if owner is not None:
            responsible[pid] = owner
        if h.of(row) == h.MET:
            met.add(pid)
    m = Model(
        net,
        found,
        rate,
        teams,
        {d["id"]: str(d.get("name") or "") for d in data.get("department", [])},
        {c["id"]: str(c.get("name") or "") for c in data.get("customer", [])},
        plans,
        scores,
        {},
        {d: tm.net_profit for d, tm in teams.items()},
        {int(pid[1:]): net.rows[pid] for pid in net.order if pid[0] == "i"},
        {int(pid[1:]): net.rows[pid]["customer_id"] for pid in net.order if pid[0] == "p"},
        responsible,
        frozenset(met),
        tuple(d for d, p in plans.items() if p.get("variant") == 3),
    )
    m.pools = {d: _pool(m, d, profit(m, d), plans.get(d), scores.get(d)) for d in set(teams) | set(plans)}
    m.static = {d: (m.names.get(d, ""), m.profits.get(d), plans.get(d), scores.get(d), m.pools.get(d)) for d in m.names}
    return m


def profit(m: Model, team: int) -> float | None:
    """The team's net profit in the period (None without numbers)."""
    return m.profits.get(team)


def _pool(
    m: Model, team: int, amount: float | None, plan: Row | None, score: motivation.PromiseScore | None
) -> float | None:
    if plan is None or plan.get("variant") not in motivation.VARIANTS:
        return None
    return motivation.pool(plan["variant"], plan, amount, score)


# --- what fails, and what it costs ------------------------------------------------------------------------------


class SegmentRisk(NamedTuple):
    """One customer segment's revenue and LTV resting on the customer promises at risk."""

    customer_id: int
    name: str
    promises: tuple[int, ...]
    share: float  # of the segment's revenue, 0..1
    revenue: float
    ltv: float
    revenue_total: float
    ltv_total: float


class TeamChange(NamedTuple):
    """What a failure does to one team: money lost (never negative), saved, and its profit and pool (tuples:
    a what-if makes many of them)."""

    department_id: int
    name: str
    external_lost: float
    sales_lost: float
    purchases_saved: float
    hours_sold_lost: float
    hours_bought_saved: float
    profit_before: float | None
    profit_after: float | None
    variant: int | None
    pool_before: float | None
    pool_after: float | None

    @property
    def profit_change(self) -> float:
        return self.purchases_saved - self.external_lost - self.sales_lost

    @property
    def pool_change(self) -> float | None:
        return econ.change(self.pool_before, self.pool_after)


@dataclass(frozen=True)
class Risk:
    """Money at risk when `failing` (promise or department node ids) fail."""

    failing: tuple[str, ...]
    promises: tuple[int, ...]  # customer promises at risk
    internal: tuple[int, ...]  # internal promises at risk
    segments: tuple[SegmentRisk, ...]
    teams: tuple[TeamChange, ...]
    period: str

    @property
    def revenue(self) -> float:
        """The segments' revenue at risk in the period."""
        return math.fsum(s.revenue for s in self.segments)

    @property
    def ltv(self) -> float:
        return math.fsum(s.ltv for s in self.segments)

    @property
    def internal_lost(self) -> float:
        """Internal sales the supplier teams lose (what their clients no longer pay: it moves, it is not lost
        to the company)."""
        return math.fsum(t.sales_lost for t in self.teams)

    @property
    def balance(self) -> tuple[float, float]:
        """(money, hours) the internal changes add up to across the teams: zero, the economy is zero-sum."""
        money_ = math.fsum(t.sales_lost for t in self.teams) - math.fsum(t.purchases_saved for t in self.teams)
        hours = math.fsum(t.hours_sold_lost for t in self.teams) - math.fsum(t.hours_bought_saved for t in self.teams)
        return money_, hours

    @property
    def empty(self) -> bool:
        return not self.promises and not self.internal


def mask_of(net: g.Network, failing: Iterable[str]) -> int:
    """The promises (as bits) at risk when `failing` (promise or department node ids) fail."""
    mask = 0
    for item in failing:
        if item in net.bits:
            mask |= net.closure[net.bits[item]]
        else:
            mask |= net.own_mask.get(item, 0)
    return mask


def at_risk(m: Model, failing: Iterable[str]) -> Risk:
    """What fails with `failing` and what it costs (see the module's assumptions)."""
    chosen = tuple(dict.fromkeys(failing))
    found = g.ids(m.net, mask_of(m.net, chosen))
    external = sorted(int(p[1:]) for p in found if p[0] == "p")
    internal = sorted(int(p[1:]) for p in found if p[0] == "i")
    segments, lost = _segments(m, external)
    flows = econ.internal_flows([m.internal[i] for i in internal], m.basis.months, m.rate)
    total_lost = math.fsum(s.revenue for s in segments)
    broken: dict[int, int] = defaultdict(int)
    for p in found:
        if p in m.met and p in m.responsible:
            broken[m.responsible[p]] += 1
    touched = {d for d, amount in lost.items() if amount > 0} | set(flows) | set(broken)
    if total_lost > 0:
        touched |= set(m.company_teams)
    teams = _changes(m, touched, lost, flows, broken, total_lost)
    return Risk(chosen, tuple(external), tuple(internal), tuple(segments), tuple(teams), m.basis.period)


def _segments(m: Model, external: list[int]) -> tuple[list[SegmentRisk], dict[int, float]]:
    by_customer: dict[int, list[int]] = defaultdict(list)
    for pid in external:
        by_customer[m.customer_of[pid]].append(pid)
    out, lost = [], defaultdict(float)
    b = m.basis
    for customer, promises in sorted(by_customer.items()):
        share = math.fsum(b.shares.get(p, 0.0) for p in promises)
        for team, part in b.parts.get(customer, {}).items():
            lost[team] += share * part
        revenue, ltv = b.revenue.get(customer, 0.0), b.ltv.get(customer, 0.0)
        name = m.customers.get(customer, "")
        out.append(SegmentRisk(customer, name, tuple(promises), share, share * revenue, share * ltv, revenue, ltv))
    out.sort(key=lambda s: (-s.revenue, -s.ltv, s.name.casefold()))
    return out, dict(lost)


def _changes(
    m: Model,
    touched: set[int],
    lost: dict[int, float],
    flows: dict[int, econ.Flows],
    broken: dict[int, int],
    total: float,
) -> list[TeamChange]:
    """Each touched team's change, worst first (one loop: a what-if of the whole workshop makes thousands)."""
    out = []
    pool, score_of = motivation.pool, motivation.PromiseScore
    for team in touched:
        name, before, plan, score, pool_before = m.static[team]
        external, flow, failed = lost.get(team, 0.0), flows.get(team, NO_FLOWS), broken.get(team, 0)
        after = None if before is None else before - external - flow.sales + flow.purchases
        if failed and score is not None:
            score = score_of(max(score.met - failed, 0), score.total, score.no_data)
        variant = plan["variant"] if plan else None
        pool_after = pool(variant, plan, after, score, -total) if plan else None
        change = TeamChange(
            team,
            name,
            external,
            flow.sales,
            flow.purchases,
            flow.sales_hours,
            flow.purchases_hours,
            before,
            after,
            variant,
            pool_before,
            pool_after,
        )
        out.append((flow.purchases - external - flow.sales, team, change))
    out.sort(key=lambda item: item[:2])
    return [change for *_, change in out]


def failing_now(m: Model) -> list[str]:
    """The promises (external and internal) that are broken or at risk now."""
    return [pid for pid in m.net.order if h.of(m.net.rows[pid]) in FAILING]


def now(m: Model) -> Risk:
    """Money at risk now: what the promises broken or at risk today put at risk, each counted once."""
    return at_risk(m, failing_now(m))


def of(data: Snapshot, failing: Iterable[str], period: str | None = None) -> Risk:
    """Money at risk when `failing` fail, straight from a snapshot."""
    return at_risk(model(data, period=period), failing)
