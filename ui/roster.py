"""The people the facilitator puts in the room: a pasted list (pre-registered people pick their name when
they join), invitations of co-facilitators and scribes (a one-time code or link), roles; and on the home
page, picking one's pre-registered name. The rights and the rules are the services' (db/roster.py)."""

from __future__ import annotations

from typing import Any

import streamlit as st
from sqlalchemy import Engine

from cvm_core import policy
from cvm_core import settings as s
from db import roster
from ui import live, state
from ui.frame import Here
from ui.state import t
from ui.widgets import attempt, md

REJOIN_PARAM = "rejoin"
ROLES = (policy.PARTICIPANT, policy.SCRIBE, policy.COFACILITATOR)


def label(person: dict[str, Any]) -> str:
    """A person as the console lists them: name, role, and "not here yet" until they came in."""
    parts = [person["display_name"], t(f"choices.role.{person['role']}")]
    if person.get("claimed_at") is None:
        parts.append(t("roster.not_here_yet"))
    return " · ".join(parts)


def section(here: Here) -> None:
    """Console: paste a list of people; invite a co-facilitator or a scribe."""
    _add_list(here)
    _invite(here)


def _add_list(here: Here) -> None:
    with st.expander(t("roster.add.title"), icon="📋"), st.form("roster_add", clear_on_submit=False):
        st.caption(t("roster.add.help", max=s.ROSTER_MAX_LINES))
        text = st.text_area(t("roster.add.list"), key="roster_text", placeholder=t("roster.add.placeholder"))
        if st.form_submit_button(t("roster.add.button"), type="primary"):
            added = attempt(lambda: roster.add_people(state.engine(), actor=here.actor, text=text))
            if added:
                st.session_state.people_notice = t("roster.add.done", count=len(added))
                st.session_state.pop("roster_text", None)
                st.rerun()


def _invite(here: Here) -> None:
    with st.expander(t("roster.invite.title"), icon="✉️"):
        st.caption(t("roster.invite.help", hours=s.INVITE_CODE_HOURS))
        with st.form("roster_invite", clear_on_submit=True):
            name = st.text_input(t("roster.invite.name"), key="invite_name", max_chars=s.PERSON_NAME_MAX)
            roles = {r: t(f"choices.role.{r}") for r in roster.INVITED}
            role = st.radio(
                t("roster.invite.role"), list(roles), format_func=roles.get, key="invite_role", horizontal=True
            )
            if st.form_submit_button(t("roster.invite.button"), type="primary"):
                code = attempt(lambda: roster.invite(state.engine(), actor=here.actor, name=name, role=role))
                if code:
                    st.session_state.invite_code = (name, role, code)
        shown = st.session_state.get("invite_code")
        if shown:
            name, role, code = shown
            with st.container(border=True):
                role_name = t(f"choices.role.{role}")
                st.markdown(t("roster.invite.code_for", name=md(name), role=md(role_name), hours=s.INVITE_CODE_HOURS))
                st.code(code, language=None)
                st.code(f"{_base_url()}?{REJOIN_PARAM}={code.replace('-', '')}", language=None)


def _base_url() -> str:
    return (st.context.url or "").split("?")[0]


def role_control(here: Here, person: dict[str, Any], where: Any) -> None:
    """The chosen person's role: participant, scribe or co-facilitator (the facilitator's: hand over)."""
    if person["role"] == policy.FACILITATOR:
        where.caption(t("roster.role.facilitator_note"))
        return
    roles = {r: t(f"choices.role.{r}") for r in ROLES}
    chosen = where.selectbox(
        t("roster.role.label"),
        list(roles),
        index=ROLES.index(person["role"]) if person["role"] in ROLES else 0,
        format_func=roles.get,
        key=f"role_{person['id']}",
    )
    if where.button(t("roster.role.button"), key="role_set", disabled=chosen == person["role"]):
        done = attempt(
            lambda: roster.set_role(state.engine(), actor=here.actor, participant_id=person["id"], role=chosen)
        )
        if done:
            role_name = t(f"choices.role.{chosen}")
            st.session_state.people_notice = t("roster.role.done", name=md(person["display_name"]), role=role_name)
            st.rerun()


def claim(engine: Engine) -> None:
    """Home page: a pre-registered person picks their name (offered while nobody came in under it)."""
    linked = st.query_params.get("join")
    if linked:
        st.session_state.setdefault("claim_code", linked[:16])
    with st.expander(t("roster.claim.title"), icon="🙋"):
        st.caption(t("roster.claim.help"))
        code = st.text_input(t("home.join_code"), key="claim_code", max_chars=16)
        if st.button(t("roster.claim.show"), key="claim_show"):
            found = attempt(lambda: roster.waiting(engine, code=code, throttle_keys=state.throttle_keys()))
            st.session_state.claim_list = (code, found[1]) if found else None
        listed = st.session_state.get("claim_list")
        if not listed or listed[0] != code:
            return
        names = {p["id"]: _listed(p) for p in listed[1]}
        if not names:
            st.info(t("roster.claim.none"), icon="ℹ️")
            return
        person = st.selectbox(t("roster.claim.pick"), list(names), format_func=names.get, key="claim_person")
        if st.button(t("roster.claim.button"), key="claim_me", type="primary"):
            actor = attempt(
                lambda: roster.claim(engine, code=code, participant_id=person, throttle_keys=state.throttle_keys())
            )
            st.session_state.pop("claim_list", None)  # taken meanwhile: the next "show" lists who is left
            if actor:
                state.remember(actor)
                live.remember_browser(actor)
                st.query_params.clear()
                st.session_state.flash = t("roster.claim.welcome", name=md(actor.name))
                st.rerun()


def _listed(person: dict[str, Any]) -> str:
    return f"{person['display_name']} · {person['department']}" if person.get("department") else person["display_name"]
