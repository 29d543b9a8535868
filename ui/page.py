"""What every workshop page does first: find the workshop and the person, or send them home."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

import streamlit as st

from db.services import Actor
from ui import sessions, state
from ui.state import t


@dataclass(frozen=True)
class Here:
    """The current workshop, the person acting in it and their role."""

    actor: Actor
    workshop: dict[str, Any]
    person: dict[str, Any]

    @property
    def is_facilitator(self) -> bool:
        return self.person["role"] == "facilitator"

    @property
    def read_only(self) -> bool:
        return self.workshop["archived_at"] is not None

    @property
    def workshop_id(self) -> int:
        return self.actor.workshop_id


def ensure_app() -> None:
    """Pages run inside app.py's navigation. On the very first run after a server start, Streamlit may
    run a page file on its own (its older pages/ discovery); send such a session through app.py."""
    if not st.session_state.get(VIA_APP):
        path = urlparse(st.context.url or "").path.strip("/").rsplit("/", 1)[-1]
        st.session_state[WANTED] = f"pages/{path}.py" if path else None
        st.switch_page("app.py")


def require_workshop() -> Here:
    """The current workshop; stops the page with a pointer home when this session has none."""
    ensure_app()
    found = state.current()
    if found is None:
        if not sessions.notice():
            st.info(t("common.need_workshop"), icon="👋")
        st.page_link(HOME, label=t("common.go_home"), icon="🏠")
        st.stop()
    here = Here(*found)
    if here.read_only:
        st.warning(t("home.archived_note"), icon="🗄️")
    return here


HOME = "pages/home.py"
VIA_APP = "_via_app"
WANTED = "_wanted_page"
