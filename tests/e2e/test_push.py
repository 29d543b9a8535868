"""Pushed changes in the browser: someone else's change reaches an idle page in seconds, run by the server
without the page asking (the fallback check runs only while the change stream is down, every 30 s), waits
while the person has unsaved edits, and arrives once they save; an idle page whose stream stands runs
nothing at all."""

from __future__ import annotations

import re
import time

from cvm_core import settings as s
from db import services
from db.engine import make_engine
from tests.e2e.conftest import create_workshop, join_workshop, nav, wait_idle
from tests.helpers import by_code

PUSHED = 12_000  # ms: far below the 30 s fallback, so only a push can make it


def rename_first_row(page, value: str) -> None:  # noqa: ANN001
    """Edit the first row's first column of the first grid, without saving."""
    box = page.get_by_test_id("stDataFrame").first.bounding_box()
    page.mouse.dblclick(box["x"] + 70, box["y"] + 35 + 17)
    editor = page.locator("#portal input, #portal textarea").first
    editor.wait_for()
    editor.fill(value)
    editor.press("Enter")


def cell(page, text: str):  # noqa: ANN001, ANN201
    return page.locator("[role=gridcell]", has_text=text).first


def quiet(page, sent: list[int]) -> int:  # noqa: ANN001
    """Wait until `page` sent nothing for 3 s (what arriving asked for, the cookie, the stream's hello, is
    done): how many frames it had sent by then."""
    wait_idle(page)
    idle = -1
    while idle != len(sent):
        idle = len(sent)
        page.wait_for_timeout(3000)
    return idle


def counting_frames(page) -> list[int]:  # noqa: ANN001
    """A list that grows by one for each frame `page` sends on Streamlit's own WebSocket."""
    sent: list[int] = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda _: sent.append(1)) if "_stcore" in ws.url else None)
    return sent


def room_with_a_customer(server, fac, name: str):  # noqa: ANN001, ANN201
    """A workshop made by the facilitator's page `fac`, with one customer: its code, an engine and its
    facilitator."""
    code = create_workshop(fac, server.url, name=name)
    engine = make_engine(server.database_url)
    info, actor = by_code(engine, code)
    services.create(engine, actor=actor, entity_name="customer", data={"name": "Corner shops"})
    return code, engine, actor


def test_a_change_waits_for_unsaved_edits_and_arrives_after_saving(server, new_page) -> None:
    code, engine, actor = room_with_a_customer(server, new_page(), "Unsaved edits")

    pat = new_page()
    join_workshop(pat, server.url, code, "Pat", "Sales")
    nav(pat, "1. Customers")
    cell(pat, "Corner shops").wait_for(state="attached")
    services.create(engine, actor=actor, entity_name="customer", data={"name": "Hotels"})
    cell(pat, "Hotels").wait_for(state="attached", timeout=PUSHED)  # idle: pushed and shown
    wait_idle(pat)

    rename_first_row(pat, "Corner shops and kiosks")  # an edit, not saved yet
    pat.get_by_text("You have unsaved changes in this table.").wait_for()
    services.create(engine, actor=actor, entity_name="customer", data={"name": "Pushed while editing"})
    pat.get_by_text("Others changed what this page shows").wait_for(timeout=PUSHED)
    assert cell(pat, "Pushed while editing").count() == 0  # the page did not rerun under the edit
    cell(pat, "Corner shops and kiosks").wait_for(state="attached")

    pat.get_by_role("button", name="Save").click()
    wait_idle(pat)
    cell(pat, "Pushed while editing").wait_for(state="attached", timeout=PUSHED)
    cell(pat, "Corner shops and kiosks").wait_for(state="attached")
    engine.dispose()


def test_a_listener_mounted_again_still_hears_when_its_old_mount_goes(server, new_page) -> None:
    """A fragment that moves on the page (an element before it came or went) mounts its listener again under
    the same key, and Streamlit unmounts the old, stale element only after the new one attached: the old
    one's going must not take the new listener with it. A page that lost its room bar's listener so heard
    no change at all until its next full run (the stream stood, so no fallback check ran either)."""
    code, engine, actor = room_with_a_customer(server, new_page(), "Mounted again")
    info, _ = by_code(engine, code)
    pat = new_page()
    join_workshop(pat, server.url, code, "Pat", "Sales")
    nav(pat, "1. Customers")
    cell(pat, "Corner shops").wait_for(state="attached")
    wait_idle(pat)
    pat.evaluate(
        """(workshop) => {
          window.__probe = [];
          const data = { path: `/_cvm/changes?w=${workshop}`, watch: null, scope: "bar", fallback: 0 };
          const hub = window.__cvmChanges;
          const old = hub.attach("probe", data, () => window.__probe.push("old"));
          window.__probeStop = hub.attach("probe", data, () => window.__probe.push("new"));
          old();  // the stale element goes after the new one attached
        }""",
        info["id"],
    )
    services.create(engine, actor=actor, entity_name="customer", data={"name": "Heard again"})
    pat.wait_for_function("() => window.__probe.includes('new')", timeout=PUSHED)
    assert "old" not in pat.evaluate("window.__probe")
    cell(pat, "Heard again").wait_for(state="attached", timeout=PUSHED)  # and the page's own bar heard it
    pat.evaluate("window.__probeStop()")
    engine.dispose()


def test_an_idle_page_runs_nothing_and_a_page_without_its_stream_still_hears(server, new_page) -> None:
    """While the change stream stands, an idle page asks the server for no run at all (a room of thirty
    idles for free); where the stream cannot connect (a proxy that drops it), the page checks the database
    every FALLBACK_SECONDS and still shows what changed."""
    code, engine, actor = room_with_a_customer(server, new_page(), "Fallback")

    pat = new_page()
    pat.route_web_socket(re.compile(r".*/_cvm/changes.*"), lambda ws: ws.close())  # the stream never stands
    join_workshop(pat, server.url, code, "Pat", "Sales")
    nav(pat, "1. Customers")
    cell(pat, "Corner shops").wait_for(state="attached")

    kim = new_page()
    sent = counting_frames(kim)
    join_workshop(kim, server.url, code, "Kim", "Sales")
    nav(kim, "1. Customers")
    services.create(engine, actor=actor, entity_name="customer", data={"name": "Hotels"})
    cell(kim, "Hotels").wait_for(state="attached", timeout=PUSHED)
    idle = quiet(kim, sent)
    since = time.monotonic()

    cell(pat, "Hotels").wait_for(state="attached", timeout=(s.FALLBACK_SECONDS + 20) * 1000)
    assert cell(pat, "Hotels").count() == 1
    kim.wait_for_timeout(max(0.0, s.FALLBACK_SECONDS + 5 - (time.monotonic() - since)) * 1000)
    assert len(sent) == idle, "an idle page with its change stream asked for a run"
    engine.dispose()


def test_the_server_brings_a_change_to_an_idle_page_without_the_page_asking(server, new_page) -> None:
    """The server reruns what shows the change itself (web/pushes.py): the page gets the new text in the
    messages that carry it and sends nothing for it, so a busy phone or a slow network costs one leg, not
    three."""
    code, engine, actor = room_with_a_customer(server, new_page(), "Server pushes")
    kim = new_page()
    sent = counting_frames(kim)
    join_workshop(kim, server.url, code, "Kim", "Sales")
    nav(kim, "1. Customers")
    cell(kim, "Corner shops").wait_for(state="attached")
    before = quiet(kim, sent)
    for name in ("Hotels", "Cafés"):
        services.create(engine, actor=actor, entity_name="customer", data={"name": name})
        cell(kim, name).wait_for(state="attached", timeout=PUSHED)
        wait_idle(kim)
    assert len(sent) == before, "the page asked for a run to show a change"
    engine.dispose()
