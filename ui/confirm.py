"""Actions that reach the whole room or throw something away ask first, in a dialog: what will happen,
to whom, and how to undo it. One question is open per browser session at a time.

    if st.button(...):
        confirm.ask("advance")
    confirm.dialog("advance", title=..., body=..., yes=..., action=lambda: service(...))

`action` runs only after "yes"; its typed error shows inside the dialog, which stays open. On success the
dialog closes, `done(result)` may remember what to offer as the undo, and the page reruns.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from ui.state import t
from ui.widgets import attempt

PENDING = "_confirm_pending"


def ask(name: str) -> None:
    """Open the question `name` (drawn by `dialog` on this run and the next ones until answered)."""
    st.session_state[PENDING] = name


def pending(name: str) -> bool:
    return st.session_state.get(PENDING) == name


def _close() -> None:
    st.session_state.pop(PENDING, None)


def dialog(
    name: str,
    *,
    title: str,
    body: str,
    yes: str,
    action: Callable[[], Any],
    done: Callable[[Any], None] | None = None,
) -> None:
    """Draw the question `name` while it is open. `body` is Markdown the caller has made safe."""
    if pending(name):
        _dialog(title)(name, body, yes, action, done)


def button(label: str, *, name: str, where: Any = st, **options: Any) -> None:
    """A button that opens the question `name` (draw it with `dialog`)."""
    if where.button(label, key=f"ask_{name}", **options):
        ask(name)


def _dialog(title: str) -> Callable[..., None]:
    @st.dialog(title, on_dismiss=_close)
    def show(name: str, body: str, yes: str, action: Callable[[], Any], done: Callable[[Any], None] | None) -> None:
        st.markdown(body)
        go, cancel = st.columns(2)
        if go.button(yes, type="primary", key=f"yes_{name}"):
            result = attempt(action)
            if result is not None:
                _close()
                if done is not None:
                    done(result)
                st.rerun()
        if cancel.button(t("confirm.cancel"), key=f"no_{name}"):
            _close()
            st.rerun()

    return show
