"""The sidebar: workshop, person, role, department and language."""

from __future__ import annotations

import streamlit as st

from cvm_core.errors import DomainError
from cvm_core.settings import LANGUAGES
from db import services as sv
from db import workshops as ws
from ui import live, sessions, state
from ui.state import t
from ui.widgets import show_error


def render() -> None:
    with st.sidebar:
        current = state.current()
        if current is None:
            st.caption(t("sidebar.no_workshop"))
        else:
            who, workshop, person = current
            st.markdown(f"**{t('sidebar.workshop')}**")
            st.text(workshop["name"])
            st.markdown(f"**{t('sidebar.you')}**")
            st.text(f"{person['display_name']} · {t('choices.role.' + person['role'])}")
            _department(who, person)
            live.sidebar_controls(who, person, workshop["current_step"])
            if st.button(t("live.leave"), key="leave_workshop"):
                live.forget_browser()
                state.forget(who.workshop_id)
                st.rerun()
            sessions.render()
        st.selectbox(
            t("sidebar.language"),
            LANGUAGES,
            index=LANGUAGES.index(state.lang()),
            format_func=lambda code: t(f"choices.language.{code}"),
            key="lang_choice",
            on_change=_set_language,
        )


def _set_language() -> None:
    st.session_state.lang = st.session_state.lang_choice


def _department(who: sv.Actor, person: dict) -> None:
    departments = sv.rows(state.engine(), workshop_id=who.workshop_id, entity_name="department")
    options = {d["id"]: d["name"] for d in departments}
    if not options:
        return
    chosen = st.selectbox(
        t("sidebar.department"),
        [None, *options],
        index=([None, *options].index(person["department_id"]) if person["department_id"] in options else 0),
        format_func=lambda v: options.get(v, t("common.none")),
        key=f"my_department_{who.workshop_id}",
    )
    if chosen != person["department_id"]:
        try:
            ws.set_department(state.engine(), actor=who, department_id=chosen)
            st.rerun()
        except DomainError as exc:
            show_error(exc)
