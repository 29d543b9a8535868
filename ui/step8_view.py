"""The sections of the step 8 page: bonus pools and one team up close, choosing variants, comparing them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import streamlit as st

from cvm_core import economics as econ
from cvm_core import fmt, i18n
from cvm_core import motivation as mot
from cvm_core.settings import BONUS_SHARE_DEFAULT
from ui import state
from ui.forms import add, choose, or_none
from ui.frame import Frame, Here
from ui.state import t
from ui.table import Col, editable_table
from ui.widgets import arrow, md, money_columns
from ui.widgets import completion as show_completion


def _card(tb: mot.TeamBonus, variant_names: dict[int, str], lang: str, currency: str) -> dict[str, Any]:
    """What the team card shows, as ready text and tables."""
    col = {k: i18n.t(f"step8.col.{k}", lang) for k in ("variant", "formula")}
    col |= {k: fmt.money_label(i18n.t(f"step8.col.{k}", lang), currency) for k in ("pool", "amount")}
    card: dict[str, Any] = {
        "name": tb.team.name,
        "what_if": arrow(
            [
                {
                    col["variant"]: variant_names[n] + (" ✓" if tb.bonus and tb.bonus.variant == n else ""),
                    col["pool"]: b.pool if b.computed else None,
                    col["formula"]: b.formula.text(lang, currency),
                }
                for n, b in tb.variants.items()
            ]
        ),
        "plan": tb.bonus is not None,
    }
    if tb.bonus is None:
        return card
    card |= {
        "variant": variant_names[tb.bonus.variant],
        "pool": md(fmt.money(tb.bonus.pool, lang, currency)) if tb.bonus.computed else "—",
        "formula": tb.bonus.formula.text(lang, currency),
        "inputs": " · ".join(
            f"{i18n.t(key, lang)}: {mot.input_text(key, value, lang, currency)}" for key, value in tb.bonus.inputs
        ),
        "warnings": [w.text(lang, currency) for w in tb.warnings],
        "payouts": arrow(
            [
                {
                    i18n.t("fields.team_member.name", lang): pay.name,
                    i18n.t("fields.team_member.role", lang): pay.role,
                    i18n.t("fields.team_member.bonus_share", lang): pay.share,
                    col["amount"]: pay.amount,
                }
                for pay in tb.payouts
            ]
        )
        if tb.payouts
        else None,
    }
    return card


def _pools(bonuses: list[mot.TeamBonus], variant_names: dict[int, str], lang: str, currency: str) -> dict[str, Any]:
    """The pools tab: every team's pool under its chosen variant and the totals."""
    planned = [b for b in bonuses if b.bonus is not None]
    col = {k: i18n.t(f"step8.col.{k}", lang) for k in ("team", "variant", "formula", "warnings")}
    col["pool"] = fmt.money_label(i18n.t("step8.col.pool", lang), currency)
    return {
        "teams": len(bonuses),
        "planned": len(planned),
        "total": md(fmt.money(sum(b.bonus.pool for b in planned), lang, currency)),
        "planned_of": fmt.ratio(len(planned), len(bonuses), lang),
        "warned_count": fmt.integer(sum(1 for b in bonuses if b.warnings), lang),
        "warned": sum(1 for b in bonuses if b.warnings),
        "pools": arrow(
            [
                {
                    col["team"]: b.team.name,
                    col["variant"]: variant_names[b.bonus.variant],
                    col["pool"]: b.bonus.pool if b.bonus.computed else None,
                    col["formula"]: b.bonus.formula.text(lang, currency),
                    col["warnings"]: " · ".join(w.text(lang, currency) for w in b.warnings),
                }
                for b in planned
            ]
        )
        if planned
        else None,
    }


def _comparison(bonuses: list[mot.TeamBonus], lang: str) -> dict[str, Any]:
    comparison = mot.comparison_table(bonuses, lang)
    team_column = i18n.t("step8.col.team", lang)
    return {
        "comparison": arrow(comparison) if comparison else None,
        "comparison_money": money_columns([k for k in (comparison[0] if comparison else {}) if k != team_column]),
    }


@dataclass(frozen=True)
class Figures:
    """The chosen period's figures: each tab's part is computed when the tab asks for it (a team's card
    only for the team looked at) and kept with the rows."""

    page: Frame
    period: str
    variant_names: dict[int, str]

    @property
    def bonuses(self) -> list[mot.TeamBonus]:
        return _bonuses(self.page, self.period)

    @property
    def money(self) -> dict[str, Any]:
        currency = fmt.currency_of(self.page.data)
        return money_columns([fmt.money_label(t(f"step8.col.{k}"), currency) for k in ("pool", "amount")])

    def _part(self, name: str, compute: Callable[[str, str], dict[str, Any]]) -> dict[str, Any]:
        page, lang = self.page, state.lang()
        return page.once((name, self.period), lambda: compute(lang, fmt.currency_of(page.data)))

    def pools(self) -> dict[str, Any]:
        return self._part("pools", lambda lang, cur: _pools(self.bonuses, self.variant_names, lang, cur))

    def teams(self) -> list[int]:
        return [b.team.department_id for b in self.bonuses]

    def card(self, department_id: int) -> dict[str, Any]:
        found = next(b for b in self.bonuses if b.team.department_id == department_id)
        return self._part(f"card_{department_id}", lambda lang, cur: _card(found, self.variant_names, lang, cur))

    def comparison(self) -> dict[str, Any]:
        return self._part("comparison", lambda lang, _: _comparison(self.bonuses, lang))


def _bonuses(page: Frame, period: str) -> list[mot.TeamBonus]:
    return page.once(("bonuses", period), lambda: mot.team_bonuses(page.data, period))


def _build(page: Frame) -> dict[str, Any]:
    data = page.data
    found = econ.periods(data["economics"])
    periods = found or [econ.default_period(date.today())]
    latest = _bonuses(page, found[0]) if found else None  # the completion's, and the period shown first
    return {
        "names": {d["id"]: d["name"] for d in data["department"]},
        "variant_names": {n: t(f"step8.variant.{n}") for n in mot.VARIANTS},
        "periods": periods,
        "plans": data["motivation_plan"],
        "completion": mot.completion(data, latest),
    }


def load(page: Frame) -> tuple[dict[str, Any], Figures]:
    """(everything, the chosen period's figures); shows the completion, the variants and the period picker."""
    v = page.once("page", lambda: _build(page))
    show_completion(8, v["completion"])
    with st.expander(t("step8.variants_title"), icon="📐"):
        for n, name in v["variant_names"].items():
            st.markdown(f"**{name}**: {t(f'step8.variant_help.{n}')}")
    period = st.selectbox(t("step8.period"), v["periods"], key="step8_period")
    return v, Figures(page, period if period in v["periods"] else v["periods"][0], v["variant_names"])


def tabs() -> list[Any]:
    """Pools, one team up close, choosing variants, comparing them; only the open tab runs."""
    names = [t(f"step8.tab.{k}") for k in ("pools", "team", "plans", "compare")]
    return st.tabs(names, key="step8_tab", on_change="rerun")


def pools(v: dict[str, Any], figures: Figures) -> None:
    """Every team's pool under its chosen variant, with its formula and what to check."""
    p = figures.pools()
    c1, c2, c3 = st.columns(3)
    c1.metric(t("step8.teams_with_plan"), p["planned_of"], border=True)
    c2.metric(t("step8.total_pool"), p["total"], border=True)
    c3.metric(t("step8.with_warnings"), p["warned_count"], border=True)
    st.subheader(t("step8.pools"))
    if p["pools"] is None:
        st.info(t("step8.no_plans"), icon="🎯")
    else:
        st.dataframe(p["pools"], hide_index=True, placeholder="—", column_config=figures.money)


def team(here: Here, v: dict[str, Any], figures: Figures) -> None:
    """One team up close: formula, inputs, warnings, the split among members and what-if."""
    ids = figures.teams()
    if not ids:
        st.info(t("step8.no_plans"), icon="🎯")
        return
    st.subheader(t("step8.team_card"))
    mine = here.person.get("department_id")
    chosen = st.selectbox(
        t("step8.col.team"),
        ids,
        index=ids.index(mine) if mine in ids else 0,
        format_func=v["names"].get,
        key="step8_team",
    )
    _team_card(figures.card(chosen), figures.money)


def _team_card(card: dict[str, Any], money: dict[str, Any]) -> None:
    with st.container(border=True):
        if not card["plan"]:
            st.info(t("step8.no_plan_for", team=md(card["name"])), icon="🎯")
        else:
            head, pool = st.columns([3, 1])
            head.markdown(f"### {md(card['name'])}  \n{card['variant']}")
            pool.metric(t("step8.pool_title"), card["pool"])
            st.markdown(f"**{t('step8.how_computed')}**")
            st.code(card["formula"], language=None, wrap_lines=True)
            st.caption(md(card["inputs"]))
            for warning in card["warnings"]:
                st.warning(md(warning), icon="⚠️")
            if card["payouts"] is not None:
                st.markdown(f"**{t('step8.split')}**")
                st.dataframe(card["payouts"], hide_index=True, placeholder="—", column_config=money)
        st.markdown(f"**{t('step8.what_if')}**")
        st.dataframe(card["what_if"], hide_index=True, placeholder="—", column_config=money)


def plans(here: Here, v: dict[str, Any], read_only: bool) -> None:
    """The variant each team chose, with its parameters, editable in place; a form for teams without one."""
    names = v["names"]
    st.subheader(t("step8.plans"))
    st.caption(t("step8.plans_help"))
    editable_table(
        key="motivation_plans",
        entity_name="motivation_plan",
        rows=v["plans"],
        cols=[
            Col("department_id", "select", options=names, required=True),
            Col("variant", "select", options=v["variant_names"], required=True),
            Col("share_pct", "number"),
            Col("baseline_profit", "number"),
            Col("company_profit", "number"),
            Col("team_weight", "number"),
        ],
        actor=here.actor,
        defaults={"variant": 1, "share_pct": BONUS_SHARE_DEFAULT},
        read_only=read_only,
    )
    if not read_only:
        _add(here, v, expanded=not v["plans"])


def _add(here: Here, v: dict[str, Any], expanded: bool) -> None:
    names = v["names"]
    have = {r["department_id"] for r in v["plans"]}
    free = or_none({d: n for d, n in names.items() if d not in have})
    mine = here.person.get("department_id")
    start = mine if mine in free else next(iter(list(free)[1:]), None)
    with st.expander(t("step8.add"), expanded=expanded, icon="➕"), st.form("add_plan"):
        department = choose(t("fields.motivation_plan.department_id"), free, first=start)
        variant = st.radio(
            t("fields.motivation_plan.variant"),
            mot.VARIANTS,
            format_func=v["variant_names"].get,
            key="new_plan_variant",
        )
        a, b, c, d = st.columns(4)
        share = a.number_input(t("fields.motivation_plan.share_pct"), value=BONUS_SHARE_DEFAULT, key="new_plan_share")
        baseline = b.number_input(
            t("fields.motivation_plan.baseline_profit"),
            value=None,
            help=t("step8.help.baseline"),
            key="new_plan_baseline",
        )
        company = c.number_input(
            t("fields.motivation_plan.company_profit"), value=None, help=t("step8.help.company"), key="new_plan_company"
        )
        weight = d.number_input(
            t("fields.motivation_plan.team_weight"), value=None, help=t("step8.help.weight"), key="new_plan_weight"
        )
        data = {
            "department_id": department,
            "variant": variant,
            "share_pct": share,
            "baseline_profit": baseline,
            "company_profit": company,
            "team_weight": weight,
        }
        add(t("step8.add"), here.actor, "motivation_plan", data)


def compare(figures: Figures) -> None:
    st.subheader(t("step8.comparison"))
    st.caption(t("step8.comparison_help"))
    p = figures.comparison()
    if p["comparison"] is not None:
        st.dataframe(p["comparison"], hide_index=True, placeholder="—", column_config=p["comparison_money"])
