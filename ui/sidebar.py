"""The sidebar: the navigation, workshop, person, role, department and language."""

from __future__ import annotations

import copy
from functools import cache

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from cvm_core import i18n
from cvm_core.errors import DomainError
from cvm_core.settings import LANGUAGES
from db import workshops
from ui import frame, live, registry, sessions, state
from ui.frame import Here
from ui.state import t
from ui.widgets import md, number_locale, show_error


def pages() -> dict[str, list[StreamlitPage]]:
    """The navigation's pages by section, in the session's language, for this run: copies of pages built
    once per language for the server (st.Page resolves and checks every file each time it is made, a few
    ms per run of every page; st.navigation marks the page a session runs, so each run gets its own)."""
    return {section: [copy.copy(p) for p in found] for section, found in _built(state.lang())}


@cache
def _built(lang: str) -> tuple[tuple[str, tuple[StreamlitPage, ...]], ...]:
    return tuple(
        (
            i18n.t(f"steps.section_{section}", lang),
            tuple(
                st.Page(p.path, title=i18n.t(p.title, lang), icon=p.icon, default=p is registry.HOME)
                for p in registry.PAGES
                if p.section == section
            ),
        )
        for section in registry.SECTIONS
    )


def render(here: Here | None, shown: registry.Page | None = None) -> None:
    """The sidebar; `shown` is the page this run draws (the department list is read with its rows)."""
    with st.sidebar:
        if here is None:
            st.caption(t("sidebar.no_workshop"))
        else:
            who, workshop, person = here.actor, here.workshop, here.person
            you = f"{person['display_name']} · {t('choices.role.' + person['role'])}"
            st.markdown(  # one element for the four lines (user text escaped: never markup, never a link)
                f"**{t('sidebar.workshop')}**  \n{md(workshop['name'])}\n\n**{t('sidebar.you')}**  \n{md(you)}"
            )
            _department(here, shown)
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


def _department(here: Here, shown: registry.Page | None) -> None:
    who, person = here.actor, here.person
    options = {d["id"]: d["name"] for d in frame.departments(here, shown)}
    if not options:
        return
    none = t("common.none")
    chosen = st.selectbox(
        t("sidebar.department"),
        [None, *options],
        index=([None, *options].index(person["department_id"]) if person["department_id"] in options else 0),
        format_func=lambda v: options.get(v, none),
        key=f"my_department_{who.workshop_id}",
    )
    if chosen != person["department_id"]:
        try:
            workshops.set_department(state.engine(), actor=who, department_id=chosen)
            st.rerun()
        except DomainError as exc:
            show_error(exc)
