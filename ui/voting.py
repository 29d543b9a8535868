"""The facilitator's voting and brainstorm switches: voting open, anonymity, dots per person, private
brainstorm and revealing it (asked first; hidden again while nobody has acted on what it showed). One set
of controls, shown on step 2 and on the console."""

from __future__ import annotations

from typing import Any

import streamlit as st

from cvm_core.pains import hidden_count
from cvm_core.visibility import withheld
from db import workshops
from db.pains import Revealed, hide_again, reveal, revealed
from ui import confirm, state
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
            confirm.button(t("step2.fac.reveal", count=hidden), name="reveal", where=right, type="primary")
            confirm.dialog(
                "reveal",
                title=t("confirm.reveal.title"),
                body=t("confirm.reveal.body", count=hidden),
                yes=t("step2.fac.reveal", count=hidden),
                action=lambda: reveal(engine, actor=page.here.actor),
                done=lambda revealed: flash(t("step2.fac.revealed", count=revealed)),
            )
        _hide_again(page, right)


def _hide_again(page: Frame, where: Any) -> None:
    """After a reveal: "hide again" while nobody has acted on what it showed, else why not."""
    last = None if page.here.read_only else _last(page)
    if last is None:
        return
    if not last.can_hide:
        where.caption(t("step2.fac.cannot_hide", count=last.acted))
        return
    if where.button(t("step2.fac.hide_again", count=last.shown), key="s2_hide_again", icon="↩️"):
        hidden = attempt(lambda: hide_again(state.engine(), actor=page.here.actor))
        if hidden is not None:
            flash(t("step2.fac.hidden_again", count=hidden))
            st.rerun()


def _last(page: Frame) -> Revealed | None:
    """The last reveal's state, asked of the services. That there is none to undo is kept while the pains
    the person sees and whether each is hidden stay the same: a reveal shows at least one hidden pain,
    hiding again hides them, a pain back from the bin comes into sight. What rows hanging on the revealed
    pains do matters only once there is a reveal to undo, and that is asked on every run."""
    engine, actor = state.engine(), page.here.actor
    seen = tuple((p["id"], bool(p.get("hidden"))) for p in page.data["pain"])
    if page.once("s2_no_reveal", lambda: revealed(engine, actor=actor) is None, uses=("workshop",), also=seen):
        return None
    return revealed(engine, actor=actor)
