"""Clientocracy Workshop: navigation, session bootstrap, language and sidebar."""

import streamlit as st

from ui import sidebar, state
from ui.state import t

st.set_page_config(page_title=t("common.app_name"), page_icon="🤝", layout="wide")

STEPS = [
    "pages/step1_customers.py",
    "pages/step2_pains.py",
    "pages/step3_value.py",
    "pages/step4_canvas.py",
    "pages/step5_promises.py",
    "pages/step6_internal.py",
    "pages/step7_economics.py",
    "pages/step8_motivation.py",
    "pages/step9_experiments.py",
]

pages = {
    t("steps.section_start"): [
        st.Page("pages/home.py", title=t("pages.home"), icon="🏠", default=True),
        st.Page("pages/progress.py", title=t("pages.progress"), icon="📈"),
    ],
    t("steps.section_steps"): [st.Page(path, title=t(f"steps.{n}")) for n, path in enumerate(STEPS, start=1)],
    t("steps.section_views"): [
        st.Page("pages/value_streams.py", title=t("pages.value_streams"), icon="🔀"),
        st.Page("pages/network.py", title=t("pages.network"), icon="🕸️"),
        st.Page("pages/summary.py", title=t("pages.summary"), icon="📄"),
    ],
    t("steps.section_run"): [st.Page("pages/console.py", title=t("pages.console"), icon="🎛️")],
}

state.session_key()
navigation = st.navigation(pages)
sidebar.render()
navigation.run()
