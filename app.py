"""Clientocracy Workshop: navigation, session bootstrap, language, sidebar and the live room bar."""

import streamlit as st

from ui import live, sidebar, state
from ui.page import VIA_APP
from ui.state import t

st.set_page_config(page_title=t("common.app_name"), page_icon="🤝", layout="wide")

pages = {
    t("steps.section_start"): [
        st.Page("pages/home.py", title=t("pages.home"), icon="🏠", default=True),
        st.Page("pages/progress.py", title=t("pages.progress"), icon="📈"),
    ],
    t("steps.section_steps"): [st.Page(path, title=t(f"steps.{n}")) for n, path in live.STEP_PAGES.items()],
    t("steps.section_views"): [
        st.Page("pages/value_streams.py", title=t("pages.value_streams"), icon="🔀"),
        st.Page("pages/network.py", title=t("pages.network"), icon="🕸️"),
        st.Page("pages/summary.py", title=t("pages.summary"), icon="📄"),
    ],
    t("steps.section_run"): [st.Page("pages/console.py", title=t("pages.console"), icon="🎛️")],
}

state.session_key()
st.session_state[VIA_APP] = True
live.keep_drafts()
live.resume_from_cookie()
navigation = st.navigation(pages, expanded=True)
sidebar.render()
live.write_cookie()
here = state.current()
if here is not None and navigation.url_path not in ("", "home"):
    live.room_bar(here[0], navigation.url_path)
navigation.run()
