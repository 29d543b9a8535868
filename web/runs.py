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

And a click the person made is the run they get. The browser folds the widget changes of one moment into
one request, for the fragment of the first: a component's trigger in the room bar (the change stream
connecting, the draft keeper reporting) and a tab clicked at the same instant became a run of the bar
alone. The tab then showed as open while the page still showed the other tab's content, and clicking it
again did nothing. A fragment run whose request changes a widget outside that fragment (a value other
than the server holds, or a trigger pressed) is run as the whole page (`reaches_outside`, shown in
tests/unit/test_runs.py; tests/e2e/test_stray_runs.py replays the fold in the browser).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from functools import wraps
from typing import Any

from google.protobuf.message import Message
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.runtime.app_session import AppSession
from streamlit.runtime.scriptrunner.script_runner import ScriptRunner
from streamlit.runtime.scriptrunner_utils.script_requests import RerunData, ScriptRequests, ScriptRequestType

_KEPT = "_cvm_keeps_the_page_asked"
_SENT = "_cvm_sent"  # on an AppSession: the widget values its browser sent last, by widget id
TRIGGERS = frozenset({"trigger_value", "string_trigger_value", "chat_input_value", "json_trigger_value"})


def for_another_page(waiting: RerunData | None, new: RerunData) -> bool:
    """A fragment run stamped with another page than the full run already waiting."""
    if waiting is None or waiting.fragment_id_queue:  # a waiting run keeps its fragments in the queue
        return False
    return bool(new.fragment_id or new.fragment_id_queue) and new.page_script_hash != waiting.page_script_hash


def as_this_page(rerun_data: RerunData, current: str) -> RerunData:
    """A fragment run as the runner starts it: stamped with another page than `current` (the page the
    session last ran), it runs as `current`. The last guard: a request that was stamped while the session
    was still on the page being left, and queued behind the new page's run (the server's own reruns,
    web/pushes.py, are asked on the loop while the new page may already be running)."""
    if not (rerun_data.fragment_id_queue and current) or rerun_data.page_script_hash in ("", current):
        return rerun_data
    return replace(rerun_data, page_script_hash=current, page_name="")


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


def _set(state: WidgetState) -> bool:
    """Whether a trigger carries a press (a trigger not pressed is sent as its empty value)."""
    value = getattr(state, state.WhichOneof("value"))
    return bool(value.ListFields()) if isinstance(value, Message) else bool(value)


def reaches_outside(
    client_state: ClientState | None,
    metadata: Mapping[str, Any],
    held: Callable[[str], WidgetState | None],
    sent: Mapping[str, WidgetState],
) -> bool:
    """Whether a browser's request for a fragment run also changes a widget outside that fragment: a trigger
    pressed, or a value other than the server holds, `held(id)` (unless the browser sent that value before,
    `sent`: the server may keep the same value written another way). `metadata`: the session's widgets by
    id, each with the `fragment_id` it was drawn in."""
    if client_state is None or not client_state.fragment_id:
        return False
    for state in client_state.widget_states.widgets:
        found = metadata.get(state.id)
        if found is None or found.fragment_id == client_state.fragment_id:
            continue
        if state.WhichOneof("value") in TRIGGERS:
            if _set(state):
                return True
            continue
        if sent.get(state.id) == state:  # as the browser sent it before: no need to ask the server's copy
            continue
        now = _held(held, state.id)
        if now is not None and now != state:
            return True
    return False


def _held(held: Callable[[str], WidgetState | None], widget_id: str) -> WidgetState | None:
    """The server's value of a widget, written as the browser writes it; None when it cannot be written
    here (a widget's own serializer, run outside the script): then it counts as unchanged."""
    try:
        return held(widget_id)
    except Exception:  # noqa: BLE001 - never lose the browser's request over a value we only compare
        return None


def as_whole_page(client_state: ClientState) -> ClientState:
    whole = ClientState()
    whole.CopyFrom(client_state)
    whole.fragment_id = ""
    return whole


def _the_run_asked(session: AppSession, client_state: ClientState | None) -> ClientState | None:
    """`client_state` as the run the person asked for: for the page they are on, and of the whole page when it
    changes something outside the fragment it names."""
    client_state = restamped(client_state, session._pages_manager.current_page_script_hash)
    if client_state is None:
        return None
    widgets = session._session_state._new_widget_state
    if reaches_outside(client_state, widgets.widget_metadata, widgets.get_serialized, getattr(session, _SENT, {})):
        client_state = as_whole_page(client_state)
    setattr(session, _SENT, {state.id: state for state in client_state.widget_states.widgets})
    return client_state


def keep_the_page_asked() -> bool:
    """Install the rule in this process (once); False when Streamlit is not the one this was written
    against (then nothing changes)."""
    queue = getattr(ScriptRequests, "_request_rerun_locked", None)
    ask = getattr(AppSession, "request_rerun", None)
    start = getattr(ScriptRunner, "_run_script", None)
    if queue is None or ask is None or start is None:
        return False
    if getattr(queue, _KEPT, False):
        return True

    @wraps(queue)
    def request_rerun_locked(self: ScriptRequests, new_data: RerunData) -> bool:
        waiting = self._rerun_data if self._state == ScriptRequestType.RERUN else None
        if for_another_page(waiting, new_data):
            new_data = replace(new_data, page_script_hash=waiting.page_script_hash, page_name=waiting.page_name)
        return queue(self, new_data)

    @wraps(start)
    def run_script(self: ScriptRunner, rerun_data: RerunData) -> None:
        start(self, as_this_page(rerun_data, self._pages_manager.current_page_script_hash))

    @wraps(ask)
    def request_rerun(self: AppSession, client_state: ClientState | None) -> None:
        ask(self, _the_run_asked(self, client_state))

    setattr(request_rerun_locked, _KEPT, True)
    ScriptRequests._request_rerun_locked = request_rerun_locked
    AppSession.request_rerun = request_rerun
    ScriptRunner._run_script = run_script
    return True
