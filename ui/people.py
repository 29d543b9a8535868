"""People on the facilitator's console (personal rejoin codes) and coming back with such a code on the
home page. The rights are the services' business; this module only draws and calls them."""

from __future__ import annotations

import streamlit as st
from sqlalchemy import Engine

from cvm_core import settings as s
from db import people as pp
from db import roster, workshops
from ui import arrive, confirm, state
from ui import roster as roster_ui
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
        st.session_state.setdefault("rejoin_code", workshops.normalise_code(linked)[:20])
    with st.expander(t("people.rejoin.title"), expanded=bool(linked), icon="🔑"), st.form("rejoin"):
        st.caption(t("people.rejoin.help"))
        code = st.text_input(t("people.rejoin.code"), key="rejoin_code", max_chars=24)
        if st.form_submit_button(t("people.rejoin.button"), type="primary"):
            actor = attempt(lambda: pp.redeem_rejoin_code(engine, code=code, throttle_keys=state.throttle_keys()))
            if actor:
                st.session_state.pop("rejoin_code", None)
                arrive.land(actor, "people.rejoin.welcome", name=actor.name)


def section(here: Here) -> None:
    """Console: the list of people (pasted, invited), then for a chosen person a one-time rejoin code,
    their role, a reset, removing them (and bringing them back); changing the passcode."""
    st.subheader(t("people.console.title"))
    roster_ui.section(here)
    _person_actions(here)
    _passcode(here)


def _person_actions(here: Here) -> None:
    engine, who = state.engine(), here.actor
    if "people_notice" in st.session_state:
        st.success(st.session_state.pop("people_notice"), icon="✅")
    people = {p["id"]: p for p in workshops.participants(engine, workshop_id=here.workshop_id)}
    people.pop(who.participant_id, None)
    _bring_back(here)
    if not people:
        st.caption(t("console.nobody_else"))
        return
    label = {pid: roster_ui.label(p) for pid, p in people.items()}
    person = st.selectbox(t("people.console.person"), list(people), format_func=label.get, key="people_person")
    name = people[person]["display_name"]
    rejoin_col, role_col = st.columns(2)
    if rejoin_col.button(t("people.console.rejoin_button"), icon="🔑", key="people_rejoin"):
        code = attempt(lambda: pp.issue_rejoin_code(engine, actor=who, participant_id=person))
        if code:
            st.session_state.people_code = (person, code)
    roster_ui.role_control(here, people[person], role_col)
    reset_col, remove_col = st.columns(2)
    if people[person]["claimed_at"] is not None:
        confirm.button(t("people.console.reset_button"), name="reset_person", where=reset_col, icon="♻️")
    confirm.dialog(
        "reset_person",
        title=t("confirm.reset.title"),
        body=t("confirm.reset.body", name=md(name)),
        yes=t("people.console.reset_button"),
        action=lambda: roster.reset(engine, actor=who, participant_id=person),
        done=lambda _: _notice(t("confirm.reset.done", name=md(name))),
    )
    confirm.button(t("people.console.remove_button"), name="remove_person", where=remove_col, icon="🚪")
    confirm.dialog(
        "remove_person",
        title=t("confirm.remove.title"),
        body=t("confirm.remove.body", name=md(name)),
        yes=t("people.console.remove_button"),
        action=lambda: pp.remove(engine, actor=who, participant_id=person),
        done=lambda _: _removed(person, name),
    )
    shown = st.session_state.get("people_code")
    if shown and shown[0] == person:
        _show_code(name, shown[1])


def _notice(text: str) -> None:
    st.session_state.people_notice = text
    st.session_state.pop("people_code", None)


def _removed(person: int, name: str) -> None:
    _notice(t("people.console.removed", name=md(name)))
    st.session_state.people_removed = (person, name)


def _bring_back(here: Here) -> None:
    """Right after a removal: bring the person back (their sessions stay ended)."""
    removed = st.session_state.get("people_removed")
    if not removed:
        return
    person, name = removed
    text, button = st.columns([3, 1], vertical_alignment="center")
    text.caption(t("people.console.bring_back_note", name=md(name)))
    if button.button(t("people.console.bring_back", name=name), key="people_bring_back", icon="↩️"):
        if attempt(lambda: pp.bring_back(state.engine(), actor=here.actor, participant_id=person), where=text):
            st.session_state.pop("people_removed", None)
            _notice(t("people.console.brought_back", name=md(name)))
            st.rerun()


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
