"""Step 2 for the facilitator: merge pains that say the same thing (votes and factor links move, nobody's
budget is exceeded), and undo a merge. The arithmetic is cvm_core/merge.py's, the writes db/merge.py's."""

from __future__ import annotations

from typing import Any

import streamlit as st

from cvm_core import merge as core
from cvm_core import pains as pain_core
from db import merge, read
from ui import state
from ui.frame import Frame, flash
from ui.state import t
from ui.widgets import attempt, md

OWN = 0  # the radio choice "write a new text"


def controls(page: Frame, customer_id: int) -> None:
    pains = [p for p in page.data["pain"] if p["customer_id"] == customer_id and not p.get("hidden")]
    with st.expander(t("merge.title"), icon="🔗"):
        st.caption(t("merge.intro"))
        totals = pain_core.dots_by_pain(page.data["vote"])
        by_id = {p["id"]: p for p in pains}
        label = {pid: f"{p['text']} ({t('summary.dots', count=totals[pid])})" for pid, p in by_id.items()}
        _suggest(pains, by_id)
        chosen = st.multiselect(t("merge.pick"), list(by_id), format_func=label.get, key="mg_pick", max_selections=10)
        if len(chosen) >= 2:
            _form(page, chosen, by_id)
        _recent(page, customer_id)


def _suggest(pains: list[dict[str, Any]], by_id: dict[int, dict[str, Any]]) -> None:
    for a, b in core.similar(pains)[:5]:
        text, button = st.columns([5, 1], vertical_alignment="center")
        text.caption(t("merge.similar", first=md(by_id[a]["text"]), second=md(by_id[b]["text"])))
        if button.button(t("merge.pick_pair"), key=f"mg_pair_{a}_{b}"):
            st.session_state.mg_pick = [a, b]
            st.rerun()


def _form(page: Frame, chosen: list[int], by_id: dict[int, dict[str, Any]]) -> None:
    options = {**{pid: md(by_id[pid]["text"]) for pid in chosen}, OWN: t("merge.own_text")}  # radio labels are Markdown
    with st.form("mg_form"):
        pick = st.radio(t("merge.keep_text"), list(options), format_func=options.get, key="mg_text")
        own = st.text_input(t("merge.own"), key="mg_own")
        st.caption(t("merge.rule"))
        if not st.form_submit_button(t("merge.submit"), type="primary"):
            return
    text = own if pick == OWN else by_id[pick]["text"]
    done = attempt(lambda: merge.merge(state.engine(), actor=page.actor, pain_ids=chosen, text=text))
    if done:
        st.session_state.pop("mg_pick", None)
        flash(t("merge.done", count=len(chosen), text=done["text"][:60], lost=sum(done["lost"].values())))
        st.rerun()


def _recent(page: Frame, customer_id: int) -> None:
    found = read.merges(state.engine(), actor=page.actor)
    texts = {p["id"]: p for p in page.data["pain"]}
    mine = [m for m in found if texts.get(m["pain_id"], {}).get("customer_id") == customer_id][:5]
    if not mine:
        return
    st.markdown(f"**{t('merge.recent')}**")
    for m in mine:
        text, button = st.columns([5, 1], vertical_alignment="center")
        text.caption(
            t("merge.made", text=md(texts[m["pain_id"]]["text"]), count=len(m["originals"]), by=md(m["actor_name"]))
        )
        if button.button(t("merge.undo"), key=f"mg_undo_{m['pain_id']}"):
            if attempt(lambda pid=m["pain_id"]: merge.undo(state.engine(), actor=page.actor, pain_id=pid)):
                flash(t("merge.undone"))
                st.rerun()
