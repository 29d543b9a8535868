"""Entering for someone in the room who has no device: those who may (the facilitator, a co-facilitator,
a scribe) choose whom the entries and dots of a page are for, and can add a person to the list on the
spot. What they enter is the person's own, marked "entered by …"; the rights are the services'."""

from __future__ import annotations

import streamlit as st

from cvm_core import policy
from cvm_core import settings as s
from cvm_core.entered import byline, for_whom
from cvm_core.rows import Row
from db import roster
from ui import state
from ui.frame import Frame, flash
from ui.state import t
from ui.widgets import attempt, md

KEY = "entering_for"
_NEXT = "_entering_for_next"  # a person just added: chosen on the next run (a widget's value is set before it)


def picker(page: Frame) -> Row | None:
    """Whom this page's new entries and dots are for: None for oneself (and for everyone who may only
    enter for themselves), else the person chosen."""
    if page.read_only or not policy.enters_for_others(page.here.person["role"]):
        return None
    people = {p["id"]: p for p in for_whom(page.data["participant"], page.me)}
    if st.session_state.get(_NEXT) in people:
        st.session_state[KEY] = st.session_state.pop(_NEXT)
    if st.session_state.get(KEY) not in people:
        st.session_state.pop(KEY, None)  # removed meanwhile, or taken out of the list: back to oneself
    labels = {None: t("onbehalf.myself")} | {pid: _name(p) for pid, p in people.items()}
    with st.container(border=True):
        chosen = st.selectbox(
            t("onbehalf.label"), list(labels), format_func=labels.get, key=KEY, help=t("onbehalf.help")
        )
        _add_person(page)
    if chosen not in people:
        return None
    st.info(t("onbehalf.now", name=md(people[chosen]["display_name"])), icon="✍️")
    return people[chosen]


def _name(person: Row) -> str:
    away = person.get("claimed_at") is None
    return t("onbehalf.no_device", name=person["display_name"]) if away else person["display_name"]


def _add_person(page: Frame) -> None:
    """Someone in the room without a device and not on the list yet: add them (a name, a department)."""
    with st.popover(t("onbehalf.add.title"), icon="➕"), st.form("onbehalf_add", clear_on_submit=True):
        name = st.text_input(t("roster.invite.name"), key="onbehalf_name", max_chars=s.PERSON_NAME_MAX)
        department = st.text_input(t("home.department"), key="onbehalf_department", max_chars=s.NAME_MAX)
        if st.form_submit_button(t("onbehalf.add.button"), type="primary"):
            line = f"{name}\t{department}" if department.strip() else name
            added = attempt(lambda: roster.add_people(state.engine(), actor=page.actor, text=line))
            if added:
                st.session_state[_NEXT] = added[0]
                flash(t("onbehalf.add.done", name=name.strip()))
                st.rerun()


def author(row: Row, names: dict[int, str], me: int | None, owner: str = "author_id") -> str:
    """An entry's author as a table shows it: "Bob", "you", "Bob (entered by Fay)"."""
    name, by = byline(row, names, owner)
    if row.get(owner) == me and me is not None:
        name = t("onbehalf.you")
    if by is None:
        return name
    who = t("onbehalf.you") if row.get("entered_by_id") == me else by
    return t("onbehalf.entered_by", name=name, by=who)
