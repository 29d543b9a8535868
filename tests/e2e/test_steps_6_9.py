"""In a real browser: fill steps 6–9 (an internal promise backing a customer promise, a team member, the
team's numbers, a motivation variant, a test card) and read the bonus pool off the page."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from db import services
from db.models import Workshop
from db.services import Actor
from tests.e2e.conftest import create_workshop, nav, until_shown, wait_idle
from tests.e2e.conftest import open_tab as tab


def seed(engine, code: str) -> None:  # noqa: ANN001
    """Steps 1–5 as their own pages would leave them: two departments, a customer and its promise."""
    w = Workshop.__table__
    with engine.connect() as conn:
        workshop_id = conn.execute(select(w.c.id).where(w.c.join_code == code)).scalar()
    system = Actor.system(workshop_id)
    ids = {
        n: services.create(engine, actor=system, entity_name="department", data={"name": n})["id"]
        for n in ("Sales", "IT")
    }
    customer = services.create(engine, actor=system, entity_name="customer", data={"name": "Corner shops"})["id"]
    promise = {"customer_id": customer, "owner_department_id": ids["Sales"], "text": "Next-day delivery"}
    services.create(engine, actor=system, entity_name="promise", data=promise | {"status": "agreed"})


def pick(page, label: str, option: str) -> None:  # noqa: ANN001
    """Choose `option` in the select box or multiselect labelled `label`."""
    wait_idle(page)
    box = page.get_by_role("combobox", name=label).first
    target = page.get_by_role("option", name=option, exact=True)

    def open_list() -> None:
        box.click()
        if not page.get_by_role("option").count():
            box.press("ArrowDown")

    until_shown(page, target, open_list)
    target.click()
    page.keyboard.press("Escape")
    wait_idle(page)


def fill(page, label: str, value: str, role: str = "textbox") -> None:  # noqa: ANN001
    page.get_by_role(role, name=label, exact=True).first.fill(value)


def submit(page, label: str) -> None:  # noqa: ANN001
    page.get_by_role("button", name=label).click()
    wait_idle(page)


def photograph(page, name: str, shown, path: Path) -> None:  # noqa: ANN001
    """Open the tab `name`, wait until `shown` is there and photograph the whole page."""
    tab(page, name)
    shown.wait_for()
    page.screenshot(path=str(path), full_page=True)


def test_fill_steps_6_to_9_and_read_the_bonus_pool(server, new_page) -> None:
    page = new_page()
    code = create_workshop(page, server.url, name="Steps 6-9")
    seed(server.engine, code)
    shots = Path(server.database_url.removeprefix("sqlite:///")).parent

    nav(page, "6. Internal promises")
    page.get_by_text("“Next-day delivery” has no internal promise under it.").first.wait_for()
    tab(page, "🤝 Internal promises")
    pick(page, "Supplier", "IT")
    pick(page, "Client", "Sales")
    fill(page, "Internal promise", "Order portal up 99.5 % of the time")
    fill(page, "Internal price", "1000", role="spinbutton")
    pick(page, "Supports customer promise", "Corner shops: Next-day delivery")
    submit(page, "Add an internal promise")
    page.get_by_text("The step's criterion is met.").first.wait_for()
    tab(page, "👥 Team and rules")
    pick(page, "Team", "Sales")
    fill(page, "Name", "Ann")
    fill(page, "Bonus share, %", "100", role="spinbutton")
    submit(page, "Add a team member")
    photograph(
        page, "🌳 Promise trees", page.get_by_text("Order portal up 99.5 % of the time").first, shots / "step6.png"
    )

    nav(page, "7. Economics")
    tab(page, "✏️ The teams' numbers")
    pick(page, "Team", "Sales")
    fill(page, "Period", "2026-Q3")
    fill(page, "Success metric", "Gross margin")
    fill(page, "Revenue from external customers", "50000", role="spinbutton")
    fill(page, "Direct costs", "10000", role="spinbutton")
    submit(page, "Add a team's numbers")
    tab(page, "⚖️ Value against costs")
    page.get_by_text("Net profit of all teams").wait_for()
    photograph(page, "📊 Charts", page.get_by_test_id("stVegaLiteChart").first, shots / "step7.png")

    nav(page, "8. Motivation")
    tab(page, "🎯 Choose a variant")
    pick(page, "Team", "Sales")
    submit(page, "Choose a variant for a team")
    tab(page, "💰 Bonus pools")
    total = page.get_by_test_id("stMetric").filter(has_text="Bonus pools, all teams")
    # Sales: 50,000 revenue − 3,000 bought from IT (1,000 a month for a quarter) − 10,000 costs = 37,000; 20 % of it
    assert total.get_by_test_id("stMetricValue").inner_text().strip() == "7,400"
    tab(page, "🔎 One team up close")
    pick(page, "Team", "Sales")
    page.get_by_test_id("stCode").filter(has_text="20% × net profit 37,000 = 7,400").wait_for()
    card = page.get_by_test_id("stMetric").filter(has_text="Bonus pool").last
    assert card.get_by_test_id("stMetricValue").inner_text().strip() == "7,400"
    page.screenshot(path=str(shots / "step8.png"), full_page=True)

    nav(page, "9. Experiments")
    pick(page, "Team", "Sales")
    fill(page, "Title", "Late cut-off pilot")
    fill(page, "We believe that", "Restaurants order more when they can order late")
    fill(page, "To verify it, we will", "Open the portal until 23:00 for ten restaurants")
    fill(page, "And measure", "Orders per week")
    fill(page, "We are right if", "Orders grow by 10 %")
    submit(page, "Add the test card")
    photograph(
        page, "📚 Hypothesis repository", page.get_by_text("Found 1 of 1 experiment", exact=False), shots / "step9.png"
    )
