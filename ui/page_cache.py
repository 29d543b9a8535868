"""Keep what a page computed from the workshop's rows while those rows have not changed.

A page names the kinds of rows it shows; each run reads one change marker (the newest audit event of
those kinds) and rereads the rows and recomputes only when it moved. The cache lives in this browser
session's state, never across sessions.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

import streamlit as st

from db import page_data
from db.snapshot import Snapshot
from ui import state

T = TypeVar("T")
_STORE = "_page_cache"
_MAX_ENTRIES = 24


def _remember(key: tuple, marker: int, value: object) -> None:
    store: dict = st.session_state.setdefault(_STORE, {})
    store.pop(key, None)
    store[key] = (marker, value)
    while len(store) > _MAX_ENTRIES:
        store.pop(next(iter(store)))


def view(
    name: str, workshop_id: int, entities: tuple[str, ...], build: Callable[[Snapshot], T], *params: Hashable
) -> T:
    """`build(rows of entities)`, recomputed only when those rows changed (or the language or `params`)."""
    key = (name, workshop_id, state.lang(), params)
    known = st.session_state.get(_STORE, {}).get(key)
    marker, data = page_data.read_if_changed(
        state.engine(), workshop_id=workshop_id, entities=entities, known=known[0] if known else None
    )
    if data is None and known is not None:
        return known[1]  # type: ignore[return-value]
    value = build(data or {})
    _remember(key, marker, value)
    return value


def workshop_view(name: str, workshop_id: int, build: Callable[[Snapshot], T], *params: Hashable) -> T:
    """`build(the whole workshop snapshot)`, recomputed only when anything in the workshop changed."""
    key = (name, workshop_id, state.lang(), params)
    known = st.session_state.get(_STORE, {}).get(key)
    marker, data = page_data.snapshot_if_changed(
        state.engine(), workshop_id=workshop_id, known=known[0] if known else None
    )
    if data is None and known is not None:
        return known[1]  # type: ignore[return-value]
    value = build(data or {})
    _remember(key, marker, value)
    return value
