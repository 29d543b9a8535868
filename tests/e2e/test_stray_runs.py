"""Runs that reach the server late or folded must not take the page away. Three races of a live page,
replayed on purpose through Playwright's WebSocket routing (the browser's own socket to Streamlit):

- a run of the room bar asked by the page the browser was leaving (a component of that page spoke while
  the next page loaded): Streamlit runs it as the old page and the browser drops the page it shows;
- a tab clicked at the moment the room bar's component spoke: the browser sends both in one request for
  the bar's fragment, and only the bar ran (the tab showed open over the other tab's content);
- a rerun queued behind another, answered after the browser had dropped big elements it said it held
  (Streamlit's message cache): the browser stops with "Cached ForwardMsg MISS", every input disabled. The
  cache is off (.streamlit/config.toml): no reference to a held element is ever sent."""

from __future__ import annotations

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from db import services
from db.engine import make_engine
from tests.e2e.conftest import create_workshop, nav, open_tab, wait_idle
from tests.helpers import by_code

HEADING = "Step 4 · Strategy canvas"


class Relay:
    """Every message the page sends to Streamlit's stream passes here (and on), so a test can resend one."""

    def __init__(self, page) -> None:  # noqa: ANN001
        self.sent: list[BackMsg] = []
        self.received: list[bytes] = []
        self.server = None
        page.route_web_socket("**/_stcore/stream", self._route)

    def _route(self, ws) -> None:  # noqa: ANN001
        server = ws.connect_to_server()
        self.server = server

        def outgoing(message: str | bytes) -> None:
            if isinstance(message, bytes):
                parsed = BackMsg()
                parsed.ParseFromString(message)
                self.sent.append(parsed)
            server.send(message)

        def incoming(message: str | bytes) -> None:
            if isinstance(message, bytes):
                self.received.append(message)
            ws.send(message)

        ws.on_message(outgoing)
        server.on_message(incoming)

    def reruns(self) -> list[BackMsg]:
        return [m for m in self.sent if m.WhichOneof("type") == "rerun_script"]

    def send(self, message: BackMsg) -> None:
        self.server.send(message.SerializeToString())


def open_workshop(page, server, name: str) -> None:  # noqa: ANN001
    """A new workshop with one customer (step 4 draws its canvas for a customer), from the home page."""
    code = create_workshop(page, server.url, name=name)
    engine = make_engine(server.database_url)
    _, actor = by_code(engine, code)
    services.create(engine, actor=actor, entity_name="customer", data={"name": "Corner shops"})
    engine.dispose()


def page_hash(relay: Relay) -> str:
    """The page hash of the last full run the page asked for."""
    return next(m.rerun_script.page_script_hash for m in reversed(relay.reruns()) if not m.rerun_script.fragment_id)


def bar_run(page, relay: Relay) -> BackMsg:  # noqa: ANN001
    """Type into a field and pause: the unsaved-input keeper asks for a run of the room bar; that request."""
    before = len(relay.sent)
    page.get_by_role("textbox", name="Our offer in one line").fill("Before ten")
    for _ in range(200):
        asked = [m for m in relay.reruns()[before:] if m.rerun_script.fragment_id]
        if asked:
            return asked[-1]
        page.wait_for_timeout(100)
    raise AssertionError("the room bar was never asked to run")


def test_a_late_run_for_the_page_left_behind_does_not_blank_the_page(server, new_page) -> None:
    page = new_page()
    relay = Relay(page)
    open_workshop(page, server, "Stray runs")
    nav(page, "3. Value")
    left = page_hash(relay)
    nav(page, "4. Strategy canvas")
    page.get_by_role("heading", name=HEADING).wait_for()
    here, url = page_hash(relay), page.url
    assert left and here and left != here

    stray = BackMsg()
    stray.CopyFrom(bar_run(page, relay))
    wait_idle(page)
    stray.rerun_script.page_script_hash = left  # as if sent by step 3's keeper while step 4 loaded
    relay.send(stray)
    wait_idle(page)
    page.get_by_role("heading", name=HEADING).wait_for()
    page.get_by_role("tab", name="Offerings").wait_for()
    assert page.url == url


def test_no_element_is_sent_as_a_reference_to_what_the_browser_holds(server, new_page) -> None:
    page = new_page()
    relay = Relay(page)
    open_workshop(page, server, "Whole elements")
    nav(page, "4. Strategy canvas")
    for tab in ("Scores", "ERRC grid", "Offerings"):  # the same big elements again, run after run
        page.get_by_role("tab", name=tab).click()
        wait_idle(page)
    bar_run(page, relay)
    wait_idle(page)
    messages = []
    for raw in relay.received:
        message = ForwardMsg()
        message.ParseFromString(raw)
        messages.append((len(raw), message.WhichOneof("type")))
    assert sum(1 for size, _ in messages if size >= 10_000) >= 3  # big elements were sent, more than once
    assert not [kind for _, kind in messages if kind == "ref_hash"]


def test_a_tab_folded_into_a_run_of_the_bar_still_opens(server, new_page) -> None:
    """The browser folds the widget changes of one moment into one request, for the fragment of the first: a
    tab clicked as the room bar's component spoke (its change stream connecting, its keeper reporting)
    became a run of the bar alone, and the tab showed open over the other tab's content. Replayed: the
    bar's own request, carrying the tab's new value. The server runs the whole page (web/runs.py)."""
    page = new_page()
    relay = Relay(page)
    open_workshop(page, server, "Folded tab")
    nav(page, "4. Strategy canvas")
    for name in ("ERRC grid", "Scores"):  # the tab's widget now has a value, sent with every request
        open_tab(page, name)
    [tab_id] = {w.id for m in relay.reruns() for w in m.rerun_script.widget_states.widgets if w.id.endswith("s4_tab")}

    folded = BackMsg()
    folded.CopyFrom(bar_run(page, relay))
    wait_idle(page)
    [tab] = [w for w in folded.rerun_script.widget_states.widgets if w.id == tab_id]
    tab.string_value = "Offerings"
    relay.send(folded)
    page.get_by_role("tab", name="Offerings", selected=True).wait_for()
    page.get_by_test_id("stForm").filter(has_text="Add the offering").wait_for()
