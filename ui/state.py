"""Per-browser-session state: language, joined workshops, the acting person. No workshop data here:
every page reads that through the services on each run."""

from __future__ import annotations

import secrets
from typing import Any

import streamlit as st
from sqlalchemy import Engine

from cvm_core import i18n
from cvm_core.errors import NotFound
from db import workshops as ws
from db.engine import database_url, shared_engine
from db.services import Actor


@st.cache_resource
def _engine(url: str) -> Engine:
    return shared_engine(url)


def engine() -> Engine:
    """The shared engine (the only thing cached across sessions)."""
    return _engine(database_url())


def lang() -> str:
    if "lang" not in st.session_state:
        st.session_state.lang = i18n.pick_language(st.context.locale)
    return st.session_state.lang


def t(key: str, **params: Any) -> str:
    return i18n.t(key, lang(), **params)


def session_key() -> str:
    """A random id for this browser session, used to throttle guessing of codes."""
    if "session_key" not in st.session_state:
        st.session_state.session_key = secrets.token_hex(16)
    return st.session_state.session_key


def throttle_keys() -> list[str]:
    keys = [f"s:{session_key()}"]
    ip = st.context.ip_address
    if ip:
        keys.append(f"ip:{ip}")
    return keys


def joined() -> dict[int, Actor]:
    """Workshop id → who this session is in it."""
    return st.session_state.setdefault("joined", {})


def remember(actor: Actor) -> None:
    joined()[actor.workshop_id] = actor
    st.session_state.workshop_id = actor.workshop_id


def forget(workshop_id: int) -> None:
    joined().pop(workshop_id, None)
    if st.session_state.get("workshop_id") == workshop_id:
        st.session_state.workshop_id = None


def actor() -> Actor | None:
    """The person acting in the current workshop, if this session joined one."""
    workshop_id = st.session_state.get("workshop_id")
    return joined().get(workshop_id) if workshop_id else None


def current() -> tuple[Actor, dict[str, Any], dict[str, Any]] | None:
    """(actor, workshop, participant row) for the current workshop, or None."""
    who = actor()
    if who is None:
        return None
    try:
        workshop = ws.workshop(engine(), workshop_id=who.workshop_id)
    except NotFound:
        forget(who.workshop_id)
        return None
    person = ws.participant(engine(), actor=who)
    if person is None:
        forget(who.workshop_id)
        return None
    return who, workshop, person
