"""Clientocracy Workshop: navigation, session bootstrap, language, sidebar and the live room bar."""

import streamlit as st

from ui import live, push, sidebar, state
from ui.page import VIA_APP, WANTED
from ui.state import t

st.set_page_config(page_title=t("common.app_name"), page_icon="🤝", layout="wide")

SECTIONS = {
    "steps.section_start": [("pages/home.py", "pages.home", "🏠"), ("pages/progress.py", "pages.progress", "📈")],
    "steps.section_steps": [(path, f"steps.{n}", None) for n, path in live.STEP_PAGES.items()],
    "steps.section_views": [
        ("pages/value_streams.py", "pages.value_streams", "🔀"),
        ("pages/network.py", "pages.network", "🕸️"),
        ("pages/summary.py", "pages.summary", "📄"),
    ],
    "steps.section_run": [("pages/console.py", "pages.console", "🎛️")],
}
pages = {
    t(section): [
        st.Page(path, title=t(title), icon=icon, default=path == "pages/home.py") for path, title, icon in items
    ]
    for section, items in SECTIONS.items()
}

state.session_key()
st.session_state[VIA_APP] = True
live.keep_drafts()
live.resume_from_cookie()
navigation = st.navigation(pages, expanded=True)
wanted = st.session_state.pop(WANTED, None)
if wanted in {path for items in SECTIONS.values() for path, _, _ in items}:
    st.switch_page(wanted)  # the page that a first visit after a server start asked for
sidebar.render()
live.write_cookie()
here = state.current()
if here is not None and navigation.url_path not in ("", "home"):
    push.room_bar(here[0], navigation.url_path)
navigation.run()
