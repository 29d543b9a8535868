"""The room bar alone, as app.py draws it above a page (AppTest runs a page file without app.py): `bar_page`
in the session names the page it sits on. The test copies this file next to a link to pages/, so that the
bar's links find the app's pages."""

import streamlit as st

from ui import drafts, frame, push, registry, state


def bar() -> None:
    state.session_key()
    drafts.keep()
    here = frame.start_run()
    st.session_state[frame.CURRENT] = st.session_state.bar_page
    push.room_bar(here.actor, registry.page(st.session_state.bar_page))
    frame.end_run()


pages = [st.Page(bar, url_path="bar", default=True), *(st.Page(p.path, url_path=p.key) for p in registry.PAGES)]
st.navigation(pages, position="hidden").run()
