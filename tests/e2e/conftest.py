"""Browser tests: a real Streamlit server on a free port, driven by Playwright in Debian's Chromium."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from db.engine import make_engine
from db.migrate import upgrade
from tests.conftest import CHROMIUM, need

ROOT = Path(__file__).resolve().parents[2]
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
RERUNS = 1  # a browser test that fails once on a loaded 2-core machine runs again; twice is a failure


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every browser test is marked e2e and may run a second time (timing under load, never logic)."""
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
            item.add_marker(pytest.mark.flaky(reruns=RERUNS, reruns_delay=2))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    url: str
    database_url: str
    process: subprocess.Popen

    @property
    def engine(self):  # noqa: ANN201
        return make_engine(self.database_url)


def start_server(
    database_url: str, port: int | None = None, log: Path | None = None, env: dict[str, str] | None = None
) -> Server:
    """`streamlit run serve.py` (the st.App) on a free port against `database_url`; waits until it answers."""
    port = port or free_port()
    env = {**os.environ, "DATABASE_URL": database_url, "PYTHONPATH": str(ROOT), **(env or {})}
    out = open(log, "w") if log else subprocess.DEVNULL  # noqa: SIM115
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "serve.py",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
        ],
        cwd=ROOT,
        env=env,
        stdout=out,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as reply:
                if reply.status == 200:
                    return Server(url, database_url, process)
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("streamlit did not start")


def stop_server(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("e2e")
    url = f"sqlite:///{folder / 'e2e.db'}"
    upgrade(url)
    running = start_server(url, log=folder / "server.log")
    yield running
    stop_server(running)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    need(Path(CHROMIUM).exists(), "Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser) -> Iterator[Callable[..., object]]:  # noqa: ANN001
    """A page in its own browser context (its own Streamlit session), English by default."""
    contexts = []

    def make(locale: str = "en-US", width: int = 1400, height: int = 1000, **options):  # noqa: ANN202, ANN003
        context = browser.new_context(locale=locale, viewport={"width": width, "height": height}, **options)
        context.set_default_timeout(20_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def wait_idle(page) -> None:  # noqa: ANN001
    """Wait until Streamlit has finished the current run."""
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " || !document.querySelector('[data-testid=\"stStatusWidget\"]').innerText.includes('Running')",
        timeout=20_000,
    )
    page.wait_for_timeout(300)


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


def join_workshop(page, base: str, code: str, name: str, department: str = "") -> None:  # noqa: ANN001
    go(page, base, f"?join={code}")
    form = page.get_by_test_id("stForm").filter(has_text="Join code")
    form.first.get_by_role("textbox", name="Your name").fill(name)
    if department:
        form.first.get_by_role("textbox", name="Your department").fill(department)
    form.first.get_by_role("button", name="Join", exact=True).click()
    wait_idle(page)


def choose(page, select, option: str, tries: int = 5) -> None:  # noqa: ANN001
    """Pick `option` in the select box `select` (a locator). A page that reruns under the pointer (a pushed
    change reached it) closes an open list: open it again until the option shows."""
    for attempt in range(tries):
        wait_idle(page)
        select.click()
        wanted = page.get_by_role("option", name=option)
        try:
            wanted.wait_for(timeout=5_000)
        except Exception:  # noqa: BLE001 - the list closed before it showed: open it again
            if attempt == tries - 1:
                raise
            page.keyboard.press("Escape")
            continue
        wanted.click()
        return


def move_room(fac, label: str) -> None:  # noqa: ANN001
    """The facilitator moves the room from the console to the step `label` ("3. Value"), answering the
    question it asks first."""
    choose(fac, fac.get_by_test_id("stMain").get_by_test_id("stSelectbox").filter(has_text="Current step").first, label)
    fac.get_by_role("button", name="Move everyone here").click()
    step = label.split(".")[0]
    fac.get_by_role("dialog").get_by_role("button", name=f"Move everyone to step {step}").click()
    wait_idle(fac)
