"""Step 6, negotiating with the numbers: what a different internal price does to the supplier's and the
client's P&L and to their bonus pools under every variant, before anyone agrees to it.

What the supplier earns the client pays, so across the company internal sales and purchases still cancel
out at any price: `balance` is that check (zero, up to rounding).
"""

from __future__ import annotations

from dataclasses import dataclass

from cvm_core import economics as econ
from cvm_core import motivation
from cvm_core.rows import Row, Snapshot

SUPPLIER, CLIENT = "supplier", "client"


@dataclass(frozen=True)
class Side:
    """One team of the deal, before and after the price change."""

    role: str
    department_id: int
    name: str
    profit_before: float | None
    profit_after: float | None
    chosen: int | None  # the team's chosen variant
    before: dict[int, motivation.Bonus]
    after: dict[int, motivation.Bonus]

    @property
    def profit_change(self) -> float | None:
        return econ.change(self.profit_before, self.profit_after)


@dataclass(frozen=True)
class PriceWhatIf:
    internal_id: int
    period: str
    price_before: float | None
    price_after: float
    sides: tuple[Side, ...]  # the supplier, then the client
    balance: tuple[float, float]  # (money, hours) of internal sales minus purchases across the teams after

    @property
    def zero_sum(self) -> bool:
        return all(abs(x) < 0.005 for x in self.balance)


def with_price(data: Snapshot, internal_id: int, amount: float) -> dict[str, list[Row]]:
    """The snapshot as it would be with the internal promise priced at `amount` (nothing else changes)."""
    rows = [r if r["id"] != internal_id else {**r, "price_amount": amount} for r in data.get("internal_promise", [])]
    return {**data, "internal_promise": rows}


def what_if(data: Snapshot, internal_id: int, amount: float, period: str | None = None) -> PriceWhatIf | None:
    """Both teams' P&L and pools under every variant if `internal_id` cost `amount` (in its own unit and
    period) instead; None when there is no such internal promise."""
    row = next((r for r in data.get("internal_promise", []) if r["id"] == internal_id), None)
    if row is None:
        return None
    found = econ.periods(data.get("economics", []))
    chosen = period if period is not None else (found[0] if found else "")
    after = with_price(data, internal_id, amount)
    before_teams = {tb.team.department_id: tb for tb in motivation.team_bonuses(data, chosen)}
    after_teams = {tb.team.department_id: tb for tb in motivation.team_bonuses(after, chosen)}
    names = {d["id"]: str(d.get("name") or "") for d in data.get("department", [])}
    sides = tuple(
        _side(role, row[f"{role}_department_id"], names, before_teams, after_teams) for role in (SUPPLIER, CLIENT)
    )
    months = econ.period_months(chosen) or 1
    flows = econ.internal_flows(after["internal_promise"], months, econ.hour_rate_of(data))
    return PriceWhatIf(internal_id, chosen, row.get("price_amount"), amount, sides, econ.company_balance(flows))


def _side(role: str, department: int, names: dict[int, str], before: dict, after: dict) -> Side:
    was, now = before.get(department), after.get(department)
    plan = (was.plan if was else None) or {}
    return Side(
        role,
        department,
        names.get(department, ""),
        was.team.net_profit if was else None,
        now.team.net_profit if now else None,
        plan.get("variant"),
        dict(was.variants) if was else {},
        dict(now.variants) if now else {},
    )
