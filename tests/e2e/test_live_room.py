"""The live room in two browsers: the facilitator starts the clock and moves the room to step 2; the
participant sees the banner and the countdown, adds a pain, and the facilitator sees it appear without
reloading. Once on one server (SQLite), once with each person on their own server sharing PostgreSQL."""

from __future__ import annotations

import re

import pytest

from db import services, workshops
from db.engine import make_engine
from db.migrate import upgrade
from tests.conftest import drop_postgres_database, new_postgres_database
from tests.e2e.conftest import create_workshop, join_workshop, nav, start_server, stop_server, wait_idle
from tests.helpers import by_code

REFRESH_WAIT = 12_000  # ms: changes are pushed (the fallback check runs only every 30 s)


@pytest.fixture(params=["one server on SQLite", "two servers on PostgreSQL"])
def servers(request, tmp_path):
    """(facilitator's server, participant's server, database URL)."""
    if request.param.startswith("one"):
        url = f"sqlite:///{tmp_path / 'room.db'}"
        upgrade(url)
        one = start_server(url, log=tmp_path / "server.log")
        yield one, one, url
        stop_server(one)
        return
    url = new_postgres_database()
    upgrade(url)
    b, a = (start_server(url, log=tmp_path / f"server_{n}.log") for n in "ba")
    yield b, a, url
    stop_server(a)
    stop_server(b)
    drop_postgres_database(url)


def test_the_room_follows_the_facilitator_and_sees_new_pains(servers, new_page) -> None:
    on_b, on_a, url = servers
    fac = new_page()
    code = create_workshop(fac, on_b.url, name="Live room")
    engine = make_engine(url)
    info, actor = by_code(engine, code)
    services.create(engine, actor=actor, entity_name="customer", data={"name": "Corner shops"})
    workshops.update_settings(engine, actor=actor, version=None, changes={"voting_open": True})
    engine.dispose()

    pat = new_page()
    join_workshop(pat, on_a.url, code, "Pat", "Sales")
    nav(pat, "1. Customers")

    nav(fac, "Facilitator console")
    fac.get_by_test_id("stMain").get_by_role("spinbutton").first.fill("5")
    fac.get_by_role("button", name="Start / resume").click()
    wait_idle(fac)
    fac.get_by_test_id("stMain").get_by_test_id("stSelectbox").first.click()
    fac.get_by_role("option", name="2. Pains").click()
    fac.get_by_role("button", name="Move everyone here").click()
    fac.get_by_role("dialog").get_by_role("button", name="Move everyone to step 2").click()  # asked first
    wait_idle(fac)

    banner = pat.get_by_text("The room is on 2. Pains: go there")
    banner.wait_for(timeout=REFRESH_WAIT)  # no reload: the room bar refreshed itself
    clock = pat.locator("#cvm-clock")
    clock.wait_for(timeout=REFRESH_WAIT)
    assert re.search(r"Time left 0[45]:\d\d", clock.inner_text())

    nav(fac, "2. Pains")
    fac.get_by_text("Voting is open").first.wait_for()
    banner.click()
    wait_idle(pat)
    pat.get_by_role("tab", name="Add and edit pains").click()
    add = pat.get_by_test_id("stForm").filter(has_text="Add the pain").first
    add.get_by_role("textbox", name="Pain").fill("Trucks arrive after the shop opens")
    add.get_by_role("button", name="Add the pain").click()
    wait_idle(pat)

    fac.get_by_text("Trucks arrive after the shop opens").first.wait_for(timeout=REFRESH_WAIT)
