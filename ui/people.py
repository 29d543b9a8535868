"""People on the facilitator's console (personal rejoin codes) and coming back with such a code on the
home page. The rights are the services' business; this module only draws and calls them."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import streamlit as st
from sqlalchemy import Engine

from cvm_core import settings as s
from db import people as pp
from db import roster, workshops
from db.services import Actor
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
    claimed = people[person]["claimed_at"] is not None
    reset_done = partial(_notice, t("confirm.reset.done", name=md(name)))
    _ask("reset", who, people[person], roster.reset, reset_done, where=reset_col, icon="♻️", shown=claimed)
    _ask("remove", who, people[person], pp.remove, partial(_removed, person, name), where=remove_col, icon="🚪")
    shown = st.session_state.get("people_code")
    if shown and shown[0] == person:
        _show_code(name, shown[1])


def _ask(
    what: str,
    who: Actor,
    person: dict[str, Any],
    service: Callable[..., Any],
    then: Callable[[], None],
    *,
    where: Any,
    icon: str,
    shown: bool = True,
) -> None:
    """The button that asks before doing `what` ("reset", "remove") to `person` through `service`, its
    question, and `then` once done."""
    label = t(f"people.console.{what}_button")
    if shown:
        confirm.button(label, name=f"{what}_person", where=where, icon=icon)
    confirm.dialog(
        f"{what}_person",
        title=t(f"confirm.{what}.title"),
        body=t(f"confirm.{what}.body", name=md(person["display_name"])),
        yes=label,
        action=lambda: service(state.engine(), actor=who, participant_id=person["id"]),
        done=lambda _: then(),
    )


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
