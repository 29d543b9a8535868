"""The live layer on every page: the room bar (current step banner, countdown, follow), shared refresh
that never throws away what someone is editing, presence, and coming back after a reload."""

from __future__ import annotations

import json
import time
from typing import Any

import streamlit as st

from cvm_core import policy
from cvm_core import settings as s
from db import cookies, live
from db.services import Actor
from ui import registry, state
from ui.state import t
from ui.table import pending

ALWAYS = ("workshop", "step_progress")
COOKIE = "cvm_session"
SESSION_ROUTE = "/_cvm/session"  # web/session.py


def keep_drafts() -> None:
    """Keep what people typed in `draft_*` fields when they move between pages (Streamlit forgets the
    values of widgets that a run does not draw)."""
    for key in [k for k in st.session_state if str(k).startswith("draft_")]:
        st.session_state[key] = st.session_state[key]


def has_unsaved() -> bool:
    """Unsaved table edits or non-empty drafts: then nothing moves or reloads under the person."""
    tables = [str(k).removesuffix("__gen") for k in st.session_state if str(k).endswith("__gen")]
    if any(pending(key) for key in tables):
        return True
    return any(str(k).startswith("draft_") and st.session_state[k] for k in st.session_state)


def resume_from_cookie() -> None:
    """After a reload, come back as the same person (the cookie holds a token, the database its hash)."""
    if st.session_state.get("resume_checked"):
        return
    st.session_state.resume_checked = True
    token = st.context.cookies.get(COOKIE) if st.context.cookies else None
    if not token or state.joined():
        return
    actor = live.resume(state.engine(), token=token)
    if actor is not None:
        state.remember(actor)
        st.session_state.token = token


def remember_browser(actor: Actor) -> None:
    """Issue a token for this browser; the page trades a one-time ticket for it at the server, which sets
    the cookie HttpOnly (web/session.py)."""
    token = live.issue_token(state.engine(), actor=actor)
    st.session_state.token = token
    st.session_state.set_cookie = cookies.issue(state.engine(), token=token)


def forget_browser() -> None:
    token = st.session_state.pop("token", None)
    if token:
        live.revoke(state.engine(), token=token)
    st.session_state.set_cookie = cookies.issue(state.engine(), token=None)


def write_cookie() -> None:
    """Let the page redeem its pending ticket at the server (the nonce is random URL-safe text); when the
    cookie is set, the page's change stream reconnects with it (ui/push.py)."""
    if "set_cookie" not in st.session_state:
        return
    nonce = json.dumps(st.session_state.pop("set_cookie"))
    url = json.dumps(SESSION_ROUTE)
    script = (
        f"fetch({url}, {{method: 'POST', body: {nonce}, credentials: 'same-origin', cache: 'no-store'}})"
        ".then((r) => { if (r.ok) window.dispatchEvent(new Event('cvm-session')); });"
    )
    st.html(f"<script>{script}</script>", unsafe_allow_javascript=True, width=1)


def _countdown(seconds: int, running: bool) -> None:
    """A countdown that ticks in the browser from the server's figure (so skewed clocks agree)."""
    label = json.dumps(t("live.time_left"))
    over = json.dumps(t("live.over_time"))
    tick = "true" if running else "false"
    st.html(
        f"""<div id="cvm-clock" style="font: 600 1.6rem ui-monospace, monospace; color: #1f6f8b"></div>
<script>
(() => {{
  const start = Date.now(), total = {seconds}, running = {tick};
  const box = document.getElementById("cvm-clock");
  const pad = (n) => String(n).padStart(2, "0");
  const draw = () => {{
    const left = running ? total - Math.floor((Date.now() - start) / 1000) : total;
    const a = Math.abs(left), text = pad(Math.floor(a / 60)) + ":" + pad(a % 60);
    box.textContent = (left < 0 ? {over} + " -" : {label} + " ") + text;
    box.style.color = left < 0 ? "#b00020" : left < 60 ? "#c77700" : "#1f6f8b";
  }};
  draw();
  if (running) {{ clearInterval(window.__cvmClock); window.__cvmClock = setInterval(draw, 1000); }}
}})();
</script>""",
        unsafe_allow_javascript=True,
    )


def watches(page: registry.Page) -> tuple[str, ...]:
    """The entities whose changes refresh the page (empty: any change does)."""
    if page.shows is registry.WHOLE:
        return ()
    return tuple(dict.fromkeys((*page.shows, *ALWAYS)))


def _draw(room: live.Room, here_step: int | None, target: str, unsaved: bool) -> None:
    text, clock_box = st.columns([3, 1], vertical_alignment="center")
    if here_step != room.current_step:
        text.page_link(target, label=t("live.room_is_on", step=t(f"steps.{room.current_step}")), icon="📍")
        if unsaved and st.session_state.get("follow"):
            text.caption(t("live.stay_unsaved"))
    else:
        text.caption(t("live.you_are_here", step=t(f"steps.{room.current_step}")))
    if room.seconds_left is not None:
        with clock_box:
            _countdown(room.seconds_left, room.timer == "running")
    elif room.voting_open:
        clock_box.caption(t("live.voting_open"))


def _heartbeat(actor: Actor) -> None:
    now = time.monotonic()
    if now - st.session_state.get("heartbeat_at", 0.0) >= s.HEARTBEAT_SECONDS:
        st.session_state.heartbeat_at = now
        live.heartbeat(state.engine(), actor=actor)


def sidebar_controls(actor: Actor, person: dict[str, Any], room_step: int | None = None) -> None:
    """Follow the facilitator and "ready to move on", for participants."""
    if policy.runs_room(person["role"]):
        return
    st.toggle(t("live.follow"), key="follow", help=t("live.follow_help"))
    ready = person.get("ready_step") is not None and person.get("ready_step") == room_step
    if st.toggle(t("live.ready"), value=ready, key=f"ready_{room_step}") != ready:
        live.set_ready(state.engine(), actor=actor, ready=not ready)
        st.rerun()
