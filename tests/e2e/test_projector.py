"""The projector view and the end of a timebox in Chromium. The projector (a second tab of the facilitator's
browser, 1920 × 1080) follows the facilitator's advance within the refresh interval, its QR code decodes to the
join link and no text on it is under 32 px; at zero the countdown flashes on a participant's page and on the
console, the console sounds (the participant's page does not) and says how far over time the room is.
With SCREENSHOTS=1 (`make screenshots`) the projector's picture is kept for the README and the guide."""

from __future__ import annotations

import io
import os
import time

import pytest
import zxingcpp
from PIL import Image

from cvm_core import settings as s
from cvm_core.i18n import t
from db import live, workshops
from db.demo import build_demo
from db.engine import make_engine
from tests.e2e.conftest import ROOT, create_workshop, join_workshop, nav, served, wait_idle
from tests.e2e.test_every_page import sign_in
from tests.e2e.test_session_cookie import wait_cookie
from tests.helpers import person

KEEP = os.environ.get("SCREENSHOTS") == "1"
FOLLOWS_MS = (s.REFRESH_SECONDS + 4) * 1000  # the refresh interval, and room for a loaded 2-core machine
SMALL_TEXT = """(min) => {
  const small = [];
  for (const el of document.querySelectorAll('[data-testid="stMain"] *')) {
    const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
    if (!own || !el.getClientRects().length) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < min) small.push(el.tagName + " " + size + "px: " + el.textContent.trim().slice(0, 40));
  }
  return small;
}"""


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("projector")
    with served(folder, lambda engine: build_demo(engine, "en")) as (server, workshop_id):
        yield server, workshop_id, folder


def greeted(page) -> list[str]:  # noqa: ANN001
    """The change stream's greetings this page receives (one per authenticated connection)."""
    hellos: list[str] = []

    def on_socket(socket) -> None:  # noqa: ANN001
        if "/_cvm/changes" in socket.url:
            socket.on("framereceived", lambda frame: hellos.append(frame) if '"hello"' in str(frame) else None)

    page.on("websocket", on_socket)
    return hellos


def wait_for(page, condition, what: str, seconds: float = 20) -> None:  # noqa: ANN001
    """Poll `condition` while Playwright runs (its events are handled only inside its own calls)."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, what
        page.wait_for_timeout(100)


def decode(png: bytes) -> list[str]:
    return [found.text for found in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


def test_the_projector_follows_the_room_and_its_qr_code_joins(demo, new_page) -> None:
    server, workshop_id, folder = demo
    console = new_page(width=1920, height=1080)
    sign_in(console, server.url, "DEMOEN", "Facilitator")
    wait_cookie(console, present=True)
    nav(console, "Facilitator console")

    screen = console.context.new_page()  # the facilitator's second tab, dragged to the big screen
    hellos = greeted(screen)
    screen.goto(f"{server.url}/projector")
    screen.locator("#cvm-qr").wait_for()
    wait_idle(screen)
    assert screen.get_by_test_id("stSidebar").is_hidden()
    assert screen.locator("#cvm-step").inner_text() == t("steps.6", "en")  # the demo's room is on step 6
    assert decode(screen.locator("#cvm-qr").screenshot()) == [f"{server.url}/?join=DEMOEN"]
    assert screen.evaluate(SMALL_TEXT, s.PROJECTOR_MIN_FONT_PX) == []
    wait_for(screen, lambda: hellos, "the projector's change stream did not connect")

    console.get_by_test_id("stMain").get_by_test_id("stSelectbox").first.click()
    console.get_by_role("option", name=t("steps.2", "en")).click()
    console.get_by_role("button", name="Move everyone here").click()
    console.get_by_role("dialog").get_by_role("button", name="Move everyone to step 2").click()  # asked first
    wait_idle(console)
    screen.locator("#cvm-step", has_text=t("steps.2", "en")).wait_for(timeout=FOLLOWS_MS)
    screen.get_by_text(t("step2.guide.question", "en")).wait_for(timeout=FOLLOWS_MS)

    engine = make_engine(server.database_url)
    fay = person(engine, workshop_id)
    workshops.update_settings(engine, actor=fay, version=None, changes={"voting_open": True})
    live.start_timer(engine, actor=fay, minutes=7)
    live.start_round(engine, actor=fay, seconds=90, kind="voting")
    engine.dispose()
    screen.locator("#cvm-boards").wait_for(timeout=FOLLOWS_MS)
    screen.locator("#cvm-round").wait_for(timeout=FOLLOWS_MS)
    screen.get_by_text(t("projector.voting_anonymous", "en")).wait_for()
    wait_idle(screen)
    assert screen.evaluate(SMALL_TEXT, s.PROJECTOR_MIN_FONT_PX) == []
    assert screen.evaluate("document.documentElement.scrollWidth") <= 1920
    shots = ROOT / "docs" / "screenshots" if KEEP else folder
    screen.screenshot(path=str(shots / "projector.png"))
    assert decode(screen.screenshot()) == [f"{server.url}/?join=DEMOEN"]  # the whole screen, as a phone sees it


def test_zero_time_flashes_everywhere_and_sounds_on_the_facilitators_screens(server, new_page) -> None:
    fac = new_page()
    fac_hellos = greeted(fac)
    code = create_workshop(fac, server.url, name="Timebox end")
    wait_cookie(fac, present=True)
    nav(fac, "Facilitator console")
    pat = new_page()
    pat_hellos = greeted(pat)
    join_workshop(pat, server.url, code, "Pat", "Sales")
    wait_cookie(pat, present=True)
    nav(pat, "1. Customers")
    wait_for(pat, lambda: fac_hellos and pat_hellos, "a change stream did not connect")

    engine = make_engine(server.database_url)
    info = next(w for w in workshops.all_workshops(engine) if w["join_code"] == code)
    fay = person(engine, info["id"])
    live.start_timer(engine, actor=fay, minutes=1)
    # Eight seconds left: each page must have drawn its clock before zero to sound (a loaded machine may take
    # a few seconds to push and redraw), and the flash lasts FLASH_SECONDS after it.
    live.add_time(engine, actor=fay, seconds=-52)
    live.start_round(engine, actor=fay, seconds=8, kind="brainstorm")
    engine.dispose()

    for page in (pat, fac):
        page.locator('#cvm-clock[data-flash="1"]').wait_for(state="attached", timeout=20_000)
    pat.locator('#cvm-round[data-flash="1"]').wait_for(state="attached", timeout=5_000)
    assert fac.evaluate("window.__cvmBeeps || 0") >= 1  # the facilitator's screen sounds (the switch is on)
    assert pat.evaluate("window.__cvmBeeps || 0") == 0  # a participant's page stays silent
    fac.get_by_test_id("stMetricValue").filter(has_text="Over time by 0:").first.wait_for(timeout=FOLLOWS_MS)

    clock = pat.locator("#cvm-clock")
    clock.filter(has_text="Over time by 0:").wait_for()
    pat.locator('#cvm-clock[data-flash=""]').wait_for(state="attached", timeout=(s.FLASH_SECONDS + 5) * 1000)
    assert clock.inner_text().startswith("Over time by 0:1")  # the flash ends after FLASH_SECONDS; the clock goes on
