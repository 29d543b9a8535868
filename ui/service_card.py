"""A department's "as a service" card, shown beside the network and the value streams."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from cvm_core import fmt
from cvm_core.graph import HEALTH_ICONS, WORST_FIRST, price_text
from cvm_core.service_card import Card, Offer
from ui.state import lang, t
from ui.widgets import md

MARKDOWN_COLOURS = {"met": "green", "at_risk": "orange", "broken": "red", "no_data": "gray"}


def health_label(key: str) -> str:
    return f"{HEALTH_ICONS[key]} {t('choices.health.' + key)}"


def health_counts(counts: dict[str, int]) -> str:
    """How many promises of each health, worst first, as coloured Markdown."""
    return " · ".join(f":{MARKDOWN_COLOURS[k]}[**{counts.get(k, 0)}** {t('choices.health.' + k)}]" for k in WORST_FIRST)


def health_legend() -> str:
    """The edge colours of the network as one line of Markdown."""
    line = {k: "╍╍╍" if k == "no_data" else "━━━" for k in MARKDOWN_COLOURS}
    return " &nbsp; ".join(f":{c}[**{line[k]}**] {t('choices.health.' + k)}" for k, c in MARKDOWN_COLOURS.items())


def _price(o: Offer, currency: str) -> str:
    return price_text(o.price_amount, o.price_unit, o.price_period, lang(), currency)


def _offers(offers: list[Offer], other: str, currency: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("network.col.health"): [health_label(o.health) for o in offers],
            t("network.col.promise"): [o.text for o in offers],
            t(f"network.col.{other}"): [o.other for o in offers],
            t("network.col.price"): [_price(o, currency) for o in offers],
        }
    )


def show(card: Card) -> None:
    """The card: description, three figures, who it serves, its offers, purchases and promises."""
    with st.container(border=True):
        st.subheader(t("network.card.title", name=md(card.name)), anchor=False)
        if card.description:
            st.markdown(f"**{t('network.card.what')}**  \n{md(card.description)}")
        score, pnl, risk = st.columns(3)
        value = (
            t("network.card.feedback_value", score=fmt.number(card.feedback, lang(), 1), max=card.feedback_max)
            if card.feedback is not None
            else "—"
        )
        count = t("network.card.feedback_count", count=card.feedback_count) if card.feedback_count else None
        score.metric(t("network.card.feedback"), value, help=count or t("network.card.feedback_none"))
        net = md(fmt.money(card.flows.net, lang(), card.currency))
        pnl.metric(t("network.card.pnl_short"), net, help=t("network.card.pnl_source"))
        risk.metric(
            t("network.card.at_risk_short"),
            fmt.integer(card.at_risk, lang()),
            help=t("network.card.at_risk", count=card.at_risk),
        )
        st.markdown(f"**{t('network.card.health')}:** {health_counts(card.health)}")
        if card.clients:
            st.markdown(f"**{t('network.card.clients')}:** {md(', '.join(card.clients))}")
        st.markdown(f"**{t('network.card.offers')}**")
        if card.offers:
            st.dataframe(_offers(card.offers, "client", card.currency), hide_index=True, placeholder="—")
        else:
            st.caption(t("network.card.no_offers"))
        st.markdown(f"**{t('network.card.buys')}**")
        if card.purchases:
            st.dataframe(_offers(card.purchases, "supplier", card.currency), hide_index=True, placeholder="—")
        else:
            st.caption(t("network.card.no_buys"))
        if card.owned:
            st.markdown(f"**{t('network.card.owns')}**")
            st.dataframe(_owned(card), hide_index=True, placeholder="—")
        _pnl(card)


def _owned(card: Card) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("network.col.health"): [health_label(o.health) for o in card.owned],
            t("network.col.promise"): [o.text for o in card.owned],
            t("network.col.customer"): [o.customer for o in card.owned],
        }
    )


def _pnl(card: Card) -> None:
    f, code = card.flows, lang()
    money = {k: md(fmt.money(v, code, card.currency)) for k, v in (("sales", f.sales), ("purchases", f.purchases))}
    parts = [
        f"{t('network.card.sales')} {money['sales']}",
        f"{t('network.card.purchases')} {money['purchases']}",
        f"{t('network.card.net')} **{md(fmt.money(f.net, code, card.currency))}**",
    ]
    st.markdown(f"**{t('network.card.pnl')}:** " + " · ".join(parts))
    if f.sales_hours or f.purchases_hours:
        st.caption(
            t(
                "network.card.hours",
                supplied=f.sales_hours,
                bought=f.purchases_hours,
            )
        )
    st.caption(t("network.card.pnl_source"))
