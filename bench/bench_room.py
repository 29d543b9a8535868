"""A live room in Chromium: N participant sessions (one browser, a context each) on step 2 of the English
demo, against one server on SQLite.

- Idle: server CPU (from /proc) per connected session, beside the server with no session.
- Active: a pain added through the services every 2 s (in this process, as a script or a second server
  would write), and the time until each page received the WebSocket frame that carries its text, beside
  the floor: the change stream's own frame announcing it to the same page (one WebSocket message from the
  same server; on SQLite it includes the server's audit-log tail, at most 0.2 s). Server CPU meanwhile.
"""

from __future__ import annotations

import os
import statistics
import time
from pathlib import Path

from bench.common import chromium_missing, fresh_sqlite, served
from tests.helpers import person

SIZES = (8, 30)
WAVE = 5  # sessions opened together; the next wave waits until these show the room bar
IDLE_SECONDS = 30
CHANGES = 10
PERIOD_S = 2.0
TEXT = "Bench pain"

# Timestamps (ms since the epoch) of the first frame of Streamlit's stream that carries "Bench pain N",
# and of every change-stream frame that names pains.
WATCH_FRAMES = """
(() => {
  window.__cvmSeen = {};
  window.__cvmPush = [];
  window.__cvmHello = false;
  const Native = window.WebSocket;
  const decoder = new TextDecoder();
  const pattern = new RegExp("__TEXT__ (\\\\d+)", "g");
  const look = (url, data, now) => {
    const text = typeof data === "string" ? data : decoder.decode(data);
    if (url.includes("/_cvm/changes")) {
      if (text.includes("hello")) window.__cvmHello = true;
      if (text.includes('"pain"')) window.__cvmPush.push(now);
      return;
    }
    for (const match of text.matchAll(pattern)) {
      if (!(match[1] in window.__cvmSeen)) window.__cvmSeen[match[1]] = now;
    }
  };
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      const url = String(args[0]);
      this.addEventListener("message", (event) => {
        const now = performance.timeOrigin + performance.now();
        if (event.data instanceof Blob) event.data.arrayBuffer().then((b) => look(url, b, now));
        else look(url, event.data, now);
      });
    }
  };
})();
""".replace("__TEXT__", TEXT)


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def descendants(root: int) -> set[int]:
    """Processes under `root` (from /proc)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    found, grew = set(), True
    while grew:
        new = {pid for pid, parent in parents.items() if (parent == root or parent in found) and pid not in found}
        found |= new
        grew = bool(new)
    return found


def browser_cpu_seconds(server_pid: int) -> float:
    """CPU of this benchmark's browser side: Chromium and Playwright's driver (not the server)."""
    total = 0.0
    for pid in descendants(os.getpid()) - {server_pid} - descendants(server_pid):
        try:
            total += cpu_seconds(pid)
        except (OSError, IndexError, ValueError):
            continue
    return total


def cpu_percent(pid: int, seconds: float) -> float:
    """Percent of one core the process used over the next `seconds`."""
    before = cpu_seconds(pid)
    time.sleep(seconds)
    return (cpu_seconds(pid) - before) / seconds * 100


def people(engine, code: str, workshop_id: int, n: int) -> list[str]:  # noqa: ANN001
    """Session tokens of `n` participants (the demo's, then new ones)."""
    from db import live, services, workshops

    found = [p for p in workshops.participants(engine, workshop_id=workshop_id) if p["role"] == "participant"]
    actors = [services.Actor(workshop_id, p["id"], p["display_name"]) for p in found]
    while len(actors) < n:
        actors.append(workshops.join(engine, code=code, display_name=f"Guest {len(actors)}", throttle_keys=["bench"]))
    return [live.issue_token(engine, actor=a) for a in actors[:n]]


def open_sessions(browser, base: str, tokens: list[str], path: str, pages: list) -> None:  # noqa: ANN001
    """Open a page per token (in waves of WAVE), each in its own context with its session cookie, and
    wait until each shows its sidebar and its change stream said hello."""
    host = base.split("//")[1].split(":")[0]
    for start in range(0, len(tokens), WAVE):
        wave = []
        for token in tokens[start : start + WAVE]:
            context = browser.new_context(locale="en-US", viewport={"width": 1200, "height": 900})
            context.add_cookies([{"name": "cvm_session", "value": token, "domain": host, "path": "/"}])
            context.add_init_script(WATCH_FRAMES)
            page = context.new_page()
            page.goto(f"{base}/{path}", wait_until="commit", timeout=120_000)
            wave.append(page)
        for page in wave:
            page.get_by_test_id("stSidebar").wait_for(timeout=120_000)
            page.wait_for_function("window.__cvmHello === true", timeout=120_000)
        pages.extend(wave)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))]


def active(engine, actor, customer_id: int, pages: list, pid: int, first: int) -> dict:  # noqa: ANN001
    """CHANGES pains, one every PERIOD_S; latencies (s) per page and change, the floor's, and CPU."""
    from db import services

    written: dict[int, float] = {}
    before, started, browsers = cpu_seconds(pid), time.monotonic(), browser_cpu_seconds(pid)
    for n in range(first, first + CHANGES):
        tick = time.monotonic()
        services.create(
            engine, actor=actor, entity_name="pain", data={"customer_id": customer_id, "text": f"{TEXT} {n}"}
        )
        written[n] = time.time() * 1000
        pages[0].wait_for_timeout(max(0, (PERIOD_S - (time.monotonic() - tick)) * 1000))
    pages[0].wait_for_timeout(3000)  # the last change has time to arrive
    elapsed = time.monotonic() - started
    cpu = (cpu_seconds(pid) - before) / elapsed * 100
    client = (browser_cpu_seconds(pid) - browsers) / elapsed * 100
    reach, floor, missing, slowest = [], [], 0, []
    for page in pages:
        seen = page.evaluate("window.__cvmSeen")
        pushed = sorted(page.evaluate("window.__cvmPush"))
        for n, at in written.items():
            if str(n) not in seen:
                missing += 1
                continue
            reach.append((seen[str(n)] - at) / 1000)
            after = [p for p in pushed if p >= at - 1]
            if after:
                floor.append((after[0] - at) / 1000)
    for n, at in written.items():
        times = [(page.evaluate("window.__cvmSeen").get(str(n), float("nan")) - at) / 1000 for page in pages]
        slowest.append(max(times))
    return {"reach": reach, "floor": floor, "missing": missing, "cpu": cpu, "client": client, "all_pages": slowest}


def line(label: str, values: list[float], floor: list[float]) -> str:
    if not values:
        return f"{label:<40} no data"
    ratio = f"  (floor p50 {statistics.median(floor):.2f} s)" if floor else ""
    return (
        f"{label:<40} p50 {statistics.median(values):5.2f} s  p95 {percentile(values, 0.95):5.2f} s  "
        f"max {max(values):5.2f} s{ratio}"
    )


def main() -> None:
    if chromium_missing("the room benchmark needs it"):
        return
    from db import read, workshops
    from db.demo import build_demo

    url, engine = fresh_sqlite("room.db")
    workshop_id = build_demo(engine, "en")
    info = workshops.workshop(engine, workshop_id=workshop_id)
    actor = person(engine, workshop_id)
    customer_id = min(c["id"] for c in read.rows(engine, workshop_id=workshop_id, entity_name="customer"))
    tokens = people(engine, info["join_code"], workshop_id, max(SIZES))
    log = Path(url.removeprefix("sqlite:///")).with_name("server.log")
    rows: list[str] = []
    with served(url, log) as (server, browser):
        print(f"server log: {log}", flush=True)
        pid = server.process.pid
        time.sleep(2)
        empty = cpu_percent(pid, IDLE_SECONDS / 2)
        rows.append(f"{'server CPU, no session':<40} {empty:6.2f} % of a core")
        pages: list = []
        first = 0
        for n in SIZES:
            open_sessions(browser, server.url, tokens[len(pages) : n], "step2_pains", pages)
            time.sleep(5)
            idle = cpu_percent(pid, IDLE_SECONDS)
            rows.append(
                f"{f'{n} sessions idle on step 2':<40} {idle:6.2f} % of a core, {(idle - empty) / n:5.2f} % per session"
            )
            result = active(engine, actor, customer_id, pages, pid, first)
            first += CHANGES
            rows.append(line(f"{n} sessions: a pain reaches a page", result["reach"], result["floor"]))
            rows.append(line(f"{n} sessions: it reaches every page", result["all_pages"], []))
            rows.append(
                f"{f'{n} sessions: server CPU, a change / 2 s':<40} {result['cpu']:6.1f} % of a core"
                f"   (browsers {result['client']:.0f} %; missed: {result['missing']} of {n * CHANGES})"
            )
            print("\n".join(rows[-4:]), flush=True)
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\nmachine: {os.cpu_count()} cores, load average {load} (other work on the machine slows the pages)")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
