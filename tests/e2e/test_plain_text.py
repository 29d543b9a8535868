"""Typed text stays as typed in Chromium: a web or e-mail address is never a live link, and a canvas score off
the scale is refused with its message instead of being clamped."""

from __future__ import annotations

from db import read, services
from db.workshops import create_workshop
from tests.e2e.conftest import nav, sign_in_facilitator, until_shown, wait_idle

PAIN = "see https://example.com, www.example.org or write to help@example.net"


def test_an_address_in_a_pain_is_not_a_link(server, new_page) -> None:
    engine = server.engine
    workshop, fay = create_workshop(
        engine, data={"name": "Links", "language": "en"}, passcode="secret-1", facilitator_name="Fay"
    )
    shops = services.create(engine, actor=fay, entity_name="customer", data={"name": "Shops www.shops.example"})
    services.create(engine, actor=fay, entity_name="pain", data={"customer_id": shops["id"], "text": PAIN})
    services.create(engine, actor=fay, entity_name="note", data={"step": 2, "kind": "decision", "text": PAIN})
    page = new_page()
    sign_in_facilitator(page, server.url, workshop["join_code"], "secret-1", "Fay")
    for label in ("2. Pains", "3. Value", "Summary & export"):
        nav(page, label)
        page.get_by_test_id("stMarkdownContainer").filter(has_text="example").first.wait_for(state="attached")
        links = page.locator("a[href*='example']:not([href^='#'])").count()
        assert links == 0, f"{label}: {links} links made from typed text"
    shown = page.get_by_test_id("stMarkdownContainer").filter(has_text="example.org").first.inner_text()
    assert "example.com" in shown.replace("\u2060", "")


def type_score(page, value: str) -> None:  # noqa: ANN001
    """Type into the first score cell (first row, first offering) of the first grid; a rerun landing
    between the click and the editor opening closes it, so try again."""
    grid = page.get_by_test_id("stDataFrame").first
    grid.wait_for()
    grid.scroll_into_view_if_needed()
    wait_idle(page)
    editor = page.locator("#portal input, #portal textarea").first

    def open_editor() -> None:
        box = grid.bounding_box()
        page.mouse.click(box["x"] + 8, box["y"] + 35 + 17)
        page.keyboard.press("ArrowRight")
        page.keyboard.press("Enter")

    until_shown(page, editor, open_editor)
    editor.fill(value)
    editor.press("Enter")


def test_a_score_off_the_scale_is_refused_and_stays_as_typed(server, new_page) -> None:
    """The canvas grid used to turn a typed 15 into 10 (its max) and save that without a word."""
    from tests.e2e.test_steps_1_5 import tab

    engine = server.engine
    workshop, fay = create_workshop(
        engine, data={"name": "Scale", "language": "en"}, passcode="secret-1", facilitator_name="Fay"
    )
    shops = services.create(engine, actor=fay, entity_name="customer", data={"name": "Shops"})
    services.create(engine, actor=fay, entity_name="value_factor", data={"name": "Speed", "customer_id": shops["id"]})
    services.create(engine, actor=fay, entity_name="offering", data={"name": "Ours", "kind": "ours"})
    page = new_page()
    sign_in_facilitator(page, server.url, workshop["join_code"], "secret-1", "Fay")
    nav(page, "4. Strategy canvas")
    tab(page, "Scores")
    type_score(page, "15")
    page.get_by_role("button", name="Save").click()
    wait_idle(page)
    page.get_by_text("must be between 0 and 10.").first.wait_for()
    assert read.rows(engine, workshop_id=workshop["id"], entity_name="canvas_score") == []
    page.get_by_text("Speed · Ours").wait_for()
    page.get_by_text("You have unsaved changes in this table.").wait_for()  # what was typed is kept to correct
