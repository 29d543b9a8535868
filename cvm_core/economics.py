"""Step 7: each team's economics. Value created (revenue from external customers plus internal sales)
against costs (direct and other costs plus internal purchases), net profit, growth and a verdict.

Internal sales and purchases come from the internal prices of step 6. A price is stated per month,
quarter or year; it is spread evenly over months and multiplied by the length of the economics period,
which is read from its label ("2026-Q3" is a quarter, "2026-09" a month, "2026" a year; a label we cannot
read counts as one month and is flagged). Prices in hours are a currency of their own: they are reported
as hours sold and bought and only count as money when an hourly rate is given (`hour_rate`). What one
department sells another buys, so across the company internal sales and purchases cancel out.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from cvm_core import fmt
from cvm_core.completion import Completion, Missing, Snapshot
from cvm_core.i18n import t
from cvm_core.plot import Bars, Key, Points
from cvm_core.rows import Row

if TYPE_CHECKING:  # altair is imported by the functions that draw, not by readers of numbers
    import altair as alt

PRICE_MONTHS = {"month": 1, "quarter": 3, "year": 12}
REQUIRED = ("success_metric_name", "revenue_external", "direct_costs")
COVERS, BREAK_EVEN, SHORT, INCOMPLETE = "covers", "break_even", "short", "incomplete"
VERDICT_ICON = {COVERS: "✅", BREAK_EVEN: "⚖️", SHORT: "❌", INCOMPLETE: "❔"}

_QUARTER = re.compile(r"q\s*[1-4]|[1-4]\s*q\b|quarter|кв", re.IGNORECASE)
_HALF = re.compile(r"(?<![a-z])h\s*[12](?!\d)|half|полугод", re.IGNORECASE)
_MONTH_NAMES = (
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|month|"
    r"янв|фев|мар|апр|мая|май|июн|июл|авг|сен|окт|ноя|дек|мес"
)
_MONTH = re.compile(
    rf"\b(19|20)\d\d[-./](0?[1-9]|1[0-2])\b|\b(0?[1-9]|1[0-2])[-./](19|20)\d\d\b|{_MONTH_NAMES}", re.IGNORECASE
)
_YEAR = re.compile(r"^\D*(19|20)\d\d\D*$|year|год", re.IGNORECASE)


def period_months(label: str | None) -> int | None:
    """How many months an economics period label covers: 3 for "2026-Q3", 1 for "2026-09" or "Sep 2026",
    6 for "H1 2026", 12 for "2026" or "FY2026"; None when the label says nothing we recognise."""
    text = (label or "").strip()
    if not text:
        return None
    for pattern, months in ((_QUARTER, 3), (_HALF, 6), (_MONTH, 1), (_YEAR, 12)):
        if pattern.search(text):
            return months
    return None


def monthly_price(promise: Row) -> float:
    """The internal price of a promise per month, in its own unit (money or hours); 0 when unpriced."""
    amount = promise.get("price_amount")
    if amount is None or (isinstance(amount, float) and math.isnan(amount)):
        return 0.0
    return float(amount) / PRICE_MONTHS.get(promise.get("price_period") or "month", 1)


@dataclass
class Flows:
    """What one department sells to and buys from the others over a period."""

    sales: float = 0.0  # money (and hours converted at the hourly rate, when one is given)
    purchases: float = 0.0
    sales_hours: float = 0.0  # hours not converted into money
    purchases_hours: float = 0.0

    @property
    def net(self) -> float:
        """Internal P&L: internal sales minus internal purchases."""
        return self.sales - self.purchases


def internal_flows(internals: Iterable[Row], months: float = 1.0, hour_rate: float | None = None) -> dict[int, Flows]:
    """Department id → its internal sales and purchases over `months` months, from the internal prices."""
    flows: dict[int, Flows] = defaultdict(Flows)
    for promise in internals:
        amount = monthly_price(promise) * months
        supplier, client = flows[promise["supplier_department_id"]], flows[promise["client_department_id"]]
        if (promise.get("price_unit") or "money") == "hours":
            if hour_rate is None:
                supplier.sales_hours += amount
                client.purchases_hours += amount
                continue
            amount *= hour_rate
        supplier.sales += amount
        client.purchases += amount
    return dict(flows)


def change(before: float | None, after: float | None) -> float | None:
    """How much `after` differs from `before`; None unless both are known."""
    return None if before is None or after is None else after - before


def company_balance(flows: Mapping[int, Flows]) -> tuple[float, float]:
    """(money, hours): internal sales minus purchases summed over every department; both are zero up to
    rounding, because each internal sale is another department's purchase."""
    money = math.fsum(f.sales for f in flows.values()) - math.fsum(f.purchases for f in flows.values())
    hours = math.fsum(f.sales_hours for f in flows.values()) - math.fsum(f.purchases_hours for f in flows.values())
    return money, hours


@dataclass
class TeamEconomics:
    """One team's numbers for one period, with the derived P&L and verdict."""

    department_id: int
    name: str
    period: str
    months: int
    period_known: bool
    row: Row | None
    flows: Flows

    def _money(self, field: str) -> float:
        value = self.row.get(field) if self.row else None
        return float(value) if value is not None else 0.0

    @property
    def revenue_external(self) -> float:
        return self._money("revenue_external")

    @property
    def direct_costs(self) -> float:
        return self._money("direct_costs")

    @property
    def other_costs(self) -> float:
        return self._money("other_costs")

    @property
    def internal_sales(self) -> float:
        return self.flows.sales

    @property
    def internal_purchases(self) -> float:
        return self.flows.purchases

    @property
    def value_created(self) -> float:
        return self.revenue_external + self.internal_sales

    @property
    def costs(self) -> float:
        return self.direct_costs + self.other_costs + self.internal_purchases

    @property
    def net_profit(self) -> float | None:
        """Revenue + internal sales − internal purchases − direct − other costs; None without numbers."""
        if self.row is None:
            return None
        return self.value_created - self.costs

    @property
    def missing(self) -> tuple[str, ...]:
        """Required fields left empty (all of them when the team has no numbers for the period)."""
        if self.row is None:
            return REQUIRED
        return tuple(f for f in REQUIRED if self.row.get(f) in (None, ""))

    @property
    def verdict(self) -> str:
        """Whether the value the team creates covers its costs: covers, break_even, short or incomplete."""
        profit = self.net_profit
        if profit is None or self.missing:
            return INCOMPLETE
        if abs(profit) < 0.005:
            return BREAK_EVEN
        return COVERS if profit > 0 else SHORT

    def get(self, field: str) -> Any:
        return self.row.get(field) if self.row else None

    @property
    def growth_met(self) -> bool | None:
        target, actual = self.get("growth_target_pct"), self.get("growth_actual_pct")
        if target is None or actual is None:
            return None
        return actual >= target


def periods(economics: Iterable[Row]) -> list[str]:
    """The periods that have numbers, latest first (labels sort as text: "2026-Q3" after "2026-Q2")."""
    return sorted({r["period"] for r in economics if r.get("period")}, reverse=True)


def default_period(today: date) -> str:
    """The label of the quarter `today` falls in, e.g. "2026-Q3": the period offered for new numbers."""
    return f"{today.year}-Q{(today.month - 1) // 3 + 1}"


def teams(data: Snapshot) -> list[Row]:
    """Departments that take part, by name."""
    return sorted((d for d in data.get("department", []) if d.get("takes_part", True)), key=lambda d: d["name"])


def hour_rate_of(data: Snapshot) -> float | None:
    """The workshop's money per hour for internal prices set in hours (None: hours stay hours)."""
    workshop = (data.get("workshop") or [{}])[0]
    return workshop.get("hour_rate")


def team_economics(data: Snapshot, period: str, hour_rate: float | None = None) -> list[TeamEconomics]:
    """Every team's economics for `period`: the teams that take part and any other department with numbers
    for it, by name. Hours are priced at `hour_rate`, by default the workshop's."""
    rows = {r["department_id"]: r for r in data.get("economics", []) if r.get("period") == period}
    known = period_months(period)
    months = known or 1
    rate = hour_rate if hour_rate is not None else hour_rate_of(data)
    flows = internal_flows(data.get("internal_promise", []), months, rate)
    chosen = {d["id"]: d for d in data.get("department", []) if d.get("takes_part", True) or d["id"] in rows}
    return [
        TeamEconomics(
            d["id"], d["name"], period, months, known is not None, rows.get(d["id"]), flows.get(d["id"], Flows())
        )
        for d in sorted(chosen.values(), key=lambda d: d["name"])
    ]


MONEY_COLUMNS = ("revenue", "internal_sales", "internal_purchases", "direct_costs", "other_costs", "net_profit")


def money_column(name: str, lang: str, currency: str = "") -> str:
    """The title of a money column of the P&L, with the currency label where one is set."""
    return fmt.money_label(t(f"step7.col.{name}", lang), currency)


def pnl_table(teams: Iterable[TeamEconomics], lang: str, currency: str = "") -> list[dict[str, Any]]:
    """The P&L of each team as rows for a table or a spreadsheet, with column names in `lang` (money
    columns labelled with `currency`)."""
    out = []
    for team in teams:
        success = team.get("success_metric_name") or ""
        money = {
            "revenue": team.revenue_external if team.row else None,
            "internal_sales": team.internal_sales,
            "internal_purchases": team.internal_purchases,
            "direct_costs": team.direct_costs if team.row else None,
            "other_costs": team.other_costs if team.row else None,
        }
        out.append(
            {
                t("step7.col.team", lang): team.name,
                t(
                    "step7.col.verdict", lang
                ): f"{VERDICT_ICON[team.verdict]} {t(f'step7.verdict.{team.verdict}', lang)}",
                **{money_column(k, lang, currency): v for k, v in money.items()},
                money_column("net_profit", lang, currency): team.net_profit,
                t("step7.col.hours_sold", lang): team.flows.sales_hours,
                t("step7.col.hours_bought", lang): team.flows.purchases_hours,
                t("step7.col.success", lang): success,
                t("step7.col.success_actual", lang): team.get("success_actual"),
                t("step7.col.success_target", lang): team.get("success_target"),
                t("step7.col.growth_actual", lang): team.get("growth_actual_pct"),
                t("step7.col.growth_target", lang): team.get("growth_target_pct"),
            }
        )
    return out


PNL_ROW_HEIGHT, PNL_MIN_HEIGHT = 34, 200  # pixels per team and at least
PNL_PARTS = (
    ("revenue", "#2e7d32", 1),
    ("internal_sales", "#81c784", 1),
    ("internal_purchases", "#fb8c00", -1),
    ("direct_costs", "#c62828", -1),
    ("other_costs", "#ef9a9a", -1),
)
GROWTH_COLOURS = ("#2e7d32", "#ef6c00", "#9e9e9e")  # reached the growth target, below it, no target


def pnl_chart(teams: Iterable[TeamEconomics], lang: str, currency: str = "") -> alt.LayerChart:
    """A bar per team, best profit on top: what it earns to the right of zero (revenue, internal sales),
    what it spends to the left (internal purchases, direct and other costs), and a black diamond at its
    net profit. Numbers read as in `lang`, amounts titled with `currency`."""
    import altair as alt

    chosen = [tm for tm in teams if tm.row is not None]
    order = [tm.name for tm in sorted(chosen, key=lambda tm: -(tm.net_profit or 0))]
    amounts = {
        "revenue": lambda tm: tm.revenue_external,
        "internal_sales": lambda tm: tm.internal_sales,
        "internal_purchases": lambda tm: tm.internal_purchases,
        "direct_costs": lambda tm: tm.direct_costs,
        "other_costs": lambda tm: tm.other_costs,
    }
    names = {part: t(f"step7.chart.{part}", lang) for part, _, _ in PNL_PARTS}
    bars = [
        {"team": tm.name, "part": names[part], "rank": rank, "amount": sign * amounts[part](tm)}
        for tm in chosen
        for rank, (part, _, sign) in enumerate(PNL_PARTS)
        if amounts[part](tm)
    ]
    profits = [{"team": tm.name, "profit": tm.net_profit} for tm in chosen]
    team_axis = alt.Y("team:N", sort=order, title=None, axis=alt.Axis(labelLimit=220, labelOverlap=False))
    amount_title = fmt.money_label(t("step7.chart.amount", lang), currency)
    profit_title = fmt.money_label(t("step7.chart.net_profit", lang), currency)
    stacked = (
        alt.Chart(alt.Data(values=bars))
        .mark_bar()
        .encode(
            y=team_axis,
            x=alt.X("amount:Q", title=amount_title, stack="zero", axis=alt.Axis(format="~s", tickCount=8)),
            color=alt.Color(
                "part:N",
                title=None,
                scale=alt.Scale(domain=[names[p] for p, _, _ in PNL_PARTS], range=[c for _, c, _ in PNL_PARTS]),
                legend=alt.Legend(orient="top", columns=5),
            ),
            order=alt.Order("rank:Q"),
            tooltip=[
                alt.Tooltip("team:N", title=t("step7.col.team", lang)),
                alt.Tooltip("part:N", title=amount_title),
                alt.Tooltip("amount:Q", format=",.0f", title=amount_title),
            ],
        )
    )
    profit = (
        alt.Chart(alt.Data(values=profits))
        .mark_point(shape="diamond", filled=True, size=110, color="#111111")
        .encode(
            y=team_axis,
            x="profit:Q",
            tooltip=[
                alt.Tooltip("team:N", title=t("step7.col.team", lang)),
                alt.Tooltip("profit:Q", format=",.0f", title=profit_title),
            ],
        )
    )
    zero = alt.Chart(alt.Data(values=[{"v": 0}])).mark_rule(color="#555555").encode(x="v:Q")
    height = max(PNL_MIN_HEIGHT, PNL_ROW_HEIGHT * len(chosen))
    chart = alt.layer(stacked, zero, profit).properties(height=height, title=t("step7.chart.pnl_title", lang))
    return chart.configure(locale=fmt.vega_locale(lang))


def growth_chart(teams: Iterable[TeamEconomics], lang: str, currency: str = "") -> alt.LayerChart:
    """Each team as a point: net profit across, actual growth up, coloured by whether it reached its
    growth target; the lines mark zero profit and zero growth."""
    import altair as alt

    profit_title = fmt.money_label(t("step7.chart.net_profit", lang), currency)
    status = {True: t("step7.chart.growth_met", lang), False: t("step7.chart.growth_short", lang)}
    status[None] = t("step7.chart.growth_no_target", lang)
    points = [
        {
            "team": tm.name,
            "profit": tm.net_profit,
            "growth": tm.get("growth_actual_pct"),
            "target": tm.get("growth_target_pct"),
            "status": status[tm.growth_met],
        }
        for tm in teams
        if tm.net_profit is not None and tm.get("growth_actual_pct") is not None
    ]
    x = alt.X("profit:Q", title=profit_title, axis=alt.Axis(format="~s"))
    y = alt.Y("growth:Q", title=t("step7.chart.growth", lang))
    dots = (
        alt.Chart()
        .mark_circle(size=140, opacity=0.85)
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "status:N",
                title=None,
                scale=alt.Scale(domain=list(status.values()), range=list(GROWTH_COLOURS)),
                legend=alt.Legend(orient="top"),
            ),
            tooltip=[
                alt.Tooltip("team:N", title=t("step7.col.team", lang)),
                alt.Tooltip("profit:Q", format=",.0f", title=profit_title),
                alt.Tooltip("growth:Q", title=t("step7.col.growth_actual", lang)),
                alt.Tooltip("target:Q", title=t("step7.col.growth_target", lang)),
            ],
        )
    )
    labels = alt.Chart().mark_text(align="left", dx=9, fontSize=11).encode(x=x, y=y, text="team:N")
    zero_x = alt.Chart().mark_rule(color="#bbbbbb").encode(x=alt.datum(0))
    zero_y = alt.Chart().mark_rule(color="#bbbbbb").encode(y=alt.datum(0))
    chart = alt.layer(zero_x, zero_y, dots, labels, data=alt.Data(values=points)).properties(
        height=380, title=t("step7.chart.growth_title", lang)
    )
    return chart.configure(locale=fmt.vega_locale(lang))


_PNL_FIELDS = {
    "revenue": "revenue_external",
    "internal_sales": "internal_sales",
    "internal_purchases": "internal_purchases",
    "direct_costs": "direct_costs",
    "other_costs": "other_costs",
}


def pnl_plot(teams: Iterable[TeamEconomics], lang: str, currency: str = "") -> Bars:
    """`pnl_chart` as plain data for a file's own drawing: the same bars, colours and order."""
    chosen = sorted((tm for tm in teams if tm.row is not None), key=lambda tm: -(tm.net_profit or 0))
    parts = tuple(Key(t(f"step7.chart.{part}", lang), colour) for part, colour, _ in PNL_PARTS)
    values = tuple(
        tuple(float(sign * (getattr(tm, _PNL_FIELDS[part]) or 0)) for part, _, sign in PNL_PARTS) for tm in chosen
    )
    return Bars(
        tuple(tm.name for tm in chosen),
        parts,
        values,
        tuple(tm.net_profit for tm in chosen),
        fmt.money_label(t("step7.chart.amount", lang), currency),
        t("step7.chart.pnl_title", lang),
    )


def growth_plot(teams: Iterable[TeamEconomics], lang: str, currency: str = "") -> Points:
    """`growth_chart` as plain data for a file's own drawing."""
    groups = (True, False, None)
    keys = ("growth_met", "growth_short", "growth_no_target")
    points = tuple(
        (tm.name, float(tm.net_profit), float(tm.get("growth_actual_pct")), groups.index(tm.growth_met))
        for tm in teams
        if tm.net_profit is not None and tm.get("growth_actual_pct") is not None
    )
    return Points(
        points,
        tuple(Key(t(f"step7.chart.{k}", lang), c) for k, c in zip(keys, GROWTH_COLOURS, strict=True)),
        fmt.money_label(t("step7.chart.net_profit", lang), currency),
        t("step7.chart.growth", lang),
        t("step7.chart.growth_title", lang),
    )


def completion(data: Snapshot) -> Completion:
    """Step 7: every team that takes part has numbers for a period with its success metric, external
    revenue and direct costs filled in (the value-covers-costs check is then computed and shown)."""
    chosen = teams(data)
    if not chosen:
        return Completion(0, 1, (Missing("step7.missing.no_teams"),))
    complete = {
        r["department_id"] for r in data.get("economics", []) if all(r.get(f) not in (None, "") for f in REQUIRED)
    }
    missing = tuple(Missing("step7.missing.team", {"team": d["name"]}) for d in chosen if d["id"] not in complete)
    return Completion(len(chosen) - len(missing), len(chosen), missing)
