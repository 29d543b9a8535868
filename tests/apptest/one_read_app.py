"""The sidebar and a page's frame in one run, as app.py draws them (AppTest runs a page file without
app.py): `one_read_page` in the session names the page."""

import streamlit as st

from ui import frame, registry, sidebar


def run() -> None:
    here = frame.start_run()
    shown = registry.page(st.session_state.one_read_page)
    sidebar.render(here, shown)
    frame.open(shown.key)
    frame.end_run()


st.navigation([st.Page(run, url_path="one_read", default=True)], position="hidden").run()
