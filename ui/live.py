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
from ui import bar, drafts, registry, state
from ui.state import t

ALWAYS = ("workshop", "step_progress")
COOKIE = "cvm_session"
SESSION_ROUTE = "/_cvm/session"  # web/session.py


def has_unsaved() -> bool:
    """Unsaved input on this page (ui/drafts.py): then nothing moves or reloads under the person."""
    return drafts.unsaved()


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
    st.session_state.token, st.session_state.set_cookie = live.remember_browser(state.engine(), actor=actor)


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


# The room's clocks tick in the browser from the server's figures. At zero a clock flashes for FLASH_SECONDS
# (on every page: the flash is worked out from the clock, so a page drawn again meanwhile goes on flashing)
# and, where this person hears it, three short tones play once, if the browser allows sound: a page may
# play only after a click or key press on it, so the first one also unlocks the sound.
CLOCK_JS = """
(() => {
  const cfg = __CONFIG__;
  const start = Date.now();
  const pad = (n) => String(n).padStart(2, "0");
  const audio = () => {
    const Ctx = window.AudioContext || window.webkitAudioContext;
    return window.__cvmAudio || (window.__cvmAudio = new Ctx());
  };
  const beep = () => {
    window.__cvmBeeps = (window.__cvmBeeps || 0) + 1;
    try {
      const ctx = audio();
      if (ctx.state === "suspended") ctx.resume();
      [0, 0.25, 0.5].forEach((at) => {
        const tone = ctx.createOscillator(), gain = ctx.createGain(), t0 = ctx.currentTime + at;
        tone.frequency.value = 880;
        gain.gain.setValueAtTime(0.0001, t0);
        gain.gain.exponentialRampToValueAtTime(0.3, t0 + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, t0 + 0.18);
        tone.connect(gain).connect(ctx.destination);
        tone.start(t0);
        tone.stop(t0 + 0.2);
      });
    } catch (e) {}
  };
  if (cfg.sound && !window.__cvmUnlock) {
    window.__cvmUnlock = () => { try { audio().resume(); } catch (e) {} };
    ["pointerdown", "keydown"].forEach((name) => document.addEventListener(name, window.__cvmUnlock, true));
  }
  const heard = (window.__cvmHeard = window.__cvmHeard || {});
  const draw = () => {
    const now = Date.now();
    let shown = 0;
    for (const c of cfg.clocks) {
      const box = document.getElementById(c.id);
      if (!box) continue;
      shown += 1;
      const left = c.running ? c.left - Math.floor((now - start) / 1000) : c.left;
      const a = Math.abs(left), text = pad(Math.floor(a / 60)) + ":" + pad(a % 60);
      box.textContent = left < 0 ? c.over.replace("%s", Math.floor(a / 60) + ":" + pad(a % 60)) : c.label + " " + text;
      const flashing = c.running && left <= 0 && left > -cfg.flash;
      const lit = flashing && Math.floor(now / 500) % 2 === 0;
      box.dataset.flash = flashing ? "1" : "";
      box.style.background = lit ? cfg.theme.flash : "transparent";
      box.style.color = lit ? cfg.theme.onFlash : left <= 0 ? cfg.theme.over : left < 60 ? cfg.theme.soon : cfg.theme.ink;
      if (cfg.sound && c.running && left <= 0 && left > -3 && now - (heard[c.id] || 0) > 15000) {
        heard[c.id] = now;
        beep();
      }
    }
    if (!shown) clearInterval(window.__cvmClock);
  };
  clearInterval(window.__cvmClock);
  draw();
  if (cfg.clocks.some((c) => c.running)) window.__cvmClock = setInterval(draw, 250);
})();
"""
THEMES = {
    "bar": {
        "ink": "#1f6f8b",
        "soon": "#c77700",
        "over": "#b00020",
        "flash": "#b00020",
        "onFlash": "#ffffff",
        "size": ("1.6rem", "1.1rem"),
    },
    "projector": {
        "ink": "#ffffff",
        "soon": "#ffc247",
        "over": "#ff6b6b",
        "flash": "#e00000",
        "onFlash": "#ffffff",
        "size": ("6rem", "3rem"),
    },
}


def _clocks(room: live.Room) -> list[dict[str, Any]]:
    """The step's clock and the short round's, as the browser script draws them."""
    clocks = []
    if room.seconds_left is not None:
        clocks.append(
            {
                "id": "cvm-clock",
                "left": room.seconds_left,
                "running": room.timer == "running",
                "label": t("live.time_left"),
                "over": t("live.over_by", time="%s"),
            }
        )
    if room.round_left is not None:
        kind = t(f"live.round_{room.round_kind}") if room.round_kind else t("live.round")
        clocks.append(
            {
                "id": "cvm-round",
                "left": room.round_left,
                "running": True,
                "label": kind,
                "over": t("live.round_over_by", round=kind, time="%s"),
            }
        )
    return clocks


def countdown(room: live.Room, *, theme: str = "bar", sound: bool | None = None) -> None:
    """The room's countdowns (the step's timebox, the short round) ticking in the browser from the server's
    figures, so skewed clocks agree; flashing at zero, with a short sound on the facilitator's screens when
    the console's switch is on (`sound` decides otherwise)."""
    clocks = _clocks(room)
    if not clocks:
        return
    me = state.actor()
    hears = room.hears_sound(me.participant_id if me else None) if sound is None else sound
    look = THEMES[theme]
    config = {"clocks": clocks, "flash": s.FLASH_SECONDS, "sound": hears, "theme": look}
    boxes = "".join(
        f'<div id="{c["id"]}" style="font: 600 {look["size"][c["id"] == "cvm-round"]} ui-monospace, monospace; '
        f'padding: 0 .25em; border-radius: .2em; color: {look["ink"]}"></div>'
        for c in clocks
    )
    script = CLOCK_JS.replace("__CONFIG__", json.dumps(config).replace("</", "<\\/"))
    st.html(f"{boxes}<script>{script}</script>", unsafe_allow_javascript=True)


def watches(page: registry.Page) -> tuple[str, ...]:
    """The entities whose changes refresh the page (empty: any change does)."""
    if page.shows is registry.WHOLE:
        return ()
    return tuple(dict.fromkeys((*page.shows, *ALWAYS)))


def _draw(room: live.Room, here_step: int | None, target: str) -> None:
    """Where the room is, and its clocks beside it while one runs (columns only then: the bar is drawn on
    every run of every page)."""
    clocks = room.seconds_left is not None or room.round_left is not None
    text, clock_box = st.columns([3, 1], vertical_alignment="center") if clocks else (st, None)
    if here_step != room.current_step:
        text.page_link(target, label=t("live.room_is_on", step=t(f"steps.{room.current_step}")), icon="📍")
    else:
        text.caption(t("live.you_are_here", step=t(f"steps.{room.current_step}")))
    if clock_box is not None:
        with clock_box:
            countdown(room)
    bar.voting(room)


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
