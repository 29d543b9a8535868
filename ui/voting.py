"""The facilitator's voting and brainstorm switches: voting open, anonymity, dots per person, private
brainstorm and revealing it. One set of controls, shown on step 2 and on the console."""

from __future__ import annotations

import streamlit as st

from cvm_core.pains import hidden_count
from cvm_core.visibility import withheld
from db import workshops
from db.pains import reveal
from ui import state
from ui.frame import Frame, flash
from ui.state import t
from ui.widgets import attempt


def controls(page: Frame) -> None:
    """Voting open, anonymity, dots per person, private brainstorm and revealing: the facilitator's only."""
    engine, workshop = state.engine(), page.workshop
    version = workshop["version"]
    hidden = hidden_count(page.data["pain"]) + withheld(page.data, "pain")
    with st.container(border=True):
        st.markdown(f"**{t('step2.fac.title')}**")
        left, middle, right = st.columns(3)
        changes = {
            "voting_open": left.toggle(t("step2.fac.voting_open"), workshop["voting_open"], key=f"s2_open_{version}"),
            "voting_anonymous": left.toggle(
                t("step2.fac.anonymous"), workshop["voting_anonymous"], key=f"s2_anon_{version}"
            ),
            "dots_per_person": middle.number_input(
                t("step2.fac.dots"), value=workshop["dots_per_person"], step=1, key=f"s2_dots_{version}"
            ),
            "brainstorm_private": right.toggle(
                t("step2.fac.private"), workshop["brainstorm_private"], key=f"s2_private_{version}"
            ),
        }
        changed = {k: v for k, v in changes.items() if v != workshop[k]}
        if changed and attempt(
            lambda: workshops.update_settings(engine, actor=page.here.actor, version=version, changes=changed)
        ):
            st.rerun()
        if hidden:
            right.caption(t("step2.fac.hidden", count=hidden))
            if right.button(t("step2.fac.reveal", count=hidden), key="s2_reveal", type="primary"):
                revealed = attempt(lambda: reveal(engine, actor=page.here.actor))
                if revealed is not None:
                    flash(t("step2.fac.revealed", count=revealed))
                    st.rerun()
