"""What every page of steps 6–9 shares: the header (title, guidance, status, lock), tables handed to
Streamlit as Arrow (built once per change, cheap to send again) and the confirmation toast."""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import streamlit as st

from ui.page import Here, require_workshop
from ui.state import t
from ui.widgets import guidance, locked, md, step_status


def start(step: int) -> tuple[Here, bool]:
    """The step's title, intro, guidance and status; returns the workshop and whether it is read-only."""
    here = require_workshop()
    st.title(t(f"step{step}.title"))
    st.caption(t(f"step{step}.intro"))
    guidance(step)
    progress_row = step_status(step, here.workshop_id)
    read_only = here.read_only or locked(progress_row)
    if read_only and not here.read_only:
        st.info(t("common.read_only"), icon="🔒")
    return here, read_only


def arrow(rows: list[dict[str, Any]]) -> pa.Table:
    """Rows as an Arrow table (user text stays plain data: a table never renders it as markup)."""
    return pa.Table.from_pylist(rows)


def money_columns(names: list[str]) -> dict[str, Any]:
    return {n: st.column_config.NumberColumn(n, format="localized") for n in names}


def chart(spec: dict[str, Any], frame: int = 150) -> None:
    """A Vega-Lite chart at full width whose plot keeps the height its spec asks for (Streamlit sizes the
    whole chart, so `frame` pixels are added for the title, legend and axes)."""
    st.vega_lite_chart(spec, width="stretch", height=int(spec.get("height", 300)) + frame)


def flash(message: str | None = None) -> None:
    """Remember a confirmation for the next run (with `message`), or show the one remembered."""
    if message is not None:
        st.session_state.flash = message
    elif "flash" in st.session_state:
        st.toast(md(st.session_state.pop("flash")), icon="✅")
