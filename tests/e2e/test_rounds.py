"""In the browser: run a round (close an action), start the next round from the home page, change two
promises' metrics in it and open "Rounds" to see both rounds compared; with SCREENSHOTS=1
(`make screenshots`) the pictures for the facilitator's guide are kept in docs/screenshots."""

from __future__ import annotations

import os

from playwright.sync_api import TimeoutError as PlaywrightTimeout

from db import services, workshops
from tests.e2e.conftest import ROOT, nav, sign_in_facilitator, wait_idle
from tests.e2e.test_steps_1_5 import tab, type_in_grid

KEEP = os.environ.get("SCREENSHOTS") == "1"


def seed(engine) -> str:  # noqa: ANN001
    """Round 1 as a room leaves it: two agreed promises measured (one broken, one met), an open action."""
    info, fay = workshops.create_workshop(
        engine, data={"name": "Corner Supply Q3", "language": "en"}, passcode="secret-1", facilitator_name="Fay"
    )
    logistics = services.create(engine, actor=fay, entity_name="department", data={"name": "Logistics"})["id"]
    shops = services.create(engine, actor=fay, entity_name="customer", data={"name": "Corner shops"})["id"]
    for text, current in (("Delivery before 10 am", 80), ("Complete orders", 99)):
        promise = {"customer_id": shops, "text": text, "metric_name": "Share", "metric_unit": "%", "metric_target": 95}
        promise |= {"metric_current": current, "status": "agreed", "owner_department_id": logistics}
        services.create(engine, actor=fay, entity_name="promise", data=promise)
    for text in ("Second van on Mondays", "Call before a missing item"):
        services.create(engine, actor=fay, entity_name="action", data={"text": text, "owner_department_id": logistics})
    return info["join_code"]


def open_page(page, label: str, heading: str) -> None:  # noqa: ANN001
    """Follow a sidebar link until its page shows: a click that lands while the room bar reruns the page
    (after a save) is lost, so it is clicked again."""
    for _ in range(3):
        nav(page, label)
        try:
            page.get_by_role("heading", name=heading).first.wait_for(timeout=8000)
            return
        except PlaywrightTimeout:
            continue
    page.get_by_role("heading", name=heading).first.wait_for()


def test_run_a_round_start_the_next_and_compare_them_screenshots(server, new_page, tmp_path) -> None:
    shots = ROOT / "docs" / "screenshots" if KEEP else tmp_path
    page = new_page(height=1400)
    sign_in_facilitator(page, server.url, seed(server.engine), "secret-1", "Fay")

    open_page(page, "Decisions & actions", "Decisions and actions")
    page.get_by_text("Status history").wait_for()
    page.get_by_test_id("stButtonGroup").get_by_role("radio", name="Done").click()
    wait_idle(page)
    page.get_by_text("Done · Fay").wait_for()  # the history names who closed it

    open_page(page, "Home", "Clientocracy Workshop")
    page.get_by_text("Start a new workshop from a past one").click()
    form = page.get_by_test_id("stForm").filter(has_text="What to carry")
    form.get_by_role("textbox", name="Name of the new workshop").fill("Corner Supply Q4")
    form.get_by_text("Last measured values of the metrics").click()
    form.scroll_into_view_if_needed()
    page.screenshot(path=str(shots / "new_round.png"), full_page=True)
    form.get_by_role("button", name="Create the new workshop").click()
    page.get_by_text('created as the next round of "Corner Supply Q3"').wait_for()

    open_page(page, "5. Promises", "Step 5 · Promises to the customer")
    tab(page, "Metrics and health")
    type_in_grid(page, [(0, 6, "97"), (1, 6, "90")])  # the "Current" column: one promise better, one worse
    page.get_by_role("button", name="Save").click()
    page.get_by_text("At risk: 1").wait_for()  # the health badges count the saved values

    open_page(page, "Rounds", "Rounds")
    page.get_by_text("This line:").wait_for()
    line = page.get_by_text("This line:").inner_text()
    assert "Corner Supply Q3" in line and "Corner Supply Q4" in line
    figures = {
        m.get_by_test_id("stMetricLabel").inner_text(): m.get_by_test_id("stMetricValue").inner_text()
        for m in page.get_by_test_id("stMetric").all()
    }
    assert (figures["Promises better"], figures["Promises worse"]) == ("1", "1")
    page.get_by_test_id("stVegaLiteChart").first.wait_for()
    assert page.get_by_test_id("stException").count() == 0
    page.screenshot(path=str(tmp_path / "rounds.png"), full_page=True)  # docs/ shows the demo's (test_every_page)
