"""The Rounds page on screen: the workshops of this line side by side, oldest first. The page script
(pages/rounds.py) puts these together; what is compared is cvm_core/rounds.py's."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from cvm_core import rounds as core
from db import read
from ui import registry, state
from ui.frame import Frame
from ui.state import t
from ui.widgets import md, unique


def load(page: Frame) -> list[core.Round]:
    """The rounds of this workshop's line, read again only when this workshop's rows change."""
    return page.once("rounds", lambda: read.rounds(state.engine(), actor=page.actor))


def line(rounds: list[core.Round]) -> None:
    names = [f"**{md(r.name)}**" if r.current else md(r.name) for r in rounds]
    st.markdown(f"{t('rounds.line')} " + " → ".join(names))
    if len(rounds) == 1:
        st.info(t("rounds.first"), icon="🌱")
        st.page_link(registry.HOME.path, label=t("rounds.start_next"), icon="🏠")


def since(rounds: list[core.Round]) -> None:
    """How the promises moved between the last two rounds up to this one."""
    line = core.up_to_current(rounds)
    if len(line) < 2:
        return
    moves = core.health_moves(core.promise_health(line), len(line) - 2, len(line) - 1)
    st.caption(t("rounds.since.against", name=md(line[-2].name)))
    better, worse, new = st.columns(3)
    better.metric(t("rounds.since.improved"), len(moves.improved))
    worse.metric(t("rounds.since.worsened"), len(moves.worsened))
    new.metric(t("rounds.since.new"), len(moves.new))


def _table(found: dict[str, core.Table], key: str) -> None:
    table = found.get(key)
    if table is None:
        st.caption(t("rounds.nothing"))
        return
    frame = pd.DataFrame(table.rows, columns=unique(table.headers))
    numbers = {
        c: st.column_config.NumberColumn(format="localized")
        for c in frame.columns
        if pd.api.types.is_numeric_dtype(frame[c])
    }
    st.dataframe(frame, hide_index=True, placeholder="—", column_config=numbers)


def compare(page: Frame, rounds: list[core.Round]) -> None:
    lang = state.lang()
    found = page.once("round_tables", lambda: {tb.key: tb for tb in core.tables(rounds, lang)})
    st.subheader(t("rounds.table.promises"))
    lines = core.promise_health(rounds)
    if lines:
        _chart(core.health_chart(rounds, lines, lang), core.grid_height(lines))
    _table(found, "promises")
    _offer(rounds, lang)
    st.subheader(t("rounds.teams"))
    money = core.teams(rounds)
    if any(v is not None for tl in money for v in tl.pool):
        _chart(core.pools_chart(rounds, money, lang), 300)
    left, right = st.columns(2)
    with left:
        st.markdown(f"**{t('rounds.table.profit')}**")
        _table(found, "profit")
    with right:
        st.markdown(f"**{t('rounds.table.pool')}**")
        _table(found, "pool")
    for key in ("prices", "feedback", "actions"):
        st.subheader(t(f"rounds.table.{key}"))
        if key == "prices":
            st.caption(t("rounds.prices_help"))
        _table(found, key)


def _offer(rounds: list[core.Round], lang: str) -> None:
    st.subheader(t("rounds.offer"))
    customers = core.offer_customers(rounds)
    if not customers:
        st.caption(t("rounds.nothing"))
        return
    chosen: Any = st.selectbox(t("steps15.customer"), customers, key="rounds_customer")
    _chart(core.offer_chart(rounds, chosen, lang), 320)


def _chart(chart: Any, plot_height: int, frame: int = 150) -> None:
    """An Altair chart at full width whose plot keeps its height (Streamlit fits the whole chart, axes and
    legend included, into the height it is given)."""
    st.altair_chart(chart, width="stretch", height=plot_height + frame)
