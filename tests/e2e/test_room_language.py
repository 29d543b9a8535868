"""The room speaks the workshop's language: an English browser joining the Russian demo reads Russian,
numbers included; switching to English in the sidebar sticks after a reload."""

from __future__ import annotations

import secrets

import pytest

from db.demo import build_demo
from tests.e2e.conftest import go, nav, until_shown, wait_idle

NBSP = "\u00a0"
LOCALE_PROBE = "() => [document.documentElement.lang, new Intl.NumberFormat(navigator.languages).format(1234.5)]"


def pick_language(page, label: str, option: str) -> None:  # noqa: ANN001
    """Choose `option` in the sidebar's language box (a refresh of the room may close the list: reopen)."""
    box = page.get_by_test_id("stSidebar").get_by_role("combobox", name=label)
    target = page.get_by_role("option", name=option, exact=True)
    wait_idle(page)
    until_shown(page, target, box.click)
    target.click()
    wait_idle(page)


@pytest.fixture(scope="module")
def demo_ru(server):
    engine = server.engine
    build_demo(engine, "ru")
    engine.dispose()
    return server


def test_an_english_browser_joins_the_russian_demo_in_russian(demo_ru, new_page) -> None:
    page = new_page(locale="en-US")
    go(page, demo_ru.url, "?join=DEMORU")
    form = page.get_by_test_id("stForm").filter(has_text="Join code")  # the home page reads English first
    # A name of its own: a second attempt joins the same demo, where the first attempt's name is taken.
    form.first.get_by_role("textbox", name="Your name").fill(f"Pat {secrets.token_hex(3)}")
    form.first.get_by_role("button", name="Join", exact=True).click()
    wait_idle(page)
    page.wait_for_url("**/step6_internal", timeout=60_000)  # on the room's step (its first run in this server)
    page.get_by_test_id("stSidebarNav").get_by_text("Главная", exact=True).wait_for()
    page.wait_for_function(f"() => {LOCALE_PROBE}()[1] === '1{NBSP}234,5'")
    assert page.evaluate(LOCALE_PROBE) == ["ru", f"1{NBSP}234,5"]  # tables format numbers as Russian does

    nav(page, "7. Экономика")
    profit = page.get_by_test_id("stMetric").filter(has_text="Чистая прибыль всех команд")
    value = profit.get_by_test_id("stMetricValue").inner_text()
    assert value.endswith(f"{NBSP}₽") and NBSP in value.removesuffix(f"{NBSP}₽"), value  # "1 234 000 ₽"

    pick_language(page, "Язык", "English")
    page.get_by_test_id("stSidebarNav").get_by_text("7. Economics", exact=True).wait_for()
    page.wait_for_function(f"() => {LOCALE_PROBE}()[0] === 'en'")

    page.reload()
    page.get_by_test_id("stSidebar").wait_for()
    wait_idle(page)
    page.get_by_test_id("stSidebarNav").get_by_text("7. Economics", exact=True).wait_for()
    page.get_by_text("Net profit of all teams").wait_for()
    assert page.evaluate(LOCALE_PROBE) == ["en", "1,234.5"]
    assert page.get_by_test_id("stSidebarNav").get_by_text("Главная", exact=True).count() == 0
