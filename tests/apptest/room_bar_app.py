"""The room bar alone, as app.py draws it above a page (AppTest runs a page file without app.py): the pages are
registered, `bar_page` names the page the bar sits on. The test copies this file next to a link to pages/."""

import streamlit as st

from ui import frame, push, registry, state

st.navigation([st.Page(p.path, url_path=p.key, default=p is registry.HOME) for p in registry.PAGES], position="hidden")
state.session_key()
here = frame.start_run()
push.room_bar(here.actor, registry.page(st.session_state.bar_page))
st.session_state.bar_runs = st.session_state.get("bar_runs", 0) + 1
frame.end_run()
