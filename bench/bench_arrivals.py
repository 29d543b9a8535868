"""Many people arriving at once: N sessions open the workshop's join link in the same second, then all press
"Join" together. Measured twice on the same server:

- in Chromium (one browser, a context each), timed in each page (the moment the element first shows): the
  end-to-end truth, but the N renderers share this machine's cores with the server, so it measures the
  browsers as much as the server;
- with N protocol clients in this process (bench/protocol.py), which ask of the server what a fresh browser
  asks (the page, its static files, the WebSocket and its script runs) and nothing else: the server alone,
  as in a real room where the browsers run on the participants' phones.

Timed: until the join form shows, from the moment the links were opened; until the room's current step
(step 1 of a new workshop) shows after "Join", from the moment all pressed it. Beside them, floors of the
same run: one session alone on the same warm server, and the same number of sessions opening a bare
Streamlit page with one form (FLOOR_PAGE) at once, which is what Streamlit itself costs before any of our
code runs. The server's CPU seconds during each phase come from /proc.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from bench.common import (
    CHROMIUM,
    bare_server,
    browser_cpu_seconds,
    cpu_seconds,
    fresh_sqlite,
    percentile,
    profiled,
    section,
    warm,
)
from bench.protocol import Client, Refused, submit
from tests.e2e.server import FLAGS, Server, start_server, stop_server

SIZES = (30,)
LANDING = "step1_customers"
GATE_S = 300  # how long a client waits at a barrier for the others

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


# --- in Chromium -------------------------------------------------------------------------------------------


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
    with bare_server(FLOOR_PAGE) as (url, _):
        open_all(browser, url, 1)[0][0].context.close()  # warm: the first run compiles the script
        pages, forms = open_all(browser, url, n)
        for page in pages:
            page.context.close()
        return forms


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


def in_chromium(server: Server, code: str) -> list[str]:
    """The browsers' section: rows to print."""
    from playwright.sync_api import sync_playwright

    rows, pid = [], server.process.pid
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            warm(browser, server.url)
            alone_form, alone_step, _ = arrive(browser, server.url, code, ["Alone"])
            form_floor, step_floor = alone_form[0], (alone_step or [float("nan")])[0]
            rows.append(f"{'floor: one session alone':<44} join form {form_floor:5.2f} s, step 1 {step_floor:5.2f} s")
            for n in SIZES:
                bare = floor_forms(browser, n)
                rows.append(line(f"floor: {n} at once open a bare Streamlit form", bare))
                cpu, clients, started = cpu_seconds(pid), browser_cpu_seconds(pid), time.monotonic()
                forms, landed, lost = arrive(browser, server.url, code, [f"Arrival {n}-{i}" for i in range(n)])
                spent = Spent(time.monotonic() - started, cpu_seconds(pid) - cpu, browser_cpu_seconds(pid) - clients)
                rows.append(line(f"{n} at once: the join form shows", forms, percentile(bare, 0.95)))
                rows.append(line(f"{n} at once: step 1 shows after Join", landed, step_floor))
                rows.append(f"{'':<44} {lost} of {n} did not land on step 1 within 60 s")
                rows.append(f"{'':<44} {spent.text('arrival and join', 'Chromium')}")
        finally:
            browser.close()
    return rows


# --- protocol clients --------------------------------------------------------------------------------------


@dataclass
class Visit:
    """One client's arrival: seconds until its join form showed (of which the page and its static files),
    until its landing page's run finished after Join, or why it did not get there."""

    form: float | None = None
    files: float | None = None
    step: float | None = None
    reason: str | None = None
    served: int = 0  # bytes of the page and its files


@dataclass
class Spent:
    """Wall seconds of a phase, the server's CPU seconds and the clients' meanwhile."""

    wall: float
    server: float
    clients: float

    def text(self, phase: str, clients: str) -> str:
        share = self.server / self.wall * 100 if self.wall else 0.0
        return (
            f"server CPU {self.server:5.1f} s in {self.wall:5.1f} s of {phase} ({share:3.0f}% of one core); "
            f"{clients} {self.clients:5.1f} s"
        )


class Clock:
    """Marks taken by the last client at each barrier (just before all go): time and server CPU."""

    def __init__(self, pid: int) -> None:
        self.pid, self.marks = pid, []

    def mark(self) -> None:
        self.marks.append((time.perf_counter(), cpu_seconds(self.pid), time.process_time()))

    def spent(self, start: int) -> Spent:
        (t0, s0, c0), (t1, s1, c1) = self.marks[start], self.marks[start + 1]
        return Spent(t1 - t0, s1 - s0, c1 - c0)


def visit(client: Client, name: str, gates: tuple[threading.Barrier, ...], clock: Clock, landing: str | None) -> Visit:
    """Open the page when the first gate opens, fill the form, press Join when the second opens."""
    out, widgets, want = Visit(), [], None
    try:
        gates[0].wait(GATE_S)
        started = clock.marks[0][0]
        run = client.open()
        out.form, out.files = time.perf_counter() - started, client.fetched_at - started
        out.served = client.served_bytes
        widgets = submit(run, "Join", {"Your name": name})
        want = run.pages.get(landing) if landing else None
        if landing and want is None:
            raise Refused(f"no page {landing!r} in the navigation")
    except Exception as error:  # noqa: BLE001 - a client that fails is counted, its reason printed
        out.reason = f"before Join: {type(error).__name__}: {error}"
    try:
        gates[1].wait(GATE_S)
    except threading.BrokenBarrierError:
        out.reason = out.reason or "before Join: the others never came"
    if out.reason:
        return out
    try:
        pressed = clock.marks[1][0]
        client.rerun(widgets, want)
        out.step = time.perf_counter() - pressed
    except Exception as error:  # noqa: BLE001
        out.reason = f"after Join: {type(error).__name__}: {error}"
    return out


def protocol_arrive(
    base: str, pid: int, code: str, names: list[str], landing: str | None, one_address: bool = False
) -> tuple[list[Visit], Clock]:
    """`names` clients opening the join link in the same instant and pressing Join in the same instant, each
    from an address of its own (as phones behind the documented proxy) unless `one_address` (one NAT)."""
    clock = Clock(pid)
    gates = (threading.Barrier(len(names), clock.mark), threading.Barrier(len(names), clock.mark))
    addresses = [None if one_address else f"10.1.{i // 250}.{i % 250 + 1}" for i in range(len(names))]
    clients = [Client(base, f"join={code}", address=address) for address in addresses]
    visits: list[Visit | None] = [None] * len(names)

    def one(i: int) -> None:
        visits[i] = visit(clients[i], names[i], gates, clock, landing)

    threads = [threading.Thread(target=one, args=(i,), daemon=True) for i in range(len(names))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    clock.mark()
    for client in clients:
        try:
            client.close()
        except Exception:  # noqa: BLE001, S110 - closing a broken connection
            pass
    return [v or Visit(reason="the client thread died") for v in visits], clock


def lost(visits: list[Visit], what: str) -> list[str]:
    """How many did not land and why (each reason once)."""
    reasons = Counter(v.reason for v in visits if v.reason)
    rows = [f"{'':<44} {sum(reasons.values())} of {len(visits)} did not land on {what}"]
    return rows + [f"{'':<46} {count} x {reason}" for reason, count in reasons.most_common()]


def by_protocol(server: Server, code: str, nat_code: str) -> list[str]:
    """The server alone: protocol clients in this process. Rows to print."""
    rows, pid = [], server.process.pid
    Client(server.url).open()  # warm: the first run compiles the main script
    alone, _ = protocol_arrive(server.url, pid, code, ["Alone"], LANDING)
    form_floor, step_floor = alone[0].form or float("nan"), alone[0].step or float("nan")
    rows.append(f"{'floor: one client alone':<44} join form {form_floor:5.2f} s, step 1 {step_floor:5.2f} s")
    rows += lost(alone, "step 1")[1:]
    for n in SIZES:
        with bare_server(FLOOR_PAGE) as (url, bare_pid):
            Client(url).open()
            bare, bare_clock = protocol_arrive(url, bare_pid, code, [f"Bare {i}" for i in range(n)], None)
        bare_forms = [v.form for v in bare if v.form is not None]
        rows.append(line(f"floor: {n} at once open a bare Streamlit form", bare_forms))
        rows.append(line("  of which the page and its static files", [v.files for v in bare if v.files is not None]))
        rows.append(line(f"floor: {n} at once press its Join", [v.step for v in bare if v.step is not None]))
        rows += lost(bare, "the bare form's Join")[:1] if any(v.reason for v in bare) else []
        rows.append(f"{'':<44} bare: {bare_clock.spent(0).text('opening', 'clients')}")
        visits, clock = protocol_arrive(server.url, pid, code, [f"Client {n}-{i}" for i in range(n)], LANDING)
        floor = percentile(bare_forms, 0.95) if bare_forms else None
        rows.append(line(f"{n} at once: the join form shows", [v.form for v in visits if v.form is not None], floor))
        rows.append(line("  of which the page and its static files", [v.files for v in visits if v.files is not None]))
        served = max(v.served for v in visits) / 1e6
        rows.append(f"{'':<44} {served:.2f} MB of page and files per client, {served * n:.0f} MB in all")
        rows.append(line(f"{n} at once: step 1 shows after Join", [v.step for v in visits if v.step], step_floor))
        rows += lost(visits, "step 1")
        rows.append(f"{'':<44} {clock.spent(0).text('opening', 'clients')}")
        rows.append(f"{'':<44} {clock.spent(1).text('joining', 'clients')}")
        shared, _ = protocol_arrive(server.url, pid, nat_code, [f"NAT {n}-{i}" for i in range(n)], LANDING, True)
        rows.append(line(f"{n} from one address (one NAT): step 1", [v.step for v in shared if v.step], step_floor))
        rows += lost(shared, "step 1")
    return rows


def line(label: str, values: list[float], floor: float | None = None) -> str:
    if not values:
        return f"{label:<44} none"
    p50, p95 = percentile(values, 0.5), percentile(values, 0.95)
    ratio = f"  ratio p95 {p95 / floor:5.1f}x" if floor else ""
    return f"{label:<44} p50 {p50:5.2f} s  p95 {p95:5.2f} s  max {max(values):5.2f} s{ratio}"


def main() -> None:
    from db import workshops

    url, engine = fresh_sqlite("arrivals.db")
    codes = [
        workshops.create_workshop(
            engine, data={"name": f"Arrivals {i}", "language": "en"}, passcode="bench-pass", facilitator_name="Fay"
        )[0]["join_code"]
        for i in range(3)
    ]
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"machine: {os.cpu_count()} cores, load average {load} (other work on the machine slows the pages)")
    try:
        server = start_server(url, log=Path(url.removeprefix("sqlite:///")).with_name("server.log"), env=profiled())
    except Exception as error:  # noqa: BLE001 - the benchmark says why and goes on with the others
        print(f"the app's server did not start: {type(error).__name__}: {error}")
        return
    rows: list[str] = []
    try:
        rows += section(
            "protocol clients: the server alone (no browser; one process, a thread each)",
            lambda: by_protocol(server, codes[1], codes[2]),
        )
        if Path(CHROMIUM).exists():
            rows += section(
                "in Chromium: one browser, a context each, on this machine", lambda: in_chromium(server, codes[0])
            )
        else:
            rows.append("-- in Chromium: chromium missing, not measured")
    finally:
        if os.environ.get("CVM_BENCH_PROFILE"):  # an interrupted server exits normally: its profile is written
            server.process.send_signal(signal.SIGINT)
            server.process.wait(120)
        stop_server(server)
    print("\n".join(rows))


if __name__ == "__main__":
    main()
