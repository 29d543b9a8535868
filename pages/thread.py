"""The golden thread: one artefact's chain from the customer to the teams' profit and bonus, the money at risk
if it fails, and the gaps across the workshop as the facilitator's agenda."""

import streamlit as st

from ui import frame
from ui import thread_view as view
from ui.state import t

page = frame.open("thread")
web = view.load(page)
if not web.artefacts():
    st.info(t("thread.empty"), icon="🧵")
    st.stop()
start = view.pick(web)
found = view.thread_of(web, start)
view.picture(page, web, found)
view.money(web, found)
ends_column, notes_column = st.columns(2, gap="medium")
with ends_column:
    view.ends(web, found)
with notes_column:
    view.gaps_here(found)
    view.experiments(web, found)
view.agenda(web)
