"""The console's end-of-timebox controls: the clock as the console shows it ("over time by m:ss"), the
switch for the sound at zero, the short round timer for votes and brainstorms, and the projector link."""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from cvm_core import live as core
from cvm_core import settings as s
from db import live
from ui import state
from ui.frame import Here
from ui.state import t
from ui.widgets import attempt


def shown(seconds: int | None) -> str:
    """A clock's figure on the console: `mm:ss` left, or "over time by m:ss"."""
    if seconds is not None and seconds < 0:
        return t("live.over_by", time=core.over_by(seconds))
    return core.clock(seconds)


def length(seconds: int) -> str:
    """30 s, 1 min, 1 min 30 s."""
    minutes, rest = divmod(seconds, 60)
    if not minutes:
        return t("console.secs", count=rest)
    return t("console.mins_secs", minutes=minutes, seconds=rest) if rest else t("console.mins", count=minutes)


def clock_metric(room: live.Room, where: DeltaGenerator) -> None:
    """The step's clock: time left, or "over time by m:ss" in red, and whether it runs."""
    over = room.seconds_left is not None and room.seconds_left < 0
    status = t(f"console.timer_{room.timer}")
    where.metric(
        t("console.timer"), shown(room.seconds_left), status, delta_color="red" if over else "off", delta_arrow="off"
    )


def round_metric(room: live.Room, where: DeltaGenerator) -> None:
    """The short round's clock and what it is for."""
    if room.round_left is None:
        where.metric(t("console.round_metric"), "--:--", t("console.round_none"), delta_color="off", delta_arrow="off")
        return
    kind = t(f"live.round_{room.round_kind}") if room.round_kind else t("live.round")
    color = "red" if room.round_left < 0 else "off"
    where.metric(t("console.round_metric"), shown(room.round_left), kind, delta_color=color, delta_arrow="off")


def sound_switch(here: Here, room: live.Room) -> None:
    """A room setting (kept on the workshop), so that the projector's window follows it too."""
    on = st.toggle(
        t("console.sound"), value=room.clock_sound, key=f"clock_sound_{room.clock_sound}", help=t("console.sound_help")
    )
    if on != room.clock_sound and attempt(lambda: live.set_clock_sound(state.engine(), actor=here.actor, on=on)):
        st.rerun()


def projector_link() -> None:
    """The projector view in a new tab (the same browser: the session cookie makes it the facilitator's)."""
    st.link_button(t("console.projector"), "projector", icon="📽️", help=t("console.projector_help"))


def round_controls(here: Here, room: live.Room, voting_open: bool) -> None:
    engine, who = state.engine(), here.actor
    kind_box, length_box, start, more, stop = st.columns([2, 2, 2, 1, 2], vertical_alignment="bottom")
    kinds = {k: t(f"live.round_{k}") for k in core.ROUND_KINDS}  # labels made now, in this person's language
    lengths = {n: length(n) for n in s.ROUND_CHOICES_S}
    kind = kind_box.selectbox(
        t("console.round_kind"), list(kinds), index=0 if voting_open else 1, format_func=kinds.get, key="round_kind"
    )
    seconds = length_box.selectbox(
        t("console.round_length"), list(lengths), index=2, format_func=lengths.get, key="round_length"
    )
    running = room.round_left is not None
    if start.button(t("console.round_start"), icon="▶️", key="round_start"):
        if attempt(lambda: live.start_round(engine, actor=who, seconds=seconds, kind=kind)):
            st.rerun()
    if more.button(t("console.round_more", seconds=s.ROUND_ADD_S), key="round_more", disabled=not running):
        if attempt(lambda: live.add_round_time(engine, actor=who, seconds=s.ROUND_ADD_S)):
            st.rerun()
    if stop.button(t("console.round_stop"), icon="⏹️", key="round_stop", disabled=not running):
        if attempt(lambda: live.stop_round(engine, actor=who)):
            st.rerun()
    st.caption(t("console.round_help"))
