"""From an artefact's own page to a new action in one click: a button per artefact that calls for one (a
broken promise, a negotiation, an experiment's decision, a pain no factor answers, a feedback round), which
opens the actions register with the action pre-filled from it."""

from __future__ import annotations

from typing import Any

import streamlit as st

from cvm_core import actions as core
from ui import registry, state
from ui.frame import Frame
from ui.state import t
from ui.widgets import md

DRAFT = "action_draft"  # the pre-filled action the register's add form opens with
SHOWN = 12
LABEL_MAX = 60


def offer(page: Frame, sources: tuple[str, ...], *, key: str, customer_id: int | None = None) -> None:
    """The buttons for this page's artefacts of the kinds `sources` (of one customer, when given), in a box
    that takes little room."""
    if page.here.read_only:
        return
    items = [
        (source, row)
        for source in sources
        for row in core.candidates(page.data, source)
        if customer_id is None or row.get("customer_id") == customer_id
    ]
    if not items:
        return
    with st.container(border=True):
        st.markdown(f"**{t('actions.link.title')}**")
        st.caption(t("actions.link.help"))
        line = st.container(horizontal=True, gap="small")
        for source, row in items[:SHOWN]:
            text = core.label(source, row)
            short = text if len(text) <= LABEL_MAX else text[: LABEL_MAX - 1] + "…"
            if line.button(
                f"➕ {md(short)}", key=f"{key}_{source}_{row['id']}", help=t(f"choices.action_source.{source}")
            ):
                start(source, row)
        if len(items) > SHOWN:
            st.caption(t("common.and_more", count=len(items) - SHOWN))


def start(source: str, row: dict[str, Any]) -> None:
    """Open the register with an action drafted from `row`."""
    st.session_state[DRAFT] = {"data": core.draft(source, row, state.lang()), "from": core.label(source, row)}
    st.switch_page(registry.page("actions").path)
