"""Facilitator console: the agenda, the clock, the current step, voting, the brainstorm, the people."""

import pandas as pd
import streamlit as st

from cvm_core import settings as s
from cvm_core.schema import STEP_STATUSES
from db import live, workshops
from ui import actions_view, frame, moves, state, thread_view, timebox, voting
from ui import people as people_ui
from ui.state import t
from ui.table import Col, editable_table
from ui.widgets import attempt

page = frame.open("console")
here = page.here
engine, who = state.engine(), here.actor
if not here.is_facilitator:
    st.info(t("console.facilitator_only"), icon="🔒")
    st.stop()

workshop = page.workshop
steps = {n: t(f"steps.{n}") for n in range(1, s.STEP_COUNT + 1)}


@st.fragment(run_every=s.REFRESH_SECONDS)
def room_now() -> None:
    room = live.room(engine, workshop_id=here.workshop_id)
    step, people = st.columns(2)
    step.metric(t("console.current_step"), steps[room.current_step])
    people.metric(t("console.ready"), t("console.ready_of", ready=room.ready, total=room.participants))
    timer, short = st.columns(2)
    timebox.clock_metric(room, timer)
    timebox.round_metric(room, short)
    st.progress(room.ready / room.participants if room.participants else 0.0)


room_now()
thread_view.money_now(page)
actions_view.chase(page)

st.subheader(t("console.move"))
moves.move(page)

st.subheader(t("console.clock"))
minutes_box, start, pause, plus1, plus5, stop = st.columns([2, 1, 1, 1, 1, 1], vertical_alignment="bottom")
minutes = minutes_box.number_input(t("console.minutes"), min_value=1, max_value=s.TIMER_MINUTES_MAX, value=None, step=1)
if start.button(t("console.start"), icon="▶️"):
    if attempt(lambda: live.start_timer(engine, actor=who, minutes=minutes)):
        st.rerun()
if pause.button(t("console.pause"), icon="⏸️"):
    if attempt(lambda: live.pause_timer(engine, actor=who)):
        st.rerun()
if plus1.button(t("console.plus", minutes=1)):
    if attempt(lambda: live.add_time(engine, actor=who, seconds=60)):
        st.rerun()
if plus5.button(t("console.plus", minutes=5)):
    if attempt(lambda: live.add_time(engine, actor=who, seconds=300)):
        st.rerun()
if stop.button(t("console.stop"), icon="⏹️"):
    if attempt(lambda: live.stop_timer(engine, actor=who)):
        st.rerun()
st.caption(t("console.clock_help"))
room = live.room(engine, workshop_id=here.workshop_id)
sound, show = st.columns([3, 2], vertical_alignment="center")
with sound:
    timebox.sound_switch(here, room)
with show:
    timebox.projector_link()

st.subheader(t("console.round"))
timebox.round_controls(here, room, workshop["voting_open"])

st.subheader(t("console.agenda"))
editable_table(
    key="agenda",
    entity_name="step_progress",
    rows=page.data["step_progress"],
    cols=[
        Col("step", "select", options=steps, editable=False),
        Col("status", "select", options={k: t(f"status.{k}") for k in STEP_STATUSES}),
        Col("locked", "bool"),
        Col("timebox_minutes", "int"),
    ],
    actor=who,
    allow_add=False,
    allow_delete=False,
)

st.subheader(t("console.voting"))
voting.controls(page)

st.subheader(t("console.money"))
with st.form("money"):
    label, hour = st.columns([1, 2])
    currency = label.text_input(
        t("fields.workshop.currency"),
        value=workshop["currency"],
        max_chars=s.CURRENCY_MAX,
        help=t("console.currency_help"),
    )
    rate = hour.number_input(
        t("fields.workshop.hour_rate"), min_value=0.0, value=workshop["hour_rate"], help=t("console.hour_rate_help")
    )
    if st.form_submit_button(t("common.save")):
        changes = {"currency": currency, "hour_rate": rate}
        if attempt(lambda: workshops.update_settings(engine, actor=who, version=workshop["version"], changes=changes)):
            st.rerun()


@st.fragment(run_every=s.REFRESH_SECONDS)
def people() -> None:
    st.subheader(t("console.people"))
    everyone = live.online_people(engine, workshop_id=here.workshop_id)
    departments = {d["id"]: d["name"] for d in page.data["department"]}
    current = live.room(engine, workshop_id=here.workshop_id).current_step
    table = pd.DataFrame(
        {
            t("console.person"): [p["display_name"] for p in everyone],
            t("sidebar.department"): [departments.get(p["department_id"], "—") for p in everyone],
            t("sidebar.role"): [t(f"choices.role.{p['role']}") for p in everyone],
            t("console.online"): [p["online"] for p in everyone],
            t("console.is_ready"): [p["ready_step"] == current for p in everyone],
            t("console.came_in"): [p["claimed_at"] is not None for p in everyone],
        }
    )
    st.dataframe(table, hide_index=True, placeholder="—")
    st.caption(t("console.online_count", online=sum(p["online"] for p in everyone), total=len(everyone)))


people()

moves.hand_over(page)
people_ui.section(here)
frame.flash()
