"""The sidebar: workshop, person, role, department and language."""

from __future__ import annotations

import streamlit as st

from cvm_core.errors import DomainError
from cvm_core.settings import LANGUAGES
from db import workshops
from ui import frame, live, sessions, state
from ui.frame import Here
from ui.state import t
from ui.widgets import number_locale, show_error


def render(here: Here | None) -> None:
    with st.sidebar:
        if here is None:
            st.caption(t("sidebar.no_workshop"))
        else:
            who, workshop, person = here.actor, here.workshop, here.person
            st.markdown(f"**{t('sidebar.workshop')}**")
            st.text(workshop["name"])
            st.markdown(f"**{t('sidebar.you')}**")
            st.text(f"{person['display_name']} · {t('choices.role.' + person['role'])}")
            _department(here)
            live.sidebar_controls(who, person, workshop["current_step"])
            if st.button(t("live.leave"), key="leave_workshop"):
                live.forget_browser()
                state.forget(who.workshop_id)
                st.rerun()
            sessions.render()
        st.session_state.lang_choice = state.lang()  # the room's language may have been settled meanwhile
        st.selectbox(
            t("sidebar.language"),
            LANGUAGES,
            format_func=lambda code: t(f"choices.language.{code}"),
            key="lang_choice",
            on_change=_set_language,
        )
        number_locale()


def _set_language() -> None:
    state.choose_language(st.session_state.lang_choice)


def _department(here: Here) -> None:
    who, person = here.actor, here.person
    departments = frame.rows(here, ("department",))[0].data
    options = {d["id"]: d["name"] for d in departments.get("department", [])}
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
            workshops.set_department(state.engine(), actor=who, department_id=chosen)
            st.rerun()
        except DomainError as exc:
            show_error(exc)
