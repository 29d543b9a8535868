"""Per-browser-session state: language, joined workshops, the acting person. No workshop data here:
every page reads that through the services on each run."""

from __future__ import annotations

import os
import secrets
import threading
from typing import Any

import streamlit as st
from sqlalchemy import Engine
from streamlit.runtime.scriptrunner import get_script_run_ctx

from cvm_core import i18n, net
from cvm_core.errors import DomainError, NotFound
from db import sessions, workshops
from db.engine import database_url, shared_engine
from db.services import Actor


def engine() -> Engine:
    """The shared engine (one per database URL for the whole process: `db.engine.shared_engine`, which the
    server's own routes use too; a Streamlit resource cache around it would only hash the URL on every call)."""
    return shared_engine(database_url())


LANG = "lang"  # the language this session reads now
LANG_FOR = "_lang_for"  # the workshop LANG was settled for (None: outside any workshop)
_UNSETTLED = object()  # LANG_FOR before any workshop was settled (None is "outside any workshop")
LANG_CHOSEN = "_lang_chosen"  # a choice made in the sidebar before joining, carried into the workshop


_this_run = threading.local()  # the language found in this script thread's current run, and for which run


def lang() -> str:
    """The language this session reads. In a workshop: the person's own choice, else the workshop's
    language. Outside any: the choice made here, else the browser's. Settled once per workshop, so a
    run costs no query; found once per run (a page asks for it hundreds of times, and every look into the
    session state costs), and again after a choice or a change of workshop in the run."""
    ctx = get_script_run_ctx(suppress_warning=True)
    kept = getattr(_this_run, "found", None)
    if ctx is not None and kept is not None and kept[0] is ctx.cursors:  # a new run starts with new cursors
        return kept[1]
    session = st.session_state
    workshop_id, found = session.get("workshop_id"), session.get(LANG)
    if found is None or session.get(LANG_FOR, _UNSETTLED) != workshop_id:
        _settle(workshop_id)
        found = session[LANG]
    if ctx is not None:
        _this_run.found = (ctx.cursors, found)
    return found


def _changed() -> None:
    """The language or the workshop changed in this run: find the language again."""
    _this_run.found = None


def _settle(workshop_id: int | None) -> None:
    _changed()
    st.session_state[LANG_FOR] = workshop_id
    who = joined().get(workshop_id) if workshop_id else None
    spoken = _workshop_language(who) if who else None
    st.session_state[LANG] = spoken or st.session_state.get(LANG) or i18n.pick_language(st.context.locale)


def _workshop_language(who: Actor) -> str | None:
    """The person's own choice (a choice made before joining becomes theirs), else the workshop's."""
    person = workshops.participant(engine(), actor=who)
    if person is None:
        return None
    chosen = person.get("language") or st.session_state.get(LANG_CHOSEN)
    if chosen and not person.get("language"):
        workshops.set_language(engine(), actor=who, language=chosen)
    if chosen:
        return chosen
    try:
        return workshops.workshop(engine(), workshop_id=who.workshop_id)["language"]
    except NotFound:
        return None


def choose_language(code: str) -> None:
    """The person's explicit choice: it wins over the workshop's language and is stored with them, so
    it survives reloads and other servers; before joining it waits for the workshop they join."""
    code = i18n.pick_language(code)
    st.session_state[LANG] = code
    _changed()
    who = actor()
    if who is None:
        st.session_state[LANG_CHOSEN] = code
        return
    try:
        workshops.set_language(engine(), actor=who, language=code)
    except DomainError:
        pass  # the workshop is gone: the choice still holds for this session


def t(key: str, **params: Any) -> str:
    return i18n.t(key, lang(), **params)


def session_key() -> str:
    """A random id for this browser session."""
    if "session_key" not in st.session_state:
        st.session_state.session_key = secrets.token_hex(16)
    return st.session_state.session_key


@st.cache_resource
def _trusted_proxies(setting: str) -> tuple[net.Network, ...]:
    return net.parse_networks(setting)


def client_address() -> str:
    """The browser's address: the WebSocket peer, or what a trusted proxy (TRUSTED_PROXIES) forwarded.
    Streamlit gives the peer as `st.context.ip_address` (None for loopback) and the handshake's headers."""
    headers = st.context.headers
    trusted = _trusted_proxies(os.environ.get("TRUSTED_PROXIES", net.DEFAULT_TRUSTED_PROXIES))
    forwarded = headers.get_all("x-forwarded-for") if headers else []
    real_ip = headers.get("x-real-ip") if headers else None
    return net.client_address(st.context.ip_address, forwarded, real_ip, trusted)


def throttle_keys() -> list[str]:
    """Who a guess at a code counts against: the client's address (a new browser session is no new source)."""
    return [net.source_key(client_address())]


SESSION_NOTICE = "session_notice"  # why this browser is out of its workshop (shown by ui.sessions.notice)


def joined() -> dict[int, Actor]:
    """Workshop id → who this session is in it."""
    return st.session_state.setdefault("joined", {})


def remember(actor: Actor) -> None:
    joined()[actor.workshop_id] = actor
    st.session_state.workshop_id = actor.workshop_id
    _changed()


def forget(workshop_id: int) -> None:
    joined().pop(workshop_id, None)
    if st.session_state.get("workshop_id") == workshop_id:
        st.session_state.workshop_id = None
        _changed()


def actor() -> Actor | None:
    """The person acting in the current workshop, if this session joined one."""
    workshop_id = st.session_state.get("workshop_id")
    return joined().get(workshop_id) if workshop_id else None


def current() -> tuple[Actor, dict[str, Any], dict[str, Any]] | None:
    """(actor, workshop, participant row) for the current workshop, or None. A session whose person was
    removed, or whose token was ended elsewhere, is out at once (`ui.sessions.notice` tells it why)."""
    who = actor()
    if who is None:
        return None
    found = sessions.standing(engine(), actor=who, token=st.session_state.get("token"))
    if found.status != sessions.LIVE:
        forget(who.workshop_id)
        st.session_state[SESSION_NOTICE] = f"sessions.notice.{found.status}"
        return None
    if found.workshop is None or found.person is None:
        forget(who.workshop_id)
        return None
    return who, found.workshop, found.person
