"""In the browser: fill steps 1–5 of a new workshop, from customers to an agreed promise, and photograph
the strategy canvas."""

from tests.e2e.conftest import create_workshop, nav, until_shown, wait_idle
from tests.e2e.conftest import open_tab as tab

CRITERION_MET = "The step's criterion is met."


def form(page, text: str):  # noqa: ANN001, ANN201
    return page.get_by_test_id("stForm").filter(has_text=text).first


def pick(page, box, option: str) -> None:  # noqa: ANN001
    """Choose `option` in a select or multiselect widget."""
    wait_idle(page)
    target = page.get_by_role("option", name=option).first
    until_shown(page, target, box.click)
    target.click()
    page.keyboard.press("Escape")


def submit(page, box, label: str) -> None:  # noqa: ANN001
    box.get_by_role("button", name=label).click()
    wait_idle(page)


def met(page) -> None:  # noqa: ANN001
    page.get_by_text(CRITERION_MET).wait_for()


def type_in_grid(page, cells: list[tuple[int, int, str]]) -> None:  # noqa: ANN001
    """Type values into the first data grid: (row, column after the row label, value), moving there with
    the keyboard from the row's label."""
    grid = page.get_by_test_id("stDataFrame").first
    grid.wait_for()
    box = grid.bounding_box()
    for row, column, value in cells:
        page.mouse.click(box["x"] + 8, box["y"] + 35 * (row + 1) + 17)
        for _ in range(column + 1):
            page.keyboard.press("ArrowRight")
        page.keyboard.press("Enter")
        editor = page.locator("#portal input, #portal textarea").first
        editor.wait_for()
        editor.fill(value)
        editor.press("Enter")
        page.wait_for_timeout(150)


def test_fill_steps_1_to_5_and_photograph_the_canvas(server, new_page, tmp_path) -> None:
    page = new_page(height=1600)
    create_workshop(page, server.url, name="Steps 1 to 5")

    nav(page, "1. Customers")
    tab(page, "Departments taking part")
    add = form(page, "Add a department")
    add.get_by_role("textbox", name="Department").fill("Logistics")
    submit(page, add, "Add a department")
    page.get_by_text("Logistics has no customer yet.").wait_for()
    tab(page, "Customers")
    add = form(page, "Add a customer")
    add.get_by_role("textbox", name="Customer", exact=True).fill("Corner shops")
    pick(page, add.get_by_test_id("stMultiSelect"), "Logistics")
    submit(page, add, "Add a customer")
    met(page)

    nav(page, "2. Pains")
    tab(page, "Add and edit pains")
    for text in ("Late deliveries on Mondays", "Invoices with wrong prices"):
        add = form(page, "Add the pain")
        add.get_by_role("textbox", name="Pain").fill(text)
        submit(page, add, "Add the pain")
    page.get_by_text("Voting open", exact=True).click()
    wait_idle(page)
    tab(page, "Ranking and dots")
    page.get_by_text("Voting is open (anonymous): you have 5 of 5 dots left").wait_for()
    page.get_by_role("link", name="Voting is open: you have 5 of 5 dots left").wait_for()  # the room bar too
    page.get_by_role("button", name="+1").first.click()
    wait_idle(page)
    page.get_by_text("Voting is open (anonymous): you have 4 of 5 dots left").wait_for()
    page.get_by_role("link", name="Voting is open: you have 4 of 5 dots left").wait_for()
    page.get_by_text("Voting open", exact=True).click()
    wait_idle(page)
    met(page)

    nav(page, "3. Value")
    add = form(page, "Add the factor")
    add.get_by_role("textbox", name="Value factor").fill("Delivery before 10 am")
    pick(page, add.get_by_test_id("stMultiSelect"), "Late deliveries on Mondays")
    submit(page, add, "Add the factor")
    met(page)

    nav(page, "4. Strategy canvas")
    tab(page, "Offerings")
    for name, kind in (("Corner Supply", "Our offer"), ("Big Wholesale", "Competitor")):
        add = form(page, "Add the offering")
        add.get_by_role("textbox", name="Offering").fill(name)
        pick(page, add.get_by_test_id("stSelectbox"), kind)
        submit(page, add, "Add the offering")
    tab(page, "Scores")
    type_in_grid(page, [(0, 0, "5"), (0, 1, "6")])
    page.get_by_role("button", name="Save").click()
    wait_idle(page)
    page.get_by_test_id("stVegaLiteChart").wait_for()
    tab(page, "ERRC grid")
    add = form(page, "Add the action")
    add.get_by_role("spinbutton").fill("9")
    submit(page, add, "Add the action")
    met(page)
    page.get_by_text("What makes the offer unique: Delivery before 10 am (+3).").wait_for()
    page.get_by_role("textbox", name="Our offer in one line").fill("Before ten, every time")
    page.keyboard.press("Enter")
    wait_idle(page)
    page.get_by_role("button", name="Save").click()
    wait_idle(page)
    chart = page.get_by_test_id("stVegaLiteChart")
    chart.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    shot = tmp_path / "canvas.png"
    chart.screenshot(path=str(shot))
    page.screenshot(path=str(tmp_path / "step4.png"), full_page=True)
    print(f"canvas screenshot: {shot}")
    assert shot.stat().st_size > 10_000

    nav(page, "5. Promises")
    add = form(page, "Add the promise")
    add.get_by_role("textbox", name="Promise").fill("Orders by 6 pm arrive before 10 am")
    add.get_by_role("textbox", name="Metric").fill("On-time share")
    add.get_by_role("spinbutton", name="Target").fill("95")
    add.get_by_role("spinbutton", name="Current").fill("97")
    pick(page, add.get_by_test_id("stSelectbox").nth(3), "Agreed")
    add.get_by_text("Authority granted").click()
    submit(page, add, "Add the promise")
    met(page)
