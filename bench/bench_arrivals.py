"""Many people arriving at once: N sessions (one browser, a context each) open the workshop's join link in the
same second, then all press "Join" together. Timed in each browser (the moment the element first shows):

- until the join form shows, from the moment the links were opened;
- until the room's current step (step 1 of a new workshop) shows after "Join", from the moment all pressed it;

beside two floors of the same run: one session alone doing the same on the same warm server, and the same
number of sessions opening a bare Streamlit page with one form (FLOOR_PAGE) at once, which is what the
browsers and Streamlit itself cost on this machine before any of our code runs.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench.bench_room import percentile
from bench.common import chromium_missing, fresh_sqlite, served

SIZES = (30,)
LANDING = "step1_customers"

# Date.now() when the join form first shows, and when the step page's content first shows after the join.
MARKS = """
(() => {
  window.__cvmAt = {};
  const look = () => {
    const at = window.__cvmAt;
    if (!at.form && document.querySelector('[data-testid="stForm"] button')) at.form = Date.now();
    if (!at.step && location.pathname.endsWith("/__LANDING__")
        && document.querySelector('[data-testid="stMain"] h1')) at.step = Date.now();
  };
  new MutationObserver(look).observe(document, {subtree: true, childList: true, attributes: false});
})();
""".replace("__LANDING__", LANDING)


FLOOR_PAGE = """import streamlit as st

with st.form("join"):
    st.text_input("Join code")
    st.text_input("Your name")
    st.form_submit_button("Join")
"""


def open_all(browser, url: str, n: int) -> tuple[list, list[float]]:  # noqa: ANN001
    """`n` pages opening `url` in the same second, and the seconds until each showed its form."""
    pages = []
    for _ in range(n):
        context = browser.new_context(locale="en-US", viewport={"width": 1200, "height": 900})
        context.add_init_script(MARKS)
        pages.append(context.new_page())
    opened = time.time() * 1000
    for page in pages:
        page.goto(url, wait_until="commit", timeout=120_000)
    forms = []
    for page in pages:
        page.wait_for_function("window.__cvmAt && window.__cvmAt.form", timeout=120_000)
        forms.append((page.evaluate("window.__cvmAt.form") - opened) / 1000)
    return pages, forms


def floor_forms(browser, n: int) -> list[float]:  # noqa: ANN001
    """The same arrival on a bare Streamlit page with one form, served alone."""
    from tests.e2e.server import free_port

    script = Path(tempfile.mkdtemp(prefix="cvm-bench-")) / "form.py"
    script.write_text(FLOOR_PAGE)
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port)]
    command += ["--server.address", "127.0.0.1", "--server.headless", "true"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1):
                    break
            except OSError:
                time.sleep(0.1)
        open_all(browser, url, 1)[0][0].context.close()  # warm: the first run compiles the script
        pages, forms = open_all(browser, url, n)
        for page in pages:
            page.context.close()
        return forms
    finally:
        process.terminate()
        process.wait(timeout=10)


def arrive(browser, base: str, code: str, names: list[str]) -> tuple[list[float], list[float], int]:  # noqa: ANN001
    """Seconds until the join form, seconds until the landing step after Join, and how many never landed."""
    pages, forms = open_all(browser, f"{base}/?join={code}", len(names))
    for page, name in zip(pages, names, strict=True):
        form = page.get_by_test_id("stForm").filter(has_text="Join code").first
        form.get_by_role("textbox", name="Your name").fill(name)
    pressed = time.time() * 1000
    for page in pages:
        page.get_by_test_id("stForm").filter(has_text="Join code").first.get_by_role(
            "button", name="Join", exact=True
        ).click()
    landed, lost = [], 0
    for page in pages:
        try:
            page.wait_for_function("window.__cvmAt && window.__cvmAt.step", timeout=60_000)
            landed.append((page.evaluate("window.__cvmAt.step") - pressed) / 1000)
        except Exception:  # noqa: BLE001 - a page that never lands is counted, not fatal
            lost += 1
    for page in pages:
        page.context.close()
    return forms, landed, lost


def line(label: str, values: list[float], floor: float | None = None) -> str:
    if not values:
        return f"{label:<44} none"
    p50, p95 = percentile(values, 0.5), percentile(values, 0.95)
    ratio = f"  ratio p95 {p95 / floor:5.1f}x" if floor else ""
    return f"{label:<44} p50 {p50:5.2f} s  p95 {p95:5.2f} s  max {max(values):5.2f} s{ratio}"


def main() -> None:
    if chromium_missing("the arrivals benchmark needs it"):
        return
    from db import workshops

    url, engine = fresh_sqlite("arrivals.db")
    info, _ = workshops.create_workshop(
        engine, data={"name": "Arrivals", "language": "en"}, passcode="bench-pass", facilitator_name="Fay"
    )
    code = info["join_code"]
    rows = []
    with served(url, Path(url.removeprefix("sqlite:///")).with_name("server.log")) as (server, browser):
        alone_form, alone_step, _ = arrive(browser, server.url, code, ["Alone"])
        form_floor, step_floor = alone_form[0], (alone_step or [float("nan")])[0]
        rows.append(f"{'floor: one session alone':<44} join form {form_floor:5.2f} s, step 1 {step_floor:5.2f} s")
        for n in SIZES:
            bare = floor_forms(browser, n)
            rows.append(line(f"floor: {n} at once open a bare Streamlit form", bare))
            forms, landed, lost = arrive(browser, server.url, code, [f"Arrival {n}-{i}" for i in range(n)])
            rows.append(line(f"{n} at once: the join form shows", forms, percentile(bare, 0.95)))
            rows.append(line(f"{n} at once: step 1 shows after Join", landed, step_floor))
            rows.append(f"{'':<44} {lost} of {n} did not land on step 1 within 60 s")
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"machine: {os.cpu_count()} cores, load average {load} (other work on the machine slows the pages)")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
