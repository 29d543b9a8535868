"""Organisation sign-in (Streamlit's OIDC login), offered only when `.streamlit/secrets.toml` configures
it: people the deployment lists as facilitators become facilitators of a workshop by its join code."""

from __future__ import annotations

from typing import Any

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from db import workshops
from ui import arrive, state
from ui.state import t
from ui.widgets import attempt, md


def _settings() -> tuple[bool, list[str]]:
    try:
        configured = "auth" in st.secrets
        rules = list(st.secrets.get("clientocracy", {}).get("facilitators", []))
    except (StreamlitSecretNotFoundError, FileNotFoundError):
        return False, []
    return configured, rules


def render() -> None:
    configured, rules = _settings()
    if not configured:
        return
    with st.expander(t("org.title"), icon="🏢"):
        if not getattr(st.user, "is_logged_in", False):
            st.caption(t("org.intro"))
            if st.button(t("org.sign_in")):
                st.login()
            return
        email: Any = st.user.get("email") or ""
        st.caption(t("org.signed_in_as", email=md(email)))
        with st.form("org_join"):
            code = st.text_input(t("home.join_code"), key="org_code", max_chars=16)
            name = st.text_input(t("home.your_name"), value=str(st.user.get("name") or ""), key="org_name")
            if st.form_submit_button(t("org.join"), type="primary"):
                actor = attempt(
                    lambda: workshops.sign_in_trusted(
                        state.engine(),
                        code=code,
                        display_name=name,
                        email=email,
                        rules=rules,
                        throttle_keys=state.throttle_keys(),
                    )
                )
                if actor:
                    arrive.land(actor)
        if st.button(t("org.sign_out")):
            st.logout()
