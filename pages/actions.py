"""Decisions and actions: who does what by when, where it came from, and how far it has got."""

import streamlit as st

from ui import actions_view as view
from ui import frame
from ui.frame import flash
from ui.state import t

page = frame.open("actions")
names = view.Names(page)
if not page.read_only:
    view.add_form(page, names)
st.subheader(t("actions.register"))
wanted = view.filters(names)
shown = view.register(page, names, wanted)
view.detail(page, names, shown)
view.trash_box(page)
flash()
