"""A browser's conversation with a Streamlit server, without the browser: what a fresh page asks of the server
(the page, the static files its HTML names, the health and host-config checks, the WebSocket and its
`rerun_script` messages), so that many arrivals can load the server alone. Custom components are ignored."""

from __future__ import annotations

import http.client
import json
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState, ContextInfo
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.sync.client import connect

from web import pushes

XSRF_COOKIE = "_streamlit_xsrf"
PARALLEL = 6  # connections a browser opens to one host over HTTP/1.1
LOCALE = "en-US"
DONE = (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR)
ASSET = re.compile(r'(?:src|href)="\./((?:static/|favicon)[^"]+)"')
# ui/push.py's listeners, v2 components whose JS hears the change stream: a fragment's, and the room bar's
# (which holds the draft keeper too, and its listener's data under "changes")
# and live lists (ui/live_list.py: their listener's data under "changes", the list they name under "spec")
CHANGES_COMPONENT, BAR_COMPONENT, LIST_COMPONENT = "cvm_changes", "cvm_bar", "cvm_list"
TRIGGER_ID = "$$STREAMLIT_INTERNAL_KEY_{}__events"  # the widget a v2 component's setTriggerValue fills


class Refused(Exception):
    """The server did not give what a browser would have shown."""


@dataclass
class Listener:
    """One mounted change-stream listener of ui/push.py (its data, and the fragment that holds it)."""

    id: str
    fragment_id: str
    scope: str
    watch: list[str] | None
    served: bool = False  # the server reruns its fragment itself on a change it names (web/pushes.py)
    count: int = 0

    @classmethod
    def of(cls, element: Element, fragment_id: str) -> Listener | None:
        found = element.bidi_component if element.WhichOneof("type") == "bidi_component" else None
        if found is None or not found.json:
            return None
        if found.component_name.endswith((BAR_COMPONENT, LIST_COMPONENT)):
            data = json.loads(found.json).get("changes") or {}
        elif found.component_name.endswith(CHANGES_COMPONENT):
            data = json.loads(found.json)
        else:
            return None
        return cls(found.id, fragment_id, data.get("scope", "bar"), data.get("watch"), bool(data.get("served")))

    def trigger(self, page: bool, any_: bool) -> WidgetState:
        """What the frontend sends for the component's `setTriggerValue("change", {page, any, n})`: the
        component's trigger widget, holding a JSON list of {event, value}."""
        self.count += 1
        value = {"page": page, "any": any_, "n": self.count}
        return WidgetState(
            id=TRIGGER_ID.format(self.id), json_trigger_value=json.dumps([{"event": "change", "value": value}])
        )


def live_list(element: Element) -> tuple[str, dict] | None:
    """A live list's key on the change stream and the spec it names there (ui/live_list.py), if `element` is
    one."""
    found = element.bidi_component if element.WhichOneof("type") == "bidi_component" else None
    if found is None or not found.json or not found.component_name.endswith(LIST_COMPONENT):
        return None
    data = json.loads(found.json)
    return data["changes"]["key"], data["spec"]


def tell(listeners: list[Listener], topics: list[str], pushed: bool = False) -> list[tuple[Listener, WidgetState]]:
    """ui/push.py's `tell` (web/pushes.py's `fired`), in the order the page's script runs it: the fragments
    that show a topic take it, the room bar gets the rest; each listener that fires with its trigger. For a
    change the stream names (`pushed`), only the listeners the server does not rerun itself."""
    shapes = {pushes.Listener(x.id, x.scope, None if x.watch is None else tuple(x.watch)): x for x in listeners}
    return [
        (shapes[shape], shapes[shape].trigger(page, any_))
        for shape, page, any_ in pushes.fired(shapes, topics)
        if not (pushed and shapes[shape].served)
    ]


@dataclass
class Run:
    """What one script run drew: its page and elements (the latest run's, after any switch of page)."""

    page_script_hash: str = ""
    elements: list[Element] = field(default_factory=list)
    pages: dict[str, str] = field(default_factory=dict)  # url path -> page script hash, from the navigation

    def widgets(self, kind: str) -> list:
        return [getattr(e, kind) for e in self.elements if e.WhichOneof("type") == kind]

    def texts(self) -> list[str]:
        """The alerts and exceptions shown (what a failed action says)."""
        kinds = {"alert": "body", "exception": "message"}
        return [getattr(getattr(e, k), v) for e in self.elements for k, v in kinds.items() if e.WhichOneof("type") == k]


class Client:
    """One person's page: `open()` fetches what the page's HTML names and runs the script once, `rerun()`
    sends the widget values a form submit sends and waits for the run that follows."""

    def __init__(self, base: str, query: str = "", timeout: float = 120, address: str | None = None) -> None:
        """`address`: the client's own address, passed as a proxy in front of the server would
        (X-Forwarded-For; the server trusts loopback proxies by default), else the loopback's."""
        self.base, self.query, self.timeout, self.address = base.rstrip("/"), query, timeout, address
        self.cookies: dict[str, str] = {}
        self.cached: set[str] = set()
        self.page_script_hash = ""
        self.served_bytes = 0
        self._lock = threading.Lock()  # the page's files come over several connections at once
        self.fetched_at: float | None = None  # perf_counter() when the page and its files were in
        self.ws = None
        self.listeners: dict[str, Listener] = {}  # change-stream listeners drawn, by element id
        self.views: dict[str, dict] = {}  # live lists drawn: their key on the change stream -> their spec
        self.auto_reruns: dict[str, float] = {}  # fragment id -> seconds (st.fragment(run_every=...))
        self._send_lock = threading.Lock()

    def get(self, paths: list[str]) -> None:
        """GET `paths` on one keep-alive connection, reading every byte (then dropping them)."""
        parts = urlsplit(self.base)
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=self.timeout)
        try:
            for path in paths:
                conn.request("GET", path, headers=self._headers())
                reply = conn.getresponse()
                size = len(reply.read())
                with self._lock:
                    self.served_bytes += size
                if reply.status >= 400:
                    raise Refused(f"GET {path}: HTTP {reply.status}")
                for header in reply.headers.get_all("Set-Cookie") or []:
                    self.cookies.update({k: m.value for k, m in SimpleCookie(header).items()})
        finally:
            conn.close()

    def _headers(self) -> dict[str, str]:
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        headers = {"Accept-Encoding": "gzip, deflate, br"}
        headers.update({"Cookie": cookie} if cookie else {})
        headers.update({"X-Forwarded-For": self.address} if self.address else {})
        return headers

    def fetch_page(self) -> None:
        """The page and every static file its HTML names, as a browser with an empty cache loads them."""
        parts = urlsplit(self.base)
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=self.timeout)
        try:
            conn.request("GET", f"/?{self.query}" if self.query else "/", headers=self._headers())
            html = conn.getresponse().read()
        finally:
            conn.close()
        self.served_bytes += len(html)
        assets = sorted({f"/{p}" for p in ASSET.findall(html.decode())})
        if not assets:
            raise Refused("the page names no static files")
        with ThreadPoolExecutor(PARALLEL) as pool:
            list(pool.map(self.get, [assets[i::PARALLEL] for i in range(PARALLEL)]))
        self.get(["/_stcore/health", "/_stcore/host-config"])

    def connect(self) -> None:
        """Streamlit's WebSocket, with the XSRF token as the frontend passes it (second subprotocol)."""
        token = self.cookies.get(XSRF_COOKIE, "")
        ws_url = self.base.replace("http", "ws", 1) + "/_stcore/stream"
        self.ws = connect(
            ws_url,
            subprotocols=["streamlit", token] if token else ["streamlit"],
            origin=self.base,
            additional_headers=self._headers(),
            max_size=None,
            open_timeout=self.timeout,
        )

    def open(self) -> Run:
        """What a fresh browser tab does until the first run of the script has finished."""
        self.fetch_page()
        self.fetched_at = time.perf_counter()
        self.connect()
        return self.rerun([])

    def rerun(self, widgets: list[WidgetState], want_page: str | None = None) -> Run:
        """Send a `rerun_script` with `widgets` and wait for the run that finishes (on `want_page`'s script
        hash, when given)."""
        self.send_rerun(widgets)
        return self._until_finished(want_page)

    def send_rerun(self, widgets: list[WidgetState], fragment_id: str = "", auto: bool = False) -> None:
        """A `rerun_script` as the frontend sends it: the page it is on, the messages it holds, `widgets`,
        and the fragment to run alone (a trigger inside a fragment, a `run_every` tick) when given."""
        state = ClientState(
            query_string=self.query, page_script_hash=self.page_script_hash, fragment_id=fragment_id, is_auto_rerun=auto
        )
        state.widget_states.widgets.extend(widgets)
        state.cached_message_hashes.extend(sorted(self.cached))
        state.context_info.CopyFrom(
            ContextInfo(
                timezone="UTC",
                timezone_offset=0,
                locale=LOCALE,
                url=f"{self.base}/?{self.query}" if self.query else f"{self.base}/",
                is_embedded=False,
                color_scheme="light",
            )
        )
        with self._send_lock:  # a page left open sends from its change stream's thread too
            self.ws.send(BackMsg(rerun_script=state).SerializeToString())

    def note(self, msg: ForwardMsg) -> None:
        """What the frontend keeps of a message beside the page: the cache, listeners, `run_every` timers."""
        if msg.metadata.cacheable and msg.hash:
            self.cached.add(msg.hash)
        kind = msg.WhichOneof("type")
        if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            listener = Listener.of(msg.delta.new_element, msg.delta.fragment_id)
            view = live_list(msg.delta.new_element)
            if view is not None:
                self.views[view[0]] = view[1]
            if listener is not None:
                listener.count = self.listeners[listener.id].count if listener.id in self.listeners else 0
                self.listeners[listener.id] = listener
        elif kind == "auto_rerun":
            self.auto_reruns[msg.auto_rerun.fragment_id] = msg.auto_rerun.interval

    def _until_finished(self, want_page: str | None) -> Run:
        run, deadline = Run(), time.monotonic() + self.timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise Refused(f"no finished run within {self.timeout:g} s")
            msg = ForwardMsg()
            msg.ParseFromString(self.ws.recv(timeout=left))
            self.note(msg)
            kind = msg.WhichOneof("type")
            if kind == "new_session":
                pages = run.pages
                run = Run(msg.new_session.page_script_hash, pages=pages)
                self.page_script_hash = run.page_script_hash
            elif kind == "page_info_changed":  # the script changed the query string (st.query_params)
                self.query = msg.page_info_changed.query_string
            elif kind == "navigation":
                run.pages.update({p.url_pathname: p.page_script_hash for p in msg.navigation.app_pages})
            elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                run.elements.append(msg.delta.new_element)
            elif kind == "script_finished" and msg.script_finished in DONE:
                if want_page is None or run.page_script_hash == want_page:
                    return run
                raise Refused(f"stayed on another page: {' | '.join(run.texts())[:200] or 'nothing said'}")

    def close(self) -> None:
        if self.ws is not None:
            self.ws.close()


def submit(run: Run, button: str, values: dict[str, str]) -> list[WidgetState]:
    """The widget states a press on the form submit button labelled `button` sends: every text input of its
    form with its value (`values` by label, else what the page shows) and the button's trigger."""
    buttons = [b for b in run.widgets("button") if b.is_form_submitter and b.label == button]
    if not buttons:
        raise Refused(f"no form button {button!r} shown")
    form = buttons[0].form_id
    states = []
    for box in run.widgets("text_input"):
        if box.form_id == form:
            shown = box.value if box.set_value else box.default
            states.append(WidgetState(id=box.id, string_value=values.get(box.label, shown)))
    missing = set(values) - {b.label for b in run.widgets("text_input") if b.form_id == form}
    if missing:
        raise Refused(f"no field {sorted(missing)} in the form of {button!r}")
    return [*states, WidgetState(id=buttons[0].id, trigger_value=True)]


class Live:
    """A page left open after `Client.open()`: it keeps Streamlit's stream read, opens the page's change stream
    (`/_cvm/changes?w=...`, with the session cookie) and answers it as ui/push.py's JS does (a trigger rerun
    of the fragment holding the listener that fires, for a change only if the server does not rerun it; it
    names the page's live lists on it), and sends the `run_every` reruns of its fragments. `on_frame(at, msg,
    raw)` hears every message of Streamlit's stream (at: time.time()), `on_stream(at, message, raw)` every
    message of the change stream (a live list's rows come there); `finishes` keeps the
    runs' ends, `pushed` the change stream's messages, `sent` the reruns sent (each with its time.time())."""

    def __init__(self, client: Client, workshop_id: int, on_frame: Any = None, on_stream: Any = None) -> None:
        self.client, self.workshop_id, self.on_frame, self.on_stream = client, workshop_id, on_frame, on_stream
        self._said: dict[str, dict] = {}  # the live lists named on the change stream
        self.finishes: list[tuple[float, int]] = []
        self.pushed: list[tuple[float, dict]] = []
        self.sent: list[tuple[float, str]] = []
        self.stream = None
        self.error: str | None = None
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    def start(self) -> None:
        """Open the change stream, wait for its hello, and start listening to both streams."""
        base = self.client.base
        self.stream = connect(
            base.replace("http", "ws", 1) + f"/_cvm/changes?w={self.workshop_id}",
            origin=base,
            additional_headers=self.client._headers(),
            open_timeout=self.client.timeout,
        )
        hello = json.loads(self.stream.recv(timeout=self.client.timeout))
        if "hello" not in hello:
            raise Refused(f"the change stream said {hello!r} before hello")
        self._name_lists()
        self._threads = [threading.Thread(target=job, daemon=True) for job in (self._read, self._changes)]
        for thread in self._threads:
            thread.start()

    def _read(self) -> None:
        started, timers = time.monotonic(), {}
        try:
            while not self._stop.is_set():
                for fragment, interval in self.client.auto_reruns.items():
                    timers.setdefault(fragment, started + interval)
                due = min(timers.values(), default=time.monotonic() + 1)
                try:
                    raw = self.client.ws.recv(timeout=max(0.01, min(due - time.monotonic(), 1)))
                except TimeoutError:
                    for fragment, at in list(timers.items()):
                        if at <= time.monotonic():
                            self._send([], fragment, auto=True)
                            timers[fragment] = at + self.client.auto_reruns[fragment]
                    continue
                msg = ForwardMsg()
                msg.ParseFromString(raw)
                self.client.note(msg)
                at = time.time()
                if msg.WhichOneof("type") == "script_finished":
                    self.finishes.append((at, msg.script_finished))
                if self.on_frame is not None:
                    self.on_frame(at, msg, raw)
        except Exception as error:  # noqa: BLE001 - a closed or broken stream ends the page, said in `error`
            if not self._stop.is_set():
                self.error = f"Streamlit's stream: {type(error).__name__}: {error}"

    def _changes(self) -> None:
        try:
            while not self._stop.is_set():
                self._name_lists()
                try:
                    raw = self.stream.recv(timeout=1)
                except TimeoutError:
                    continue
                message = json.loads(raw)
                self.pushed.append((time.time(), message))
                if self.on_stream is not None:
                    self.on_stream(self.pushed[-1][0], message, raw)
                topics = ["*"] if "hello" in message else list(message.get("t", []))
                fired = tell(list(self.client.listeners.values()), topics, pushed="hello" not in message)
                if fired:  # triggers set in one JS task reach the server in one rerun, of the first's fragment
                    self._send([w for _, w in fired], fired[0][0].fragment_id)
        except Exception as error:  # noqa: BLE001
            if not self._stop.is_set():
                self.error = f"change stream: {type(error).__name__}: {error}"

    def _name_lists(self) -> None:
        """Name the live lists drawn since the last call on the change stream, as the hub's `view` does."""
        for key, spec in list(self.client.views.items()):
            if self._said.get(key) != spec:
                self._said[key] = spec
                self.stream.send(json.dumps({"view": {"key": key, "spec": spec}}))

    def _send(self, widgets: list[WidgetState], fragment_id: str, auto: bool = False) -> None:
        self.sent.append((time.time(), fragment_id))
        self.client.send_rerun(widgets, fragment_id, auto)

    def finished(self, since: float = 0.0) -> list[int]:
        """The script_finished statuses that arrived after `since` (time.time()), in order."""
        return [status for at, status in self.finishes if at >= since]

    def close(self) -> None:
        self._stop.set()
        for conn in (self.stream, self.client.ws):
            try:
                if conn is not None:
                    conn.close()
            except Exception:  # noqa: BLE001, S110 - closing a broken connection
                pass
        for thread in self._threads:
            thread.join(5)
