"""Entering for someone without a device, in two browsers: the facilitator puts Bob on the list, enters a pain
for him on step 2 and sees it under Bob's name; Bob then comes in by picking his name and finds the pain as
his own, entered by the facilitator."""

from __future__ import annotations

from playwright.sync_api import expect

from db import read, roster, services, workshops
from tests.e2e.conftest import create_workshop, go, nav, until_shown, wait_idle
from tests.helpers import by_code

PAIN = "Invoices arrive a month late"


def cell(page, text: str) -> None:  # noqa: ANN001
    """Wait for a grid cell with `text` (the grid is drawn on a canvas; its accessible copy is the gridcell)."""
    page.locator("[role=gridcell]", has_text=text).first.wait_for(state="attached")


def test_an_entry_made_for_someone_else_appears_under_their_name(server, new_page) -> None:
    fac = new_page()
    code = create_workshop(fac, server.url, name="On behalf")
    engine = server.engine
    info, actor = by_code(engine, code)
    services.create(engine, actor=actor, entity_name="customer", data={"name": "Corner shops"})
    roster.add_people(engine, actor=actor, text="Bob, Sales")

    nav(fac, "2. Pains")
    fac.get_by_text("Entering for").first.wait_for()
    fac.get_by_test_id("stSelectbox").filter(has_text="Entering for").click()
    fac.get_by_role("option", name="Bob (not here yet)").click()
    fac.get_by_text("You are entering for Bob").wait_for()
    fac.get_by_role("tab", name="Add and edit pains").click()
    wait_idle(fac)
    add = fac.get_by_test_id("stForm").filter(has_text="Add the pain").first
    add.get_by_role("textbox", name="Pain").fill(PAIN)
    add.get_by_role("button", name="Add the pain").click()
    wait_idle(fac)
    fac.get_by_text("For Bob: ").first.wait_for()
    cell(fac, "Bob (entered by you)")

    bob_id = next(p["id"] for p in workshops.participants(engine, workshop_id=info["id"]) if p["display_name"] == "Bob")
    (pain,) = read.rows(engine, workshop_id=info["id"], entity_name="pain")
    assert (pain["text"], pain["author_id"], pain["entered_by_id"]) == (PAIN, bob_id, actor.participant_id)

    bob = new_page()
    go(bob, server.url, f"?join={code}")
    bob.get_by_text("On the list? Pick your name").click()
    names = bob.get_by_role("combobox", name="Your name")
    until_shown(bob, names, bob.get_by_role("button", name="Show the names").click)  # a run may land on the click
    wait_idle(bob)
    expect(bob.get_by_role("combobox", name="Your name")).to_have_value("Bob · Sales")  # the only listed name
    bob.get_by_role("button", name="That's me").click()
    wait_idle(bob)
    bob.get_by_text("Welcome, Bob!").wait_for()
    nav(bob, "2. Pains")
    assert bob.get_by_test_id("stSelectbox").filter(has_text="Entering for").count() == 0  # a participant
    bob.get_by_role("tab", name="Add and edit pains").click()
    wait_idle(bob)
    cell(bob, PAIN)
    cell(bob, "you (entered by Fay)")
    engine.dispose()
