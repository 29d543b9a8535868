"""The sections of the step 7 page: the value-covers-costs check with its charts, and the teams' numbers."""

from __future__ import annotations

from datetime import date
from typing import Any

import streamlit as st

from cvm_core import economics as econ
from cvm_core import fmt
from ui import state
from ui.forms import add, choose, or_none
from ui.frame import Frame, Here
from ui.state import t
from ui.table import Col, editable_table, trash
from ui.widgets import arrow, chart, md, money_columns
from ui.widgets import completion as show_completion

PNL_FRAME = 170  # pixels for the title, legend and axes around the bars
MONEY = ("revenue", "internal_sales", "internal_purchases", "direct_costs", "other_costs", "net_profit")


def _period(data: dict[str, list[dict[str, Any]]], period: str, lang: str) -> dict[str, Any]:
    currency = fmt.currency_of(data)
    teams = econ.team_economics(data, period)
    with_numbers = [tm for tm in teams if tm.row is not None]
    return {
        "teams": len(teams),
        "with_numbers": len(with_numbers),
        "covering": sum(1 for tm in with_numbers if tm.verdict in (econ.COVERS, econ.BREAK_EVEN)),
        "profit": md(fmt.money(sum(tm.net_profit or 0 for tm in with_numbers), lang, currency)),
        "short": ", ".join(tm.name for tm in with_numbers if tm.verdict == econ.SHORT),
        "selling_hours": ", ".join(tm.name for tm in with_numbers if tm.flows.sales_hours),
        "table": arrow(econ.pnl_table(teams, lang, currency)) if with_numbers else None,
        "rows": [r for r in data["economics"] if r["period"] == period],
        "months": econ.period_months(period),
    }


def _build(data: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    lang = state.lang()
    currency = fmt.currency_of(data)
    periods = econ.periods(data["economics"]) or [econ.default_period(date.today())]
    money, hours = econ.company_balance(econ.internal_flows(data["internal_promise"], 1, econ.hour_rate_of(data)))
    return {
        "names": {d["id"]: d["name"] for d in data["department"]},
        "periods": periods,
        "by_period": {p: _period(data, p, lang) for p in periods},
        "completion": econ.completion(data),
        "balanced": abs(money) < 0.01 and abs(hours) < 0.01,
        "balance": md(fmt.money(money, lang, currency)),
        "unpriced": sum(1 for r in data["internal_promise"] if r.get("price_amount") is None),
        "hour_rate": econ.hour_rate_of(data),
        "hour_rate_text": md(fmt.money(econ.hour_rate_of(data), lang, currency)),
        "money_columns": money_columns([econ.money_column(c, lang, currency) for c in MONEY]),
    }


def load(page: Frame) -> tuple[dict[str, Any], str, dict[str, Any]]:
    """(everything, the chosen period, that period's figures); shows the completion and the period picker."""
    v = page.once("page", lambda: _build(page.data))
    show_completion(7, v["completion"])
    period = st.selectbox(t("step7.period"), v["periods"], key="step7_period")
    p = v["by_period"].get(period) or v["by_period"][v["periods"][0]]
    if p["months"] is None:
        st.warning(t("step7.period_unknown", period=md(period)), icon="📅")
    else:
        st.caption(t("step7.period_months", count=p["months"]))
    if v["hour_rate"] is not None:
        st.caption(t("step7.hour_rate", rate=v["hour_rate_text"]))
    if v["unpriced"]:
        st.caption(t("step7.unpriced", count=v["unpriced"]))
    return v, period, p


def tabs() -> list[Any]:
    """The check, its charts and the numbers behind them; only the open tab runs."""
    names = [t("step7.tab.check"), t("step7.tab.charts"), t("step7.tab.numbers")]
    return st.tabs(names, key="step7_tab", on_change="rerun")


def check(v: dict[str, Any], p: dict[str, Any]) -> None:
    """Does the value each team creates cover its costs: the verdicts, the P&L table and two charts."""
    st.subheader(t("step7.check"))
    c1, c2, c3 = st.columns(3)
    c1.metric(t("step7.covering"), fmt.ratio(p["covering"], p["teams"], state.lang()), border=True)
    c2.metric(t("step7.total_profit"), p["profit"], border=True)
    c3.metric(t("step7.balance"), "✅ 0" if v["balanced"] else v["balance"], border=True, help=t("step7.balance_help"))
    if p["table"] is None:
        st.info(t("step7.no_numbers"), icon="🧮")
        return
    if p["short"]:
        st.error(t("step7.short", teams=md(p["short"])), icon="❌")
    if p["selling_hours"]:
        st.caption(t("step7.hours_note", teams=md(p["selling_hours"])))
    st.dataframe(p["table"], hide_index=True, placeholder="—", column_config=v["money_columns"])


def _charts(data: dict[str, list[dict[str, Any]]], period: str) -> dict[str, Any]:
    lang, currency = state.lang(), fmt.currency_of(data)
    teams = [tm for tm in econ.team_economics(data, period) if tm.row is not None]
    grew = any(tm.get("growth_actual_pct") is not None for tm in teams)
    return {
        "pnl": econ.pnl_chart(teams, lang, currency).to_dict(validate=False) if teams else None,
        "growth": econ.growth_chart(teams, lang, currency).to_dict(validate=False) if grew else None,
    }


def charts(page: Frame, period: str) -> None:
    """What each team earns and spends, and profit against growth (built only when this tab is open)."""
    specs = page.once(("charts", period), lambda: _charts(page.data, period))
    if specs["pnl"] is None:
        st.info(t("step7.no_numbers"), icon="🧮")
        return
    chart(specs["pnl"], PNL_FRAME)
    if specs["growth"]:
        chart(specs["growth"])
    else:
        st.caption(t("step7.no_growth"))


def numbers(here: Here, v: dict[str, Any], period: str, p: dict[str, Any], read_only: bool) -> None:
    """The teams' numbers for the period, editable in place, and a form to add a team's numbers."""
    names = v["names"]
    st.subheader(t("step7.numbers"))
    st.caption(t("step7.numbers_help"))
    editable_table(
        key="economics",
        entity_name="economics",
        rows=p["rows"],
        cols=[
            Col("department_id", "select", options=names, required=True),
            Col("period", required=True),
            Col("success_metric_name"),
            Col("success_target", "number"),
            Col("success_actual", "number"),
            Col("revenue_external", "number"),
            Col("direct_costs", "number"),
            Col("other_costs", "number"),
            Col("growth_target_pct", "number"),
            Col("growth_actual_pct", "number"),
        ],
        actor=here.actor,
        defaults={"period": period},
        label_field="success_metric_name",
        read_only=read_only,
    )
    trash(
        key="economics_bin",
        entity_name="economics",
        here=here,
        label=lambda r: f"{names.get(r['department_id'], '')} · {r['period']}",
    )
    if not read_only:
        _add(here, names, period, {r["department_id"] for r in p["rows"]}, expanded=not p["rows"])


def _add(here: Here, names: dict[int, str], period: str, have: set[int], expanded: bool) -> None:
    mine = here.person.get("department_id")
    start = mine if mine in names and mine not in have else next((d for d in names if d not in have), None)
    with st.expander(t("step7.add"), expanded=expanded, icon="➕"), st.form("add_economics"):
        a, b = st.columns([2, 1])
        department = choose(t("fields.economics.department_id"), or_none(names), where=a, first=start)
        new_period = b.text_input(t("fields.economics.period"), value=period, key="new_economics_period")
        s1, s2, s3 = st.columns([2, 1, 1])
        metric = s1.text_input(t("fields.economics.success_metric_name"), key="new_economics_metric")
        target = s2.number_input(t("fields.economics.success_target"), value=None, key="new_economics_target")
        actual = s3.number_input(t("fields.economics.success_actual"), value=None, key="new_economics_actual")
        m1, m2, m3 = st.columns(3)
        revenue = m1.number_input(t("fields.economics.revenue_external"), value=None, key="new_economics_revenue")
        direct = m2.number_input(t("fields.economics.direct_costs"), value=None, key="new_economics_direct")
        other = m3.number_input(t("fields.economics.other_costs"), value=None, key="new_economics_other")
        g1, g2 = st.columns(2)
        growth_target = g1.number_input(
            t("fields.economics.growth_target_pct"), value=None, key="new_economics_growth_target"
        )
        growth_actual = g2.number_input(
            t("fields.economics.growth_actual_pct"), value=None, key="new_economics_growth_actual"
        )
        data = {
            "department_id": department,
            "period": new_period,
            "success_metric_name": metric,
            "success_target": target,
            "success_actual": actual,
            "revenue_external": revenue,
            "direct_costs": direct,
            "other_costs": other,
            "growth_target_pct": growth_target,
            "growth_actual_pct": growth_actual,
        }
        typed = ("new_economics_metric", "new_economics_revenue", "new_economics_direct")
        add(t("step7.add"), here.actor, "economics", data, forget=typed)
