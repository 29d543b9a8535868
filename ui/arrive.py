"""Arriving in a workshop: after joining or signing in a person lands where they work (a participant on the
room's current step, the facilitator on the console), and a newcomer on a fresh install is offered the
demo workshops, one click away from being inside one."""

from __future__ import annotations

from typing import Any, NoReturn

import streamlit as st
from sqlalchemy import Engine

from cvm_core import policy
from db import trial, workshops
from db.services import Actor
from ui import live, registry, state
from ui.frame import Here
from ui.state import t
from ui.widgets import attempt, md

CONSOLE = "console"


def _where(role: str | None, current_step: int) -> registry.Page:
    """The page a person starts on: the console for those who run the room, else the step the room is on."""
    return registry.page(CONSOLE) if role and policy.runs_room(role) else registry.step_page(current_step)


def landing(actor: Actor) -> str:
    """The landing page of someone who just came in (read fresh: they were not in the workshop before)."""
    person = workshops.participant(state.engine(), actor=actor)
    step = workshops.workshop(state.engine(), workshop_id=actor.workshop_id)["current_step"]
    return _where(person["role"] if person else None, step).path


def land(actor: Actor, welcome: str | None = None, **params: Any) -> NoReturn:
    """Remember the person in this browser and take them to their landing page; the catalogue key `welcome`
    is shown there in the room's language (`params` as plain text)."""
    state.remember(actor)
    live.remember_browser(actor)
    st.query_params.clear()
    if welcome:
        st.session_state.flash = t(welcome, **params)
    st.switch_page(landing(actor))


def go_on(here: Here) -> None:
    """Home, for someone already in a workshop: a link to where they work (from what this run found)."""
    page = _where(here.person["role"], here.workshop["current_step"])
    if page.key == CONSOLE:
        st.page_link(page.path, label=t("home.open_console"), icon="🎛️")
    else:
        st.page_link(page.path, label=t("home.go_to_room", step=t(f"steps.{page.step}")), icon="📍")


def demo_offer(engine: Engine) -> None:
    """While only demo workshops exist (and the operator allows it): step into one, as facilitator or as a
    participant, in one click."""
    demos = trial.offered(engine)
    if not demos:
        return
    with st.container(border=True, key="demo_offer"):
        st.subheader(t("home.demo.title"))
        st.caption(t("home.demo.intro"))
        for demo in demos:
            lang = demo["language"]
            line = st.container(horizontal=True, vertical_alignment="center")
            line.markdown(t("home.demo.line", name=md(demo["name"]), language=t(f"choices.language.{lang}")))
            if line.button(t("home.demo.as_facilitator"), key=f"demo_fac_{lang}", type="primary"):
                _enter(engine, demo, facilitator=True)
            if line.button(t("home.demo.as_participant"), key=f"demo_pat_{lang}"):
                _enter(engine, demo, facilitator=False)


def _enter(engine: Engine, demo: dict, *, facilitator: bool) -> None:
    code, first = demo["join_code"], len(workshops.participants(engine, workshop_id=demo["id"])) + 1
    names = [t("home.demo.guest", n=n) for n in range(first, first + trial.NAME_TRIES)]
    actor = attempt(
        lambda: trial.enter(
            engine, code=code, facilitator=facilitator, names=names, throttle_keys=state.throttle_keys()
        )
    )
    if actor:
        land(actor, "home.demo.welcome", name=actor.name)
