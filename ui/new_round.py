"""The home page's "new workshop from a past one": pick a workshop you facilitate (its next round) or a
template, tick what to carry, name it; and, for the facilitator, offering the current workshop as a template."""

from __future__ import annotations

import streamlit as st
from sqlalchemy import Engine

from cvm_core import carry
from db import rounds, workshops
from ui import live, state
from ui.frame import Here
from ui.state import t
from ui.widgets import attempt, md


def form(engine: Engine) -> None:
    st.caption(t("rounds.start.intro"))
    points = rounds.starting_points(engine, mine=list(state.joined().values()))
    if not points:
        st.caption(t("rounds.start.none"))
        return
    by_id = {p["id"]: p for p in points}
    current = st.session_state.get("workshop_id")
    first = list(by_id).index(current) if current in by_id else 0
    labels = {i: _label(p) for i, p in by_id.items()}
    picked = st.selectbox(t("rounds.start.from"), list(by_id), index=first, format_func=labels.get, key="nr_from")
    source = by_id[picked]
    with st.form("new_round"):
        name = st.text_input(t("rounds.start.name"), key="nr_name", placeholder=f"{source['name']} — 2")
        st.markdown(f"**{t('rounds.start.carry')}**")
        columns = st.columns(3)
        ticked = []
        for n, item in enumerate(carry.ITEMS):
            box = columns[n % 3].checkbox(
                t(f"rounds.item.{item.key}"),
                value=item.default or item.fixed,
                disabled=item.fixed,
                key=f"nr_item_{item.key}",
            )
            if box or item.fixed:
                ticked.append(item.key)
        by = source["by"]
        st.caption(t("rounds.start.passcode_same", workshop=md(_name(engine, by.workshop_id))))
        if not st.form_submit_button(t("rounds.start.submit"), type="primary"):
            return
    started = attempt(
        lambda: rounds.start_from(
            engine,
            source_id=source["id"],
            name=name,
            by=by,
            facilitator_name=by.name,
            items=ticked,
            same_passcode_as=by,
        )
    )
    if not started:
        return
    state.remember(started.actor)
    live.remember_browser(started.actor)
    w = started.workshop
    key = "rounds.start.done_linked" if started.linked else "rounds.start.done"
    st.session_state.notice = t(key, workshop=md(w["name"]), previous=md(source["name"]), code=w["join_code"])
    st.rerun()


def _label(point: dict) -> str:
    tags = [t("rounds.start.template_tag")] if point["is_template"] else []
    if point["by"].workshop_id == point["id"]:
        tags.append(t("rounds.start.yours_tag"))
    parts = [point["name"], point["organisation"], " · ".join(tags)]
    return " — ".join(p for p in parts if p)


def _name(engine: Engine, workshop_id: int) -> str:
    return workshops.workshop(engine, workshop_id=workshop_id)["name"]


def template_switch(engine: Engine, here: Here) -> None:
    """For the facilitator: offer the current workshop as a template (or stop)."""
    on = bool(here.workshop.get("is_template"))
    wanted = st.toggle(
        t("rounds.start.template"), value=on, help=t("rounds.start.template_help"), key=f"template_{here.workshop_id}"
    )
    if wanted != on and attempt(lambda: rounds.set_template(engine, actor=here.actor, template=wanted)):
        st.rerun()
