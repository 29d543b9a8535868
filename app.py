"""Clientocracy Workshop: navigation, session bootstrap, language, sidebar and the live room bar."""

import streamlit as st

from ui import drafts, frame, layout, live, push, registry, sidebar, state
from ui.state import t

live.resume_from_cookie()  # first: the person's workshop decides the language of everything below
st.set_page_config(page_title=t("common.app_name"), page_icon="🤝", layout="wide")
layout.apply()  # our layout rules: texts wrap instead of being cut, projectors and phones get their room

state.session_key()
drafts.keep()
here = frame.start_run()
navigation = st.navigation(sidebar.pages(), expanded=True)
wanted = st.session_state.pop(frame.WANTED, None)
if wanted in {p.path for p in registry.PAGES}:
    st.switch_page(wanted)  # the page that a first visit after a server start asked for
shown = registry.by_url(navigation.url_path)
sidebar.render(here, shown)
live.write_cookie()
st.session_state[frame.CURRENT] = shown.key if shown is not None else None
if here is not None and shown is not None and shown is not registry.HOME and not shown.bare:
    push.room_bar(here.actor, shown)
try:
    navigation.run()
finally:
    frame.end_run()
