"""A change reaches a page in one message: the server reruns the fragments that show it itself.

Before, a change travelled server → the change stream's message → the browser's listener → a rerun request
→ server → the new content: in a busy room the browser's leg waited twice in a loaded renderer (and on a
phone's network twice). Now each page's listeners (ui/push.py) say here which fragment they sit in and
what they watch; when the workshop changes (db/changes.py's HUB, which hears other servers too), the
server asks the session's script runner for those fragments' runs on Streamlit's event loop, with the
widget values the session already holds (a value the browser is sending meanwhile still wins). The
room bar learns what changed from `news()`. The change stream stays: it keeps the person present, and
its first message after a (re)connection makes the page look for what it may have missed.

Which fragment hears which topic is `fired`, the rule ui/push.py's JS keeps for the topics it still hears.
If Streamlit's internals this reaches are not the ones it was written against, `watch` says so and the
browser keeps asking itself (as before).
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field

from streamlit.runtime import Runtime
from streamlit.runtime.app_session import AppSession, AppSessionState
from streamlit.runtime.scriptrunner_utils.script_requests import RerunData, ScriptRequestType
from streamlit.runtime.scriptrunner_utils.script_run_context import ThreadState, get_script_run_ctx

from db import changes
from db.engine import shared_engine

BAR, FRAGMENT, LIST = "bar", "fragment", "list"  # LIST: a live list, its rows come on the change stream
RETRY_S, RETRIES = 0.005, 400  # asked again while an ending runner's last messages go out (at most 2 s)


@dataclass(frozen=True)
class Listener:
    """A mounted listener: the fragment it sits in, whether it is the room bar's or a fragment's own, and the
    topics it watches (None: any, for a bar on a page that shows everything)."""

    fragment_id: str
    scope: str
    watch: tuple[str, ...] | None


@dataclass
class _Page:
    workshop_id: int
    page: str  # the page script the listeners belong to
    listeners: dict[str, Listener] = field(default_factory=dict)
    news: dict[str, bool] | None = None  # for the bar: what changed since its last run


_lock = threading.Lock()
_pages: dict[str, _Page] = {}  # by Streamlit session id
_heard: set[int] = set()  # workshops whose changes this process dispatches


def fired(listeners: Iterable[Listener], topics: Iterable[str]) -> list[tuple[Listener, bool, bool]]:
    """Which listeners a change of `topics` reruns ("*": anything may have changed), each with (page, any):
    the fragments that show a topic take it, the room bar gets the rest and says whether the page (not
    only the room's step or clock) changed. A live list takes its topics too and reruns nothing: its rows
    come on the change stream (web/lists.py). The same rule as `tell` in ui/push.py's JS."""
    topics = list(topics)
    any_ = "*" in topics
    rest: set[str] = set(topics)
    out: list[tuple[Listener, bool, bool]] = []
    for listener in listeners:
        if listener.scope not in (FRAGMENT, LIST):
            continue
        mine = topics if any_ else [t for t in topics if t in (listener.watch or ())]
        if mine and listener.scope == FRAGMENT:
            out.append((listener, True, any_))
        rest -= set(mine)
    if any_:
        rest.add("*")
    for listener in listeners:
        if listener.scope != BAR or not rest:
            continue
        page = any_ or any(t != "room" and (listener.watch is None or t in listener.watch) for t in rest)
        if page or "room" in rest:
            out.append((listener, page, any_))
    return out


# The Streamlit internals a server-started run needs, present in this Streamlit (else the browser asks).
REACHABLE = all(hasattr(AppSession, name) for name in ("has_fragment", "_create_scriptrunner")) and hasattr(
    ThreadState, "get"
)


def watch(workshop_id: int, key: str, scope: str, watched: tuple[str, ...] | None) -> bool:
    """Called by a listener as its fragment runs: rerun this fragment from the server when `watched` changes
    in `workshop_id`. False when the server cannot (outside a fragment, or another Streamlit): the browser
    then asks for the run itself."""
    ctx = get_script_run_ctx()
    fragment_id = ThreadState.get().fragment_id if ctx is not None and REACHABLE else None
    if ctx is None or not (fragment_id or scope == LIST) or not Runtime.exists():
        return False
    page = ctx.page_script_hash
    with _lock:
        found = _pages.get(ctx.session_id)
        if found is None or found.workshop_id != workshop_id or found.page != page:
            found = _pages[ctx.session_id] = _Page(workshop_id, page)
        found.listeners[key] = Listener(fragment_id or "", scope, watched)
        new = workshop_id not in _heard
        _heard.add(workshop_id)
    if new:
        loop = Runtime.instance()._get_async_objs().eventloop
        changes.listen(shared_engine())
        changes.HUB.subscribe(workshop_id, lambda topics: _hand(loop, workshop_id, topics))
    return True


def _hand(loop: asyncio.AbstractEventLoop, workshop_id: int, topics: frozenset[str]) -> None:
    """From the thread that heard the change (a write's, or the feed's): dispatch on Streamlit's loop."""
    try:
        loop.call_soon_threadsafe(_dispatch, workshop_id, topics)
    except RuntimeError:  # the loop closed: the server is stopping, nobody is left to rerun
        pass


def news() -> dict[str, bool] | None:
    """For the room bar, in its run: what changed since its last run, if the server reran it ({page, any})."""
    ctx = get_script_run_ctx()
    if ctx is None:
        return None
    with _lock:
        found = _pages.get(ctx.session_id)
        if found is None:
            return None
        told, found.news = found.news, None
    return told


def _dispatch(workshop_id: int, topics: frozenset[str]) -> None:
    """On Streamlit's event loop: ask each session of the workshop for the runs its listeners want."""
    manager = Runtime.instance()._session_mgr
    wanted: dict[str, tuple[str, list[str]]] = {}
    with _lock:
        for session_id, found in _pages.items():
            if found.workshop_id != workshop_id:
                continue
            for listener, page, any_ in fired(found.listeners.values(), topics):
                if listener.scope == BAR:
                    was = found.news or {"page": False, "any": False}
                    found.news = {"page": was["page"] or page, "any": was["any"] or any_}
                wanted.setdefault(session_id, (found.page, []))[1].append(listener.fragment_id)
        for session_id in [x for x in _pages if manager.get_session_info(x) is None]:
            del _pages[session_id]  # closed (any workshop's): nothing will rerun it again
    for session_id, (page, fragment_ids) in wanted.items():
        info = manager.get_active_session_info(session_id)
        if info is None:  # gone, or its browser away: its next connection looks for what it missed
            continue
        for fragment_id in dict.fromkeys(fragment_ids):
            rerun(info.session, fragment_id, page)


def rerun(session: AppSession, fragment_id: str, page: str, tries: int = RETRIES) -> None:
    """Ask `session` for a run of `fragment_id` of `page` (the page its listener was drawn on), keeping the
    widget values it holds (None: a value the browser sent and the runner has not used yet is not
    overwritten). Skipped: a fragment the page no longer has (as Streamlit does for a browser's request);
    any while a run of the whole page waits (it draws everything anew; the bar's news wait for it); any
    once the session is on another page. (A request that still reaches the runner as another page starts
    runs as that page: web/runs.py.)

    A runner that just ended refuses the request while its last messages (the end of the run, its final
    elements) still wait on this loop: a new runner made now would have Streamlit drop them as a stale
    runner's. So the request is asked again once they went out, and a runner is made only when the session
    has none."""
    if session._state == AppSessionState.SHUTDOWN_REQUESTED or not session.has_fragment(fragment_id):
        return
    if session._pages_manager.current_page_script_hash != page:  # the session moved on since it was drawn
        return
    runner = session._scriptrunner
    if runner is None:
        session._create_scriptrunner(_data(session, fragment_id, page))
        return
    waiting = getattr(runner, "_requests", None)
    if waiting is not None and waiting._state == ScriptRequestType.RERUN and not waiting._rerun_data.fragment_id_queue:
        return
    if runner.request_rerun(_data(session, fragment_id, page)) or tries <= 0:
        return
    session._event_loop.call_later(RETRY_S, rerun, session, fragment_id, page, tries - 1)


def _data(session: AppSession, fragment_id: str, page: str) -> RerunData:
    """The run as the browser would have asked it, from what it said last: its address and query, and its
    context (`st.context`: the URL the projector builds its join link from, the locale, the time zone)."""
    held = session._client_state
    return RerunData(
        query_string=held.query_string,
        page_script_hash=page,
        fragment_id=fragment_id,
        widget_states=None,
        context_info=held.context_info if held.HasField("context_info") else None,
    )
