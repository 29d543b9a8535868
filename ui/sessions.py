"""A person's own sessions in the sidebar (see them, end one or all others), and the notice a browser
gets when its session ended or its person was removed. The database side is `db/sessions.py`."""

from __future__ import annotations

from datetime import datetime

import streamlit as st

from cvm_core.errors import DomainError
from db import sessions
from ui import state
from ui.state import t
from ui.widgets import attempt


def notice() -> bool:
    """Show (once) why this browser is out of its workshop; whether there was something to show."""
    key = st.session_state.pop(state.SESSION_NOTICE, None)
    if key:
        st.warning(t(key), icon="🚪")
    return bool(key)


def _when(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def render() -> None:
    """Sidebar: this person's live sessions, with a button to end each other one or all of them."""
    token = st.session_state.get("token")
    if not token:
        return
    try:
        mine = sessions.mine(state.engine(), token=token)
    except DomainError:  # this session ended meanwhile: the next run says so
        return
    with st.expander(t("sessions.title", count=len(mine)), icon="💻"):
        for row in mine:
            label = t("sessions.this_one") if row.current else t("sessions.other")
            st.caption(t("sessions.row", which=label, created=_when(row.created_at), used=_when(row.last_used_at)))
            if not row.current and st.button(t("sessions.end"), key=f"end_session_{row.id}"):
                if attempt(lambda rid=row.id: sessions.end(state.engine(), token=token, session_id=rid)):
                    st.rerun()
        if len(mine) > 1 and st.button(t("sessions.end_others"), key="end_other_sessions"):
            if attempt(lambda: sessions.end(state.engine(), token=token)):
                st.rerun()
