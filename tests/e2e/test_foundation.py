"""End to end: create a workshop, a participant joins by link, adds a customer, the facilitator sees it."""

from tests.e2e.conftest import create_workshop, join_workshop, nav, wait_idle


def test_create_join_and_add_a_customer(server, new_page) -> None:
    facilitator = new_page()
    code = create_workshop(facilitator, server.url, name="Browser <b>test</b>")
    assert len(code) == 6
    assert facilitator.get_by_text("Browser <b>test</b>").first.is_visible()

    participant = new_page()
    join_workshop(participant, server.url, code, "Pat", "Logistics")
    participant.get_by_test_id("stSidebar").get_by_text("Pat · Participant").wait_for()
    nav(participant, "1. Customers")
    participant.get_by_text("Logistics has no customer yet.").wait_for()
    form = participant.get_by_test_id("stForm")
    form.get_by_role("textbox", name="Customer", exact=True).fill("Corner shops")
    form.get_by_role("button", name="Add a customer").click()
    wait_idle(participant)
    participant.get_by_test_id("stDataFrame").first.wait_for()

    nav(facilitator, "1. Customers")
    facilitator.get_by_test_id("stDataFrame").first.wait_for()  # the customers (departments are in their own tab)
    facilitator.screenshot(path="/tmp/fac.png", full_page=True)
    # the name is in the customers' grid (drawn on a canvas; its accessible copy is the gridcell)
    facilitator.locator("[role=gridcell]", has_text="Corner shops").first.wait_for(state="attached")
    facilitator.screenshot(path=str(server_log_dir(server) / "step1.png"), full_page=True)


def test_an_empty_customer_name_shows_the_message(server, new_page) -> None:
    page = new_page()
    create_workshop(page, server.url, name="Errors")
    nav(page, "1. Customers")
    page.get_by_test_id("stForm").get_by_role("button", name="Add a customer").click()
    wait_idle(page)
    page.get_by_text("Customer: this field is required.").wait_for()


def server_log_dir(server):  # noqa: ANN001, ANN201
    from pathlib import Path

    return Path(server.database_url.removeprefix("sqlite:///")).parent
