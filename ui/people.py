"""People on the facilitator's console (personal rejoin codes) and coming back with such a code on the
home page. The rights are the services' business; this module only draws and calls them."""

from __future__ import annotations

import streamlit as st
from sqlalchemy import Engine

from cvm_core import settings as s
from db import people as pp
from db import workshops as ws
from ui import arrive, state
from ui.frame import Here
from ui.state import t
from ui.widgets import attempt, md

REJOIN_PARAM = "rejoin"


def _base_url() -> str:
    return (st.context.url or "").split("?")[0]


def rejoin(engine: Engine) -> None:
    """Home page: come back as oneself in a new browser with the facilitator's one-time code or link.
    A link only fills the code in: a link preview in a chat app must not spend it."""
    linked = st.query_params.get(REJOIN_PARAM)
    if linked:
        st.session_state.setdefault("rejoin_code", ws.normalise_code(linked)[:20])
    with st.expander(t("people.rejoin.title"), expanded=bool(linked), icon="🔑"), st.form("rejoin"):
        st.caption(t("people.rejoin.help"))
        code = st.text_input(t("people.rejoin.code"), key="rejoin_code", max_chars=24)
        if st.form_submit_button(t("people.rejoin.button"), type="primary"):
            actor = attempt(lambda: pp.redeem_rejoin_code(engine, code=code, throttle_keys=state.throttle_keys()))
            if actor:
                st.session_state.pop("rejoin_code", None)
                arrive.land(actor, "people.rejoin.welcome", name=actor.name)


def section(here: Here) -> None:
    """Console: a one-time rejoin code for a chosen person, removing a person, changing the passcode."""
    st.subheader(t("people.console.title"))
    _person_actions(here)
    _passcode(here)


def _person_actions(here: Here) -> None:
    engine, who = state.engine(), here.actor
    if "people_notice" in st.session_state:
        st.success(st.session_state.pop("people_notice"), icon="✅")
    others = {p["id"]: p["display_name"] for p in ws.participants(engine, workshop_id=here.workshop_id)}
    others.pop(who.participant_id, None)
    if not others:
        st.caption(t("console.nobody_else"))
        return
    person = st.selectbox(t("people.console.person"), list(others), format_func=others.get, key="people_person")
    rejoin_col, remove_col = st.columns(2)
    if rejoin_col.button(t("people.console.rejoin_button"), icon="🔑", key="people_rejoin"):
        code = attempt(lambda: pp.issue_rejoin_code(engine, actor=who, participant_id=person))
        if code:
            st.session_state.people_code = (person, code)
    sure = remove_col.checkbox(t("people.console.remove_sure", name=md(others[person])), key=f"people_sure_{person}")
    if remove_col.button(t("people.console.remove_button"), icon="🚪", key="people_remove", disabled=not sure):
        if attempt(lambda: pp.remove(engine, actor=who, participant_id=person)):
            st.session_state.people_notice = t("people.console.removed", name=md(others[person]))
            st.session_state.pop("people_code", None)
            st.rerun()
    shown = st.session_state.get("people_code")
    if shown and shown[0] == person:
        _show_code(others[person], shown[1])


def _passcode(here: Here) -> None:
    with st.expander(t("people.passcode.title"), icon="🔐"), st.form("change_passcode", clear_on_submit=True):
        st.caption(t("people.passcode.help"))
        current = st.text_input(t("people.passcode.current"), type="password", key="passcode_current")
        new = st.text_input(t("people.passcode.new"), type="password", key="passcode_new")
        if st.form_submit_button(t("people.passcode.button")):
            done = attempt(
                lambda: pp.change_passcode(
                    state.engine(),
                    actor=here.actor,
                    current=current,
                    new=new,
                    keep_token=st.session_state.get("token"),
                    throttle_keys=state.throttle_keys(),
                )
            )
            if done:
                st.success(t("people.passcode.changed"), icon="✅")


def _show_code(name: str, code: str) -> None:
    with st.container(border=True):
        st.markdown(t("people.console.code_for", name=md(name), minutes=s.REJOIN_CODE_MINUTES))
        st.code(code, language=None)
        st.code(f"{_base_url()}?{REJOIN_PARAM}={code.replace('-', '')}", language=None)
