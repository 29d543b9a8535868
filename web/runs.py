"""A page the person asked for is the page they get, even when a run asked by the page they are leaving
reaches the server at the same moment.

A browser that moves to another page sends a full run for it; until that page arrives, a component of the
old page (the change listener, the unsaved-input keeper) may still ask for a run of its fragment, stamped
with the old page. Streamlit runs a fragment as the page it is stamped with, and so made the old page the
session's page again: the browser dropped the page being drawn (a blank page under the room bar) or went
back to the page the person had left (their click lost). And when both requests wait together, Streamlit
folds them into one full run of the newer request's page: the old one.

Here a fragment run is always run as the page the session is on or about to run: stamped with another
page, it is stamped again with that one (its widget values still arrive; a fragment that page does not
have is skipped by Streamlit as before). Shown on Streamlit's own request queue in tests/unit/test_runs.py,
and end to end in tests/e2e/test_stray_runs.py (a stray run sent on the page's own socket).
"""

from __future__ import annotations

from dataclasses import replace
from functools import wraps

from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.runtime.app_session import AppSession
from streamlit.runtime.scriptrunner_utils.script_requests import RerunData, ScriptRequests, ScriptRequestType

_KEPT = "_cvm_keeps_the_page_asked"


def for_another_page(waiting: RerunData | None, new: RerunData) -> bool:
    """A fragment run stamped with another page than the full run already waiting."""
    if waiting is None or waiting.fragment_id_queue:  # a waiting run keeps its fragments in the queue
        return False
    return bool(new.fragment_id or new.fragment_id_queue) and new.page_script_hash != waiting.page_script_hash


def restamped(client_state: ClientState | None, current: str) -> ClientState | None:
    """A browser's request for a fragment run stamped with another page than `current` (the page this
    session last ran): the same request for `current`; any other request as it is."""
    if client_state is None or not client_state.fragment_id or not current:
        return client_state
    if not client_state.page_script_hash or client_state.page_script_hash == current:
        return client_state
    fixed = ClientState()
    fixed.CopyFrom(client_state)
    fixed.page_script_hash = current
    fixed.page_name = ""
    return fixed


def keep_the_page_asked() -> bool:
    """Install the rule in this process (once); False when Streamlit is not the one this was written
    against (then nothing changes)."""
    queue = getattr(ScriptRequests, "_request_rerun_locked", None)
    ask = getattr(AppSession, "request_rerun", None)
    if queue is None or ask is None:
        return False
    if getattr(queue, _KEPT, False):
        return True

    @wraps(queue)
    def request_rerun_locked(self: ScriptRequests, new_data: RerunData) -> bool:
        waiting = self._rerun_data if self._state == ScriptRequestType.RERUN else None
        if for_another_page(waiting, new_data):
            new_data = replace(new_data, page_script_hash=waiting.page_script_hash, page_name=waiting.page_name)
        return queue(self, new_data)

    @wraps(ask)
    def request_rerun(self: AppSession, client_state: ClientState | None) -> None:
        ask(self, restamped(client_state, self._pages_manager.current_page_script_hash))

    setattr(request_rerun_locked, _KEPT, True)
    ScriptRequests._request_rerun_locked = request_rerun_locked
    AppSession.request_rerun = request_rerun
    return True
