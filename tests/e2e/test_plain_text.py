"""A web or e-mail address typed by a participant is shown as text in Chromium, never as a live link."""

from __future__ import annotations

from db import services as sv
from db.workshops import create_workshop
from tests.e2e.conftest import go, nav, wait_idle

PAIN = "see https://example.com, www.example.org or write to help@example.net"


def sign_in(page, base: str, code: str) -> None:  # noqa: ANN001
    go(page, base)
    page.get_by_role("tab", name="Facilitator sign-in").click()
    form = page.get_by_test_id("stForm").nth(1)
    fields = form.locator("input")
    fields.nth(0).fill(code)
    fields.nth(1).fill("secret-1")
    fields.nth(2).fill("Fay")
    form.get_by_test_id("stBaseButton-primaryFormSubmit").click()
    wait_idle(page)


def test_an_address_in_a_pain_is_not_a_link(server, new_page) -> None:
    engine = server.engine
    workshop, fay = create_workshop(
        engine, data={"name": "Links", "language": "en"}, passcode="secret-1", facilitator_name="Fay"
    )
    shops = sv.create(engine, actor=fay, entity_name="customer", data={"name": "Shops www.shops.example"})
    sv.create(engine, actor=fay, entity_name="pain", data={"customer_id": shops["id"], "text": PAIN})
    sv.create(engine, actor=fay, entity_name="note", data={"step": 2, "kind": "decision", "text": PAIN})
    page = new_page()
    sign_in(page, server.url, workshop["join_code"])
    for label in ("2. Pains", "3. Value", "Summary & export"):
        nav(page, label)
        page.get_by_test_id("stMarkdownContainer").filter(has_text="example").first.wait_for(state="attached")
        links = page.locator("a[href*='example']:not([href^='#'])").count()
        assert links == 0, f"{label}: {links} links made from typed text"
    shown = page.get_by_test_id("stMarkdownContainer").filter(has_text="example.org").first.inner_text()
    assert "example.com" in shown.replace("\u2060", "")
