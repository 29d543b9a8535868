"""Browser tests: a real Streamlit server on a free port, driven by Playwright in Debian's Chromium."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from sqlalchemy import Engine

from db.engine import make_engine
from db.migrate import upgrade
from tests.conftest import CHROMIUM, need
from tests.e2e.server import FLAGS, ROOT, Server, start_server, stop_server, wait_idle

__all__ = ["FLAGS", "ROOT", "start_server", "stop_server", "wait_idle"]  # the browser tests import them from here
# A browser test that fails once on a loaded 2-core machine runs again; twice is a failure. E2E_RERUNS=0
# shows a flaky test's first failure (with what its pages showed) when hunting it.
RERUNS = int(os.environ.get("E2E_RERUNS", "1"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every browser test is marked e2e and may run a second time (timing under load, never logic)."""
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
            item.add_marker(pytest.mark.flaky(reruns=RERUNS, reruns_delay=2))


OPEN_CONTEXTS = pytest.StashKey[list]()
# What a page showed when its test failed: enough to tell a slow page from a wrong one in a CI log.
SHOWN_JS = """() => {
  const text = (sel) => [...document.querySelectorAll(sel)].map((e) => e.innerText.trim()).filter(Boolean);
  return {
    headings: text('[data-testid="stMain"] h1, [data-testid="stMain"] h2, [data-testid="stMain"] h3').slice(0, 6),
    running: text('[data-testid="stStatusWidget"]'),
    tabs: text('[role="tab"][aria-selected="true"]'),
    panels: [...document.querySelectorAll('[data-testid="stTabPanel"]')].map(
      (e) => `${e.id}:${getComputedStyle(e).display}:${e.textContent.trim().slice(0, 60)}`
    ),
    errors: text('[data-testid="stException"], [data-testid="stAlert"]').map((t) => t.slice(0, 200)).slice(0, 4),
    main: (document.querySelector('[data-testid="stMain"]') || document.body).innerText.slice(0, 400),
  };
}"""


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    """A failed browser test's report says what each of its pages showed (address, headings, run state)."""
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not report.failed:
        return
    for c, context in enumerate(item.stash.get(OPEN_CONTEXTS, [])):
        for p, page in enumerate(context.pages):
            try:
                shown = page.evaluate(SHOWN_JS)
            except Exception as error:  # noqa: BLE001 - the page may be gone; say so
                shown = f"(not readable: {type(error).__name__})"
            report.sections.append((f"page {c}.{p} when it failed", f"{page.url}\n{shown}"))


@contextmanager
def served(
    folder: Path, fill: Callable[[Engine], Any] | None = None, name: str = "demo.db", env: dict[str, str] | None = None
) -> Iterator[tuple[Server, Any]]:
    """A server on a fresh SQLite file `name` in `folder` (its log beside it), filled first by `fill(engine)`:
    (the server, what `fill` returned)."""
    url = f"sqlite:///{folder / name}"
    upgrade(url)
    filled = None
    if fill is not None:
        engine = make_engine(url)
        filled = fill(engine)
        engine.dispose()
    running = start_server(url, log=folder / "server.log", env=env)
    try:
        yield running, filled
    finally:
        stop_server(running)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with served(tmp_path_factory.mktemp("e2e"), name="e2e.db") as (running, _):
        yield running


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    need(Path(CHROMIUM).exists(), "Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser, request: pytest.FixtureRequest) -> Iterator[Callable[..., object]]:  # noqa: ANN001
    """A page in its own browser context (its own Streamlit session), English by default."""
    contexts = []
    request.node.stash[OPEN_CONTEXTS] = contexts  # what a failure report shows (pytest_runtest_makereport)

    def make(locale: str = "en-US", width: int = 1400, height: int = 1000, **options):  # noqa: ANN202, ANN003
        context = browser.new_context(locale=locale, viewport={"width": width, "height": height}, **options)
        context.set_default_timeout(20_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def go(page, base: str, path: str = "") -> None:  # noqa: ANN001
    page.goto(f"{base}/{path}")
    page.get_by_test_id("stSidebar").wait_for()
    wait_idle(page)


def nav(page, label: str) -> None:  # noqa: ANN001
    """Follow a sidebar link (keeps the session, unlike a new URL)."""
    page.get_by_test_id("stSidebarNav").get_by_text(label, exact=True).click()
    wait_idle(page)


def create_workshop(page, base: str, name: str = "E2E workshop", passcode: str = "secret-1") -> str:  # noqa: ANN001
    """Create a workshop from the home page; returns its join code."""
    go(page, base)
    page.get_by_role("tab", name="Create a workshop").click()
    form = page.get_by_test_id("stForm").filter(has_text="Create the workshop")
    form.get_by_role("textbox", name="Workshop name").fill(name)
    form.get_by_role("textbox", name="Facilitator passcode").fill(passcode)
    form.get_by_role("textbox", name="Your name").fill("Fay")
    form.get_by_role("button", name="Create the workshop").click()
    page.get_by_test_id("stMetricValue").wait_for()
    return page.get_by_test_id("stMetricValue").inner_text().strip()


def sign_in_facilitator(
    page,
    base: str,
    code: str,
    passcode: str,
    name: str,
    tab: str = "Facilitator sign-in",  # noqa: ANN001
) -> None:
    """Sign in from the home page's facilitator tab (`tab` names it in the page's language)."""
    go(page, base)
    page.get_by_role("tab", name=tab).click()
    form = page.get_by_test_id("stForm").nth(1)
    fields = form.locator("input")
    fields.nth(0).fill(code)
    fields.nth(1).fill(passcode)
    fields.nth(2).fill(name)
    form.get_by_test_id("stBaseButton-primaryFormSubmit").click()
    wait_landed(page)


def join_workshop(page, base: str, code: str, name: str, department: str = "") -> None:  # noqa: ANN001
    go(page, base, f"?join={code}")
    form = page.get_by_test_id("stForm").filter(has_text="Join code")
    form.first.get_by_role("textbox", name="Your name").fill(name)
    if department:
        form.first.get_by_role("textbox", name="Your department").fill(department)
    form.first.get_by_role("button", name="Join", exact=True).click()
    wait_landed(page)


def wait_landed(page) -> None:  # noqa: ANN001
    """Wait until a sign-in or a join took the person off the home page to where they work. (Waiting for the
    run alone is not enough on a loaded machine: the run may not have begun when it is asked, and a click
    in the sidebar then races the switch to the landing page.)"""
    page.wait_for_url(lambda url: urlsplit(url).path.strip("/") != "")
    wait_idle(page)


def choose(page, select, option: str, tries: int = 5) -> None:  # noqa: ANN001
    """Pick `option` in the select box `select` (a locator). A page that reruns under the pointer (a pushed
    change reached it) closes an open list, before the option showed or between showing and the click: open
    it again until the option is picked."""
    for attempt in range(tries):
        wait_idle(page)
        select.click()
        wanted = page.get_by_role("option", name=option)
        try:
            wanted.wait_for(timeout=5_000)
            wanted.click(timeout=5_000)
            return
        except Exception:  # noqa: BLE001 - the list closed: open it again
            if attempt == tries - 1:
                raise
            page.keyboard.press("Escape")


def move_room(fac, label: str) -> None:  # noqa: ANN001
    """The facilitator moves the room from the console to the step `label` ("3. Value"), answering the
    question it asks first."""
    choose(fac, fac.get_by_test_id("stMain").get_by_test_id("stSelectbox").filter(has_text="Current step").first, label)
    fac.get_by_role("button", name="Move everyone here").click()
    step = label.split(".")[0]
    fac.get_by_role("dialog").get_by_role("button", name=f"Move everyone to step {step}").click()
    wait_idle(fac)


def until_shown(page, target, attempt: Callable[[], object], tries: int = 5) -> None:  # noqa: ANN001
    """Do `attempt` (open a list, a cell's editor) until `target` shows within 3 s: a rerun that lands
    meanwhile undoes it, so press Escape, let the run finish and try again."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for _ in range(tries):
        attempt()
        try:
            target.wait_for(timeout=3000)
            return
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
            wait_idle(page)


def open_tab(page, name: str) -> None:  # noqa: ANN001
    """Open the tab `name` and wait until it is the open one (a click that lands while the page is still
    being drawn, or a run that lands meanwhile, may leave another tab open: click again)."""
    until_shown(page, page.get_by_role("tab", name=name, selected=True), page.get_by_role("tab", name=name).click)
    wait_idle(page)
