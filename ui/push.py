"""Changes pushed to the page instead of polled: when a change concerns this page, the server reruns the
room bar fragment (or the fragment that shows the entity) itself (web/pushes.py, fed by the listeners
mounted here); the bar reruns the whole page when an entity the page shows changed, never while the person
has unsaved input (ui/drafts.py). A small component keeps one WebSocket per browser tab to the server's
change stream (web/changes.py): it keeps the person present, and on each (re)connection, or for a listener
the server cannot rerun, it asks for the runs itself. While the stream is down (it could not connect, or
is reconnecting), the bar checks the database marker every FALLBACK_SECONDS; while it is up, an idle page
costs nothing: no run at all (the server says "*" to everyone when its own feed had to reconnect,
db/changes.py)."""

from __future__ import annotations

from typing import Any

import streamlit as st

from cvm_core import settings as s
from cvm_core.errors import NotFound
from db import live
from db.services import Actor
from ui import bar as room_lines
from ui import drafts, registry, state
from ui import live as room
from ui.state import t
from web import pushes

STREAM_ROUTE = "/_cvm/changes"  # web/changes.py
KEY = "cvm_changes"
FOLLOW_DUE = "_follow_due"  # the room moved while this person follows it: they go once nothing holds them

# One connection per tab (window.__cvmChanges), shared by the mounts of the component, reconnecting with
# back-off; each connection (first or again, or a new session cookie) tells listeners they may have missed
# something, and so does the fallback check, but only while no connection stands.
HUB_JS = """
function makeHub() {
  let socket = null, url = null, retry = 1000, timer = null, closing = null, up = false, fallback = null;
  const listeners = new Map();
  const views = new Map();  // live lists (ui/live_list.py): key -> {spec, rows}; the stream sends their rows
  const say = (message) => { if (socket && up) socket.send(JSON.stringify(message)); };
  // Fragments that show an entity rerun alone and take its topic; the room bar gets the rest.
  // A change the stream names (`pushed`) reruns only listeners the server does not rerun itself
  // (web/pushes.py); a (re)connection or the fallback check reruns them all.
  const tell = (topics, pushed = false) => {
    const any = topics.includes("*");
    const rest = new Set(topics);
    const mayFire = (listener) => !(pushed && listener.served);
    for (const listener of listeners.values()) {
      if (listener.scope !== "fragment" && listener.scope !== "list") continue;
      const mine = any ? topics : topics.filter((t) => listener.watch.includes(t));
      if (mine.length && listener.scope === "fragment" && mayFire(listener)) listener.fire(true, any);
      mine.forEach((t) => rest.delete(t));
    }
    if (any) rest.add("*");
    for (const listener of listeners.values()) {
      if (listener.scope !== "bar" || !rest.size || !mayFire(listener)) continue;
      const left = [...rest];
      const page = any || left.some((t) => t !== "room" && (listener.watch === null || listener.watch.includes(t)));
      if (page || left.includes("room")) listener.fire(page, any);
    }
  };
  const connect = () => {
    clearTimeout(timer);
    if (socket) { socket.onclose = null; socket.close(); }
    up = false;
    const ws = new WebSocket(url);
    ws.onmessage = (event) => {
      const message = JSON.parse(event.data);
      if (message.hello) {
        // Connected (first time or again): what changed before the stream listened, after the page was
        // drawn, would otherwise wait for the slow fallback; the bar compares the page's marker.
        up = true;
        for (const [key, view] of views) say({ view: { key, spec: view.spec } });
        tell(["*"]);
        retry = 1000;
      } else {
        for (const [key, got] of Object.entries(message.rows || {})) {
          const view = views.get(key);  // rows for the list it names now, not one it named before
          if (view && JSON.stringify(view.spec) === JSON.stringify(got.spec)) view.rows(got);
        }
        if (message.t) tell(message.t, true);
      }
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      up = false;
      if (!listeners.size) return;
      timer = setTimeout(connect, retry);
      retry = Math.min(retry * 2, 30000);
    };
    socket = ws;
  };
  window.addEventListener("cvm-session", () => { if (listeners.size) { retry = 1000; connect(); } });
  return {
    view(key, spec, rows) {
      // A live list: the stream sends its rows now and with each change of what it shows.
      const mine = { spec, rows };
      const known = views.get(key);
      views.set(key, mine);
      if (!known || JSON.stringify(known.spec) !== JSON.stringify(spec)) say({ view: { key, spec } });
      return () => {
        if (views.get(key) !== mine) return;
        views.delete(key);
        say({ unview: key });
      };
    },
    attach(key, data, trigger) {
      clearTimeout(closing);
      const target = new URL(data.path, window.location.href);
      target.protocol = target.protocol === "https:" ? "wss:" : "ws:";
      let count = 0;
      const fire = (page, any) => trigger("change", { page, any, n: ++count });
      const mine = { scope: data.scope, watch: data.watch, served: data.served, fire };
      listeners.set(key, mine);
      if (data.fallback && !fallback) {
        fallback = setInterval(() => { if (!up && listeners.size) tell(["*"]); }, data.fallback);
      }
      if (target.href !== url || !socket) {
        url = target.href;
        connect();
      }
      return () => {
        // The same key mounts again when its fragment moves on the page (a new element): Streamlit unmounts
        // the old, stale one after the new one attached. Only a listener's own mount may remove it.
        if (listeners.get(key) === mine) listeners.delete(key);
        clearTimeout(closing);
        closing = setTimeout(() => {
          if (listeners.size || !socket) return;
          const ws = socket;
          socket = null;
          ws.close();
        }, 5000);
      };
    },
  };
}

"""

# A fragment's listener: the hub alone.
_listen = st.components.v2.component(
    "cvm_changes",
    js=HUB_JS
    + """
export default function (component) {
  const hub = window.__cvmChanges || (window.__cvmChanges = makeHub());
  return hub.attach(component.key, component.data, component.setTriggerValue);
}
""",
)

# The room bar's one component: the page's listener and its draft keeper (ui/drafts.py), mounted together.
_bar = st.components.v2.component(
    "cvm_bar",
    js=HUB_JS
    + drafts.KEEPER_JS
    + """
export default function (component) {
  const hub = window.__cvmChanges || (window.__cvmChanges = makeHub());
  const keeper = window.__cvmDrafts || (window.__cvmDrafts = makeKeeper());
  const stop = keeper.attach(component.data.drafts, component.setStateValue);
  const quiet = hub.attach(component.key, component.data.changes, component.setTriggerValue);
  return () => { quiet(); stop(); };
}
""",
)


def _ignore() -> None:
    """Trigger values need a callback to be registered; the fragment reads the value itself."""


def changes_data(workshop_id: int, watched: tuple[str, ...], scope: str, key: str) -> dict[str, Any]:
    """The listener's data; the server reruns its fragment itself when it can (`served`, web/pushes.py)."""
    return {
        "path": f"{STREAM_ROUTE}?w={workshop_id}",
        "watch": list(watched) or None,
        "scope": scope,
        "fallback": s.FALLBACK_SECONDS * 1000,
        "served": pushes.watch(workshop_id, key, scope, tuple(watched) or None),
    }


def listen(workshop_id: int, watched: tuple[str, ...], *, key: str = KEY) -> dict[str, Any] | None:
    """Mount a fragment's listener (it reruns the fragment it sits in); the change that caused this run, if
    any."""
    data = changes_data(workshop_id, watched, pushes.FRAGMENT, key)
    result = _listen(key=key, data=data, on_change_change=_ignore, height=0)
    return getattr(result, "change", None)


def _mount(actor: Actor, watched: tuple[str, ...], page: str) -> dict[str, Any] | None:
    """Mount the bar's component: the page's listener (`watched` empty: any change concerns the page) and its
    draft keeper, which learns what the server holds unsaved and says what the browser holds (after a
    reload it gives back what it kept). The change that caused this run, if any."""
    changes = changes_data(actor.workshop_id, watched, pushes.BAR, drafts.KEY)
    data = {"changes": changes, "drafts": drafts.keeper_data(actor, page)}
    result = _bar(
        key=drafts.KEY,
        data=data,
        on_change_change=_ignore,
        on_unsaved_change=_ignore,
        on_restore_change=_ignore,
        height=0,
    )
    drafts.received(result)
    asked, told = getattr(result, "change", None), pushes.news()  # the browser's reason, the server's
    if asked is None or told is None:
        return asked or told
    return {"page": bool(asked.get("page") or told["page"]), "any": bool(asked.get("any") or told["any"])}


STEADY = "cvm_pushed"  # ui/layout.css: what sits in a box of this key prefix is not dimmed while it reruns


def steady(name: str) -> Any:
    """The box to put a fragment that `refresh_on` reruns in: Streamlit would dim it after half a second of
    rerunning, so that each browser in a busy room animates it and the room sees it blink at every change;
    in this box it stays as it is until its new content arrives."""
    return st.container(key=f"{STEADY}_{name}")


def refresh_on(entities: tuple[str, ...], key: str) -> None:
    """Call inside an `st.fragment` that reads its own data: a change of one of `entities` reruns this
    fragment alone instead of the whole page (the room bar leaves those changes to it). A fragment whose
    own write changes what the room bar shows reruns the whole page instead (`st.rerun(scope="app")`)."""
    actor = state.actor()
    if actor is not None and entities:
        listen(actor.workshop_id, entities, key=f"{KEY}_{key}")


def room_bar(actor: Actor, page: registry.Page) -> None:
    """The strip at the top of every workshop page; redrawn when the room changes, the page rerun when
    what it shows changed (pushed), with a database check every FALLBACK_SECONDS while the stream is down."""
    watched = room.watches(page)
    here_step = page.step
    st.session_state.pop("marker_seen", None)  # recorded by the bar's run within this page's run, below
    st.session_state.pop("push_pending", None)

    @st.fragment
    def bar() -> None:
        # A run asked by a component of the page this browser was leaving always runs as this page
        # (web/runs.py): the bar never has to tell which page it is for.
        event = _mount(actor, watched, page.key)  # first: what the browser holds unsaved decides what follows
        room._heartbeat(actor)
        try:
            now = live.room(
                state.engine(), workshop_id=actor.workshop_id, entities=watched, participant_id=actor.participant_id
            )
        except NotFound:
            return
        moved = now.current_step != st.session_state.setdefault("room_step_seen", now.current_step)
        st.session_state.room_step_seen = now.current_step
        unsaved = drafts.unsaved(page.key)
        target = registry.step_page(now.current_step).path
        following = bool(st.session_state.get("follow")) and here_step != now.current_step
        if moved and following:
            st.session_state[FOLLOW_DUE] = True
        if not following:
            st.session_state.pop(FOLLOW_DUE, None)
        if st.session_state.get(FOLLOW_DUE) and not unsaved:
            st.session_state.pop(FOLLOW_DUE)
            st.switch_page(target)
        seen = st.session_state.get("marker_seen")
        if seen is None:
            st.session_state.marker_seen = now.marker  # what this page is drawn from
        elif _page_changed(event, now.marker, seen):
            st.session_state.push_pending = True
        if st.session_state.get("push_pending") and not unsaved:
            st.rerun()
        room._draw(now, here_step, target)
        if st.session_state.get(FOLLOW_DUE) and room_lines.held_back():
            drafts.discard(page.key)
            st.session_state.pop(FOLLOW_DUE)
            st.switch_page(target)
        if st.session_state.get("push_pending"):
            st.caption(t("live.changes_waiting"))

    bar()


def _page_changed(event: dict[str, Any] | None, marker: int, seen: int) -> bool:
    """Whether what the page shows changed since it was drawn: its marker (read with the room's state, the
    same transaction) moved from `seen`. A pushed change of the room alone (the step, the clock) redraws the
    bar and leaves the page. The marker is compared even when a push says the page changed: the push of this
    person's own save arrives after the page already reran for it, and a second run would be wasted (and
    would race the first in the browser)."""
    if event is not None and not event.get("page") and not event.get("any"):
        return False
    return marker != seen
