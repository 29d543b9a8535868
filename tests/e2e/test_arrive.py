"""Landing where the room is, counted in a person's actions: a newcomer steps into the demo in two, a participant
joins by link in at most four and lands on the room's step, the facilitator lands on the console. Voting, once
opened, shows in every participant's room bar (pushed) with their dots left and a link to the ranking. The
seconds are printed for the report (`-s`), never asserted: speed is measured by the benchmarks."""

from __future__ import annotations

import re
import time

import pytest

from db import workshops
from db.demo import build_demo
from tests.e2e.conftest import go, move_room, served, wait_idle
from tests.helpers import by_code, create
from ui import registry

PUSHED = 12_000  # ms: far below the 30 s fallback check, so only a pushed change can make it
VOTING = re.compile(r"Voting is open: you have \d+ of \d+ dots? left")


@pytest.fixture
def demo_server(tmp_path):
    def demo_step(engine) -> int:  # noqa: ANN001
        return workshops.workshop(engine, workshop_id=build_demo(engine, "en"))["current_step"]

    with served(tmp_path, demo_step) as (running, step):
        yield running, registry.step_page(step).key


def test_a_newcomer_is_inside_the_demo_in_two_actions(demo_server, new_page) -> None:
    server, room_page = demo_server
    for button, landing in (("As a participant", room_page), ("As facilitator", "console")):
        page = new_page()
        started = time.monotonic()
        go(page, server.url)  # 1: open the app
        page.get_by_role("button", name=button).first.click()  # 2: step in
        page.wait_for_url(f"**/{landing}")
        page.get_by_test_id("stSidebar").wait_for()
        print(f"demo {button.lower()}: 2 actions, {time.monotonic() - started:.1f} s")


def test_join_by_link_lands_on_the_room_step_and_voting_shows_everywhere(server, new_page) -> None:
    fac = new_page()
    started, actions = time.monotonic(), 0
    go(fac, server.url)
    fac.get_by_role("tab", name="Create a workshop").click()
    form = fac.get_by_test_id("stForm").filter(has_text="Create the workshop")
    form.get_by_role("textbox", name="Workshop name").fill("Arrivals")
    form.get_by_role("textbox", name="Facilitator passcode").fill("secret-1")
    form.get_by_role("textbox", name="Your name").fill("Fay")
    form.get_by_role("button", name="Create the workshop").click()
    actions += 6
    fac.get_by_test_id("stMetricValue").wait_for()
    code = fac.get_by_test_id("stMetricValue").inner_text().strip()
    print(f"create a workshop: {actions} actions, {time.monotonic() - started:.1f} s")
    engine = server.engine
    info, fay = by_code(engine, code)
    create(engine, fay, "customer", name="Shops")
    engine.dispose()

    fac.get_by_test_id("stSidebarNav").get_by_text("Facilitator console", exact=True).click()
    wait_idle(fac)
    move_room(fac, "3. Value")

    pat = new_page()
    started, actions = time.monotonic(), 0
    go(pat, server.url, f"?join={code}")  # 1: open the link
    form = pat.get_by_test_id("stForm").filter(has_text="Join code").first
    form.get_by_role("textbox", name="Your name").fill("Pat")  # 2: type one's name
    form.get_by_role("button", name="Join", exact=True).click()  # 3: join
    actions += 3
    pat.wait_for_url("**/step3_value")  # on the room's step, not Home
    pat.get_by_test_id("stSidebar").wait_for()
    assert actions <= 4
    print(f"join by link: {actions} actions, {time.monotonic() - started:.1f} s")
    wait_idle(pat)
    assert pat.get_by_text(VOTING).count() == 0  # voting is closed

    fac.get_by_test_id("stMain").get_by_text("Voting open", exact=True).click()
    wait_idle(fac)
    started = time.monotonic()
    link = pat.get_by_role("link", name=VOTING)
    link.wait_for(timeout=PUSHED)  # pushed to the room bar of a page that is not step 2
    print(f"voting shown to a participant on step 3: {time.monotonic() - started:.1f} s after the switch")
    link.click()
    pat.wait_for_url("**/step2_pains*")
    pat.get_by_role("tab", name="Ranking and dots", selected=True).wait_for()
