"""Step 8: the team's bonus pool under one of four variants, and its split among the members.

The method's standard is a share (20 % by default) of the team's net profit. The four variants, each
with editable parameters on the team's plan:

1. profit share: share × net profit; nothing on a loss.
2. growth share: share × (net profit − baseline profit). A baseline at or below zero counts as zero (a
   team is not paid for shrinking a loss, only for the profit it makes); no growth, no bonus.
3. company share: share × company profit × the team's agreed weight (%), for service teams without
   revenue of their own; the weights of the teams on this variant should add up to 100 %.
4. promise fulfilment: share × net profit × (promise metrics met ÷ promises the team owns or supplies);
   a metric without data counts as not met.

Every result carries its formula with the numbers filled in, its inputs and its warnings, as catalogue
keys with parameters, so a page, a summary and an export all say the same thing in either language.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property, partial
from typing import Any

from cvm_core import economics as econ
from cvm_core import fmt
from cvm_core import health as h
from cvm_core.completion import Completion, Missing, Snapshot
from cvm_core.i18n import t
from cvm_core.rows import Row
from cvm_core.settings import BONUS_SHARE_DEFAULT

VARIANTS = (1, 2, 3, 4)
SHARE_TOLERANCE = 0.01  # percentage points
MONEY_PARAMS = frozenset({"profit", "pool", "baseline", "growth", "company"})
PERCENT_PARAMS = frozenset({"share", "weight", "total"})
PERCENT_INPUTS = frozenset({"step8.input.share", "step8.input.weight"})


def _shown(name: str, value: Any, lang: str, currency: str) -> Any:
    if not fmt.is_number(value):
        return value
    if name in MONEY_PARAMS:
        return fmt.money(value, lang, currency)
    if name in PERCENT_PARAMS:
        return fmt.percent_points(value, lang)
    return value  # counts stay numbers: the catalogue picks their plural form


@dataclass(frozen=True)
class Note:
    """A catalogue key with its parameters; numbers are formatted for the reader's language (money with
    the workshop's currency label, shares as percentages)."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)

    def text(self, lang: str, currency: str = "") -> str:
        return t(self.key, lang, **{k: _shown(k, v, lang, currency) for k, v in self.params.items()})


def input_text(key: str, value: Any, lang: str, currency: str = "") -> str:
    """One input of a bonus formula for people: a share as a percentage, an amount as money."""
    if value is None or not fmt.is_number(value):
        return fmt.number(value, lang)
    return fmt.percent_points(value, lang) if key in PERCENT_INPUTS else fmt.money(value, lang, currency)


@dataclass(frozen=True)
class Bonus:
    """A bonus pool under one variant: the amount, how it was reached, from what, and what to watch."""

    variant: int
    pool: float
    formula: Note
    inputs: tuple[tuple[str, float | str | None], ...]
    warnings: tuple[Note, ...] = ()
    computed: bool = True  # False when an input the variant needs is missing

    def warning_keys(self) -> list[str]:
        return [w.key for w in self.warnings]


def _profit_pool(share: float, profit: float) -> float:
    return share / 100 * profit if profit > 0 else 0.0


def _company_pool(share: float, company_profit: float, weight_pct: float) -> float:
    return share / 100 * company_profit * weight_pct / 100 if company_profit > 0 else 0.0


def _fulfilment_pool(share: float, profit: float, met: int, total: int) -> float:
    return share / 100 * profit * met / total if total and profit > 0 else 0.0


def _share(share_pct: float | None) -> tuple[float, list[Note]]:
    if share_pct is None:
        return BONUS_SHARE_DEFAULT, [Note("step8.warn.default_share", {"share": BONUS_SHARE_DEFAULT})]
    return float(share_pct), []


def _not_computed(variant: int, inputs: tuple, warnings: list[Note]) -> Bonus:
    return Bonus(variant, 0.0, Note("step8.formula.not_computed"), inputs, tuple(warnings), computed=False)


def profit_share(profit: float | None, share_pct: float | None = BONUS_SHARE_DEFAULT) -> Bonus:
    """Variant 1: share × the team's net profit; nothing on a loss."""
    share, warnings = _share(share_pct)
    inputs = (("step8.input.share", share), ("step8.input.net_profit", profit))
    if profit is None:
        return _not_computed(1, inputs, [*warnings, Note("step8.warn.missing_profit")])
    if profit <= 0:
        warnings.append(Note("step8.warn.loss", {"profit": profit}))
        return Bonus(1, 0.0, Note("step8.formula.loss", {"profit": profit}), inputs, tuple(warnings))
    pool = _profit_pool(share, profit)
    return Bonus(
        1, pool, Note("step8.formula.v1", {"share": share, "profit": profit, "pool": pool}), inputs, tuple(warnings)
    )


def growth_share(profit: float | None, baseline: float | None, share_pct: float | None = BONUS_SHARE_DEFAULT) -> Bonus:
    """Variant 2: share × (net profit − baseline); a baseline at or below zero counts as zero."""
    share, warnings = _share(share_pct)
    inputs = (("step8.input.share", share), ("step8.input.net_profit", profit), ("step8.input.baseline", baseline))
    if profit is None or baseline is None:
        if profit is None:
            warnings.append(Note("step8.warn.missing_profit"))
        if baseline is None:
            warnings.append(Note("step8.warn.missing_baseline"))
        return _not_computed(2, inputs, warnings)
    base = baseline
    if baseline < 0:
        warnings.append(Note("step8.warn.negative_baseline", {"baseline": baseline}))
        base = 0.0
    elif baseline == 0:
        warnings.append(Note("step8.warn.zero_baseline"))
    if profit <= 0:
        warnings.append(Note("step8.warn.loss", {"profit": profit}))
        return Bonus(2, 0.0, Note("step8.formula.loss", {"profit": profit}), inputs, tuple(warnings))
    growth = profit - base
    params = {"share": share, "profit": profit, "baseline": base, "growth": growth}
    if growth <= 0:
        warnings.append(Note("step8.warn.no_growth", {"growth": growth}))
        return Bonus(2, 0.0, Note("step8.formula.no_growth", params), inputs, tuple(warnings))
    pool = _profit_pool(share, growth)
    return Bonus(2, pool, Note("step8.formula.v2", {**params, "pool": pool}), inputs, tuple(warnings))


def company_share(
    company_profit: float | None, weight_pct: float | None, share_pct: float | None = BONUS_SHARE_DEFAULT
) -> Bonus:
    """Variant 3: share × company profit × the team's weight (%)."""
    share, warnings = _share(share_pct)
    inputs = (
        ("step8.input.share", share),
        ("step8.input.company_profit", company_profit),
        ("step8.input.weight", weight_pct),
    )
    if company_profit is None or weight_pct is None:
        if company_profit is None:
            warnings.append(Note("step8.warn.missing_company_profit"))
        if weight_pct is None:
            warnings.append(Note("step8.warn.missing_weight"))
        return _not_computed(3, inputs, warnings)
    if company_profit <= 0:
        warnings.append(Note("step8.warn.company_loss", {"company": company_profit}))
        return Bonus(3, 0.0, Note("step8.formula.company_loss", {"company": company_profit}), inputs, tuple(warnings))
    pool = _company_pool(share, company_profit, weight_pct)
    params = {"share": share, "company": company_profit, "weight": weight_pct, "pool": pool}
    return Bonus(3, pool, Note("step8.formula.v3", params), inputs, tuple(warnings))


def fulfilment_share(
    profit: float | None, met: int, total: int, no_data: int = 0, share_pct: float | None = BONUS_SHARE_DEFAULT
) -> Bonus:
    """Variant 4: share × net profit × (metrics met ÷ promises); a metric without data counts as not met."""
    share, warnings = _share(share_pct)
    inputs = (
        ("step8.input.share", share),
        ("step8.input.net_profit", profit),
        ("step8.input.promises_met", f"{met} / {total}"),
    )
    if profit is None:
        return _not_computed(4, inputs, [*warnings, Note("step8.warn.missing_profit")])
    if total == 0:
        warnings.append(Note("step8.warn.no_promises"))
        return Bonus(4, 0.0, Note("step8.formula.no_promises"), inputs, tuple(warnings))
    if no_data:
        warnings.append(Note("step8.warn.promises_no_data", {"count": no_data}))
    if profit <= 0:
        warnings.append(Note("step8.warn.loss", {"profit": profit}))
        return Bonus(4, 0.0, Note("step8.formula.loss", {"profit": profit}), inputs, tuple(warnings))
    pool = _fulfilment_pool(share, profit, met, total)
    params = {"share": share, "profit": profit, "met": met, "count": total, "pool": pool}
    return Bonus(4, pool, Note("step8.formula.v4", params), inputs, tuple(warnings))


@dataclass(frozen=True)
class Payout:
    name: str
    role: str
    share: float
    amount: float


def split(pool: float, members: Iterable[Row]) -> tuple[list[Payout], tuple[Note, ...]]:
    """The pool split among members in proportion to their bonus shares. Shares should add up to 100 %;
    when they do not, the split is still proportional (the whole pool is paid) and a warning says so."""
    people = list(members)
    if not people:
        return [], (Note("step8.warn.no_members"),)
    shares = [float(m.get("bonus_share") or 0) for m in people]
    total = sum(shares)
    if total <= 0:
        return [Payout(m["name"], m.get("role") or "", 0.0, 0.0) for m in people], (Note("step8.warn.no_shares"),)
    warnings = () if abs(total - 100) <= SHARE_TOLERANCE else (Note("step8.warn.shares_not_100", {"total": total}),)
    payouts = [
        Payout(m["name"], m.get("role") or "", s, pool * (s / total)) for m, s in zip(people, shares, strict=True)
    ]
    return payouts, warnings


def share_totals(members: Iterable[Row]) -> dict[int, float]:
    """Department id → the sum of its members' bonus shares (%)."""
    totals: dict[int, float] = {}
    for m in members:
        totals[m["department_id"]] = totals.get(m["department_id"], 0.0) + float(m.get("bonus_share") or 0)
    return totals


@dataclass(frozen=True)
class PromiseScore:
    met: int
    total: int
    no_data: int


def promise_scores(data: Snapshot) -> dict[int, PromiseScore]:
    """Department id → how many of the promises it owns (to customers, not rejected) or supplies (to other
    departments) meet their metric."""
    counts: dict[int, list[int]] = {}
    owned = [(p.get("owner_department_id"), p) for p in data.get("promise", []) if p.get("status") != "rejected"]
    supplied = [(p["supplier_department_id"], p) for p in data.get("internal_promise", [])]
    for department, promise in owned + supplied:
        if department is None:
            continue
        health = h.of(promise)
        c = counts.setdefault(department, [0, 0, 0])
        c[0] += health == h.MET
        c[1] += 1
        c[2] += health == h.NO_DATA
    return {d: PromiseScore(*c) for d, c in counts.items()}


def compute(variant: int, plan: Row | None, profit: float | None, score: PromiseScore | None) -> Bonus:
    """The pool under `variant` with the plan's parameters (share, baseline, company profit, weight)."""
    plan = plan or {}
    share = plan.get("share_pct", BONUS_SHARE_DEFAULT)
    if variant == 1:
        return profit_share(profit, share)
    if variant == 2:
        return growth_share(profit, plan.get("baseline_profit"), share)
    if variant == 3:
        return company_share(plan.get("company_profit"), plan.get("team_weight"), share)
    score = score or PromiseScore(0, 0, 0)
    return fulfilment_share(profit, score.met, score.total, score.no_data, share)


def pool(
    variant: int, plan: Row | None, profit: float | None, score: PromiseScore | None, company_change: float = 0.0
) -> float | None:
    """The pool `compute` gives (None where it cannot be computed), with the same arithmetic and without the
    formula and warnings: for what-ifs that recompute many pools at once (`company_change` moves the company
    profit of variant 3)."""
    plan = plan or {}
    share = plan.get("share_pct", BONUS_SHARE_DEFAULT)
    share = BONUS_SHARE_DEFAULT if share is None else float(share)
    if variant == 3:
        company, weight = plan.get("company_profit"), plan.get("team_weight")
        return None if company is None or weight is None else _company_pool(share, company + company_change, weight)
    if profit is None:
        return None
    if variant == 1:
        return _profit_pool(share, profit)
    if variant == 2:
        baseline = plan.get("baseline_profit")
        if baseline is None:
            return None
        return _profit_pool(share, profit - max(baseline, 0.0)) if profit > 0 else 0.0
    score = score or PromiseScore(0, 0, 0)
    return _fulfilment_pool(share, profit, score.met, score.total)


@dataclass(frozen=True)
class TeamBonus:
    """One team's plan, its pool under the chosen variant, the split, and what every variant would pay."""

    team: econ.TeamEconomics
    plan: Row | None
    bonus: Bonus | None  # None when the team has no plan yet
    payouts: tuple[Payout, ...]
    split_warnings: tuple[Note, ...]
    every: Callable[[int], Bonus] = field(repr=False, compare=False)  # the pool under a variant, as `variants`

    @property
    def warnings(self) -> tuple[Note, ...]:
        return (self.bonus.warnings if self.bonus else ()) + self.split_warnings

    @cached_property
    def variants(self) -> dict[int, Bonus]:
        """What every variant would pay on the same numbers (worked out when asked: the pools page shows the
        chosen one only)."""
        return {v: self.every(v) for v in VARIANTS}


def weights_total(plans: Iterable[Row]) -> float:
    """The sum of the weights (%) of the teams on variant 3."""
    return sum(float(p.get("team_weight") or 0) for p in plans if p.get("variant") == 3)


def _with_warning(bonus: Bonus, note: Note) -> Bonus:
    return Bonus(bonus.variant, bonus.pool, bonus.formula, bonus.inputs, (*bonus.warnings, note), bonus.computed)


def team_bonuses(data: Snapshot, period: str, hour_rate: float | None = None) -> list[TeamBonus]:
    """Every team's bonus for `period` from its plan, its economics (step 7) and its promises (steps 5–6)."""
    plans = {p["department_id"]: p for p in data.get("motivation_plan", [])}
    weights = weights_total(plans.values())
    scores = promise_scores(data)
    members: dict[int, list[Row]] = {}
    for m in data.get("team_member", []):
        members.setdefault(m["department_id"], []).append(m)
    out = []
    for team in econ.team_economics(data, period, hour_rate):
        plan = plans.get(team.department_id)
        every = partial(_variant, team, plan, scores.get(team.department_id), weights, period)
        bonus = every(plan["variant"]) if plan and plan.get("variant") in VARIANTS else None
        payouts, notes = split(bonus.pool, members.get(team.department_id, [])) if bonus else ([], ())
        out.append(TeamBonus(team, plan, bonus, tuple(payouts), notes, every))
    return out


def _variant(
    team: econ.TeamEconomics, plan: Row | None, score: PromiseScore | None, weights: float, period: str, variant: int
) -> Bonus:
    """The team's pool under `variant`, with what to check: the weights of variant 3 that do not add up to
    100 %, or economics still missing for the period (variant 3 does not use the team's own numbers)."""
    bonus = compute(variant, plan, team.net_profit, score)
    if variant == 3 and abs(weights - 100) > SHARE_TOLERANCE and bonus.computed:
        return _with_warning(bonus, Note("step8.warn.weights_not_100", {"total": weights}))
    if variant != 3 and team.net_profit is not None and team.missing:
        return _with_warning(bonus, Note("step8.warn.economics_incomplete", {"period": period}))
    return bonus


def comparison_table(bonuses: Iterable[TeamBonus], lang: str) -> list[dict[str, Any]]:
    """What each variant would pay each team on the same numbers, as table rows (column names in `lang`);
    the chosen variant is marked with ✓, a variant that cannot be computed shows no amount."""
    rows = []
    for tb in bonuses:
        chosen = tb.plan.get("variant") if tb.plan else None
        row: dict[str, Any] = {t("step8.col.team", lang): tb.team.name}
        for v, b in tb.variants.items():
            mark = " ✓" if v == chosen else ""
            row[t(f"step8.variant_short.{v}", lang) + mark] = b.pool if b.computed else None
        rows.append(row)
    return rows


def completion(data: Snapshot, latest: list[TeamBonus] | None = None) -> Completion:
    """Step 8: every team that takes part has a chosen variant and a pool that could be computed (for the
    latest period with numbers; `latest`: its team bonuses, when already computed)."""
    chosen = {d["id"] for d in econ.teams(data)}
    if not chosen:
        return Completion(0, 1, (Missing("step8.missing.no_teams"),))
    if latest is None:
        found = econ.periods(data.get("economics", []))
        latest = team_bonuses(data, found[0] if found else "")
    bonuses = [tb for tb in latest if tb.team.department_id in chosen]
    missing = []
    for tb in bonuses:
        if tb.bonus is None:
            missing.append(Missing("step8.missing.no_plan", {"team": tb.team.name}))
        elif not tb.bonus.computed:
            missing.append(Missing("step8.missing.not_computed", {"team": tb.team.name}))
    return Completion(len(bonuses) - len(missing), len(bonuses), tuple(missing))
