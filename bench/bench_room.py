"""A live room: N participant sessions on step 2 of the English demo, against one server on SQLite, measured
twice on the same server:

- with N protocol clients in this process (bench/protocol.py: each asks of the server what a browser asks,
  keeps the page's change stream open and answers it as ui/push.py's script does: a trigger rerun of the
  fragment that holds the listener when the stream (re)connects, nothing when it names a change, since the
  server reruns those fragments itself, web/pushes.py; it names the page's live lists on it): the server
  alone, as in a real room where the browsers are phones; beside them, one client alone;
- in Chromium (one browser, a context each): the end-to-end truth, but the browsers share this machine's
  cores with the server.

For both:

- Idle: server CPU (from /proc) per connected session, beside the server with no session.
- Active: a pain added through the services every 2 s (in this process, as a script or a second server
  would write), and the time until each page received the WebSocket frame that carries its text, beside
  the floor: the change stream's own frame announcing it to the same page (one WebSocket message from the
  same server; on SQLite it includes the server's audit-log tail, at most 0.2 s). Server CPU meanwhile.
  Step 2's ranked list is a live list while voting is closed, as in the demo (ui/live_list.py): its rows
  come in that same change-stream frame, so the two figures meet; the shaped floor below is what a
  Streamlit run of every page would cost.

In Chromium, the browsers' CPU per page and change too, beside two more floors, each the same number of pages
in a fresh browser once ours is closed:

- a bare Streamlit page whose fragment reruns every 2 s with a table of the same size (BARE_ROOM), each page
  on its own clock: what Streamlit itself costs these browsers for the least page;
- a bare Streamlit page shaped like step 2 (SHAPED_ROOM: the navigation, the sidebar's controls, the step's
  elements around the same table), whose fragments all rerun at the same instant every 2 s, as a pushed
  change makes every page rerun at once: the time from that instant until the last page got its frame is the
  floor of "it reaches every page" on this machine, whatever our code does; our room's figure is printed as
  a ratio of it.
"""

from __future__ import annotations

import os
import re
import signal
import statistics
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench.common import (
    CHROMIUM,
    bare_server,
    browser_cpu_seconds,
    cpu_percent,
    cpu_seconds,
    fresh_sqlite,
    percentile,
    profiled,
    section,
    warm,
)
from bench.protocol import Client, Live, Refused
from tests.e2e.server import FLAGS, Server, start_server, stop_server
from tests.helpers import person

SIZES = (8, 30)
PROTOCOL_SIZES = (1, 8, 30)  # one client alone first: the floor of the same run
OPENING = 5  # protocol clients opening their page at once
PAGE = "step2_pains"
COOKIE = "cvm_session"  # web/session.py
WAVE = 5  # sessions opened together; the next wave waits until these show the room bar
IDLE_SECONDS = 30
CHANGES = 10
PERIOD_S = 2.0
TEXT = "Bench pain"
PAIN = re.compile(rb"Bench pain (\d+)")

# Timestamps (ms since the epoch) of the first frame that carries "Bench pain N" (Streamlit's stream, or the
# change stream's rows of a live list), and of every change-stream frame that names pains.
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
      if (!text.includes('"rows"')) return;  // else a live list's rows (ui/live_list.py)
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
    spent = browser_cpu_seconds(pid) - browsers
    client = spent / elapsed * 100
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
    per_page = spent / (len(pages) * CHANGES) * 1000
    result = {"reach": reach, "floor": floor, "missing": missing, "cpu": cpu, "client": client, "all_pages": slowest}
    return result | {"per_page_ms": per_page}


# A bare Streamlit page whose fragment reruns every PERIOD_S (the browser asks), showing a line and a ranked
# table of the same size as step 2's: what Streamlit itself costs the same browsers for each change.
BARE_ROOM = f"""import time

import streamlit as st

ROWS = [{{"rank": i + 1, "text": f"A pain of some length, number {{i}}", "dots": i % 4, "weight": 6}} for i in range(12)]


@st.fragment(run_every={PERIOD_S})
def ranking():
    st.caption(f"Bare tick {{time.time_ns()}}")
    st.dataframe(ROWS + ROWS[: int(time.time()) % 5], hide_index=True)


st.title("Bare room")
ranking()
"""
# The time from each fragment rerun request the page sends to the first frame that answers it.
BARE_WATCH = """
(() => {
  window.__bareTrips = [];
  let sent = null;
  const Native = window.WebSocket;
  const decoder = new TextDecoder();
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      const send = this.send.bind(this);
      this.send = (data) => { sent = performance.timeOrigin + performance.now(); send(data); };
      this.addEventListener("message", (event) => {
        const now = performance.timeOrigin + performance.now();
        const look = (bytes) => {
          if (sent !== null && decoder.decode(bytes).includes("Bare tick")) { window.__bareTrips.push((now - sent) / 1000); sent = null; }
        };
        if (event.data instanceof Blob) event.data.arrayBuffer().then(look);
        else if (typeof event.data !== "string") look(event.data);
      });
    }
  };
})();
"""


# A bare Streamlit page shaped like a participant's step 2 (the navigation's 18 pages in 4 sections, the
# sidebar's controls, the step's header, guidance, status, tabs, the same table and the thread's box) whose
# fragment every page reruns at the same instant, every PERIOD_S of the wall clock (SHAPED_WATCH clicks it).
SHAPED_ROOM = """import time

import streamlit as st

ROWS = [{"rank": i + 1, "text": f"A pain of some length, number {i}", "dots": i % 4, "weight": 6} for i in range(6)]


def nothing():
    pass


sections = {
    f"Section {s}": [
        st.Page(nothing, title=f"Page {s}.{i}", url_path=f"p{s}_{i}", icon="🔀" if s % 2 else None, default=s + i == 0)
        for i in range(count)
    ]
    for s, count in enumerate((2, 9, 5, 2))
}
st.navigation(sections)
with st.sidebar:
    st.markdown("**Workshop**  \\nNorthwind Supply\\n\\n**You**  \\nAnna Lee · Participant")
    st.selectbox("Department", ["Sales", "Operations"])
    st.toggle("Follow the facilitator", help="The room's page comes to you")
    st.toggle("I'm ready to move on")
    st.button("Leave this workshop")
    with st.expander("Your sessions (1)"):
        st.caption("This browser")
    st.selectbox("Language", ["English", "Russian"])
st.markdown("The room is on another step: go there")
st.title("Step 2 · What hurts the customer?")
st.caption("Collect the customer's pains, rate how bad and how frequent each is")
with st.expander("How to run this step"):
    st.caption("Guidance")
st.caption("Step status: Done")
st.markdown("**Done when:** each customer has ranked pains and voting is closed.")
st.progress(1.0, text="5 of 5 done")
st.success("The step's criterion is met.", icon="✅")
st.selectbox("Customer we are working on", ["Independent restaurants and cafés", "Hotels"])
st.header("Ranked pains of Independent restaurants and cafés")
ranking_tab, pains_tab = st.tabs(["Ranking and dots", "Add and edit pains"])


@st.fragment
def ranking():
    st.button("tick", key="bare_tick")
    st.caption(f"Bare tick {time.time_ns()}")
    st.dataframe(ROWS + ROWS[: int(time.time()) % 5], hide_index=True)
    left, right = st.columns([4, 1], vertical_alignment="bottom")
    left.selectbox("Follow the thread of", [r["text"] for r in ROWS])
    right.button("Follow the thread")


with ranking_tab:
    ranking()
"""
# Every page clicks its fragment's button at the same wall-clock instants (contexts share the clock) and
# records, for each, when the first frame answering it arrived: (instant, arrival), ms since the epoch.
SHAPED_WATCH = """
(() => {
  window.__shaped = [];
  let pending = null;
  const next = () => { const now = Date.now(); return now + PERIOD - (now % PERIOD); };
  const fire = (due) => {
    const button = document.querySelector(".st-key-bare_tick button");
    if (button) { pending = due; button.click(); }
    const after = next();
    setTimeout(() => fire(after), after - Date.now());
  };
  const first = next();
  setTimeout(() => fire(first), first - Date.now());
  const Native = window.WebSocket;
  const decoder = new TextDecoder();
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (event) => {
        const now = Date.now();
        const look = (bytes) => {
          if (pending !== null && decoder.decode(bytes).includes("Bare tick")) { window.__shaped.push([pending, now]); pending = null; }
        };
        if (event.data instanceof Blob) event.data.arrayBuffer().then(look);
        else if (typeof event.data !== "string") look(event.data);
      });
    }
  };
})();
""".replace("PERIOD", str(int(PERIOD_S * 1000)))


def watched_pages(p, app: str, watch: str, box: str, n: int, seconds: float) -> tuple[list, float, float]:  # noqa: ANN001
    """`n` contexts of a fresh browser on the bare page `app` with the script `watch`, left `seconds` once
    every page shows its table: what the pages collected meanwhile in `window[box]`, all together; the
    browsers' CPU seconds meanwhile, and the seconds it lasted."""
    with bare_server(app) as (url, pid):
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            pages = []
            for _ in range(n):
                context = browser.new_context(locale="en-US", viewport={"width": 1200, "height": 900})
                context.add_init_script(watch)
                pages.append(context.new_page())
                pages[-1].goto(url, wait_until="commit", timeout=120_000)
            for page in pages:
                page.get_by_test_id("stDataFrame").wait_for(timeout=120_000)
            time.sleep(5)
            for page in pages:
                page.evaluate(f"window.{box} = []")
            before, started = browser_cpu_seconds(pid), time.monotonic()
            time.sleep(seconds)
            elapsed, spent = time.monotonic() - started, browser_cpu_seconds(pid) - before
            found = [item for page in pages for item in page.evaluate(f"window.{box}")]
        finally:
            browser.close()
    return found, spent, elapsed


def shaped_instants(p, n: int, seconds: float) -> tuple[dict[int, list[float]], float, float]:  # noqa: ANN001
    """`n` contexts of a fresh browser on SHAPED_ROOM, all rerunning at once every PERIOD_S for `seconds`:
    per instant (ms since the epoch), the seconds until each page that answered it got its frame; the
    browsers' CPU seconds meanwhile, and the seconds it lasted."""
    found, spent, elapsed = watched_pages(p, SHAPED_ROOM, SHAPED_WATCH, "__shaped", n, seconds)
    arrived: dict[int, list[float]] = {}
    for due, at in found:
        arrived.setdefault(int(due), []).append((at - due) / 1000)
    return arrived, spent, elapsed


def shaped_floor(p, n: int, ours: list[float]) -> list[str]:  # noqa: ANN001
    """The floor of "it reaches every page", for as long as our room's active part lasts. Rows: the time from
    each instant to each page's frame and to the last page's, the browsers' CPU per page and rerun, and our
    room's "it reaches every page" (`ours`, s per change) as a ratio of it."""
    arrived, spent, elapsed = shaped_instants(p, n, CHANGES * PERIOD_S + 3)
    every = [max(times) for times in arrived.values() if len(times) == n]
    reruns = max(1, sum(map(len, arrived.values())))
    each = [t for times in arrived.values() for t in times]
    return [
        line(f"floor: {n} bare pages shaped like step 2, at once", each, [], 46),
        line("  the last page of each instant", every, [], 46) + f"  ({len(every)} instants every page answered)",
        f"{'  browsers: CPU per page and rerun':<46} {spent / reruns * 1000:6.0f} ms   ({spent / elapsed * 100:.0f} % of a core)",
        floor_ratio(f"{n} sessions: every page", ours, every),
    ]


def floor_ratio(label: str, ours: list[float], floor: list[float]) -> str:
    """Our p50 and p95 as ratios of the floor's (measured in the same run)."""
    if not ours or not floor:
        return f"{label + ', against the floor':<46} no data"
    p50 = statistics.median(ours) / max(statistics.median(floor), 1e-3)
    p95 = percentile(ours, 0.95) / max(percentile(floor, 0.95), 1e-3)
    return f"{label + ', against the floor':<46} p50 {p50:5.2f}x  p95 {p95:5.2f}x"


def bare_floor(p, n: int) -> list[str]:  # noqa: ANN001
    """The floor of the Chromium room: `n` contexts of a fresh browser on BARE_ROOM, for as long as our
    room's active part lasts. Rows: the rerun round trips in the pages and the browsers' CPU per rerun."""
    trips, spent, elapsed = watched_pages(p, BARE_ROOM, BARE_WATCH, "__bareTrips", n, CHANGES * PERIOD_S)
    reruns = max(1, len(trips))
    return [
        line(f"floor: {n} bare Streamlit pages, a rerun / 2 s", trips, [], 46),
        f"{'  browsers: CPU per page and rerun':<46} {spent / reruns * 1000:6.0f} ms   ({spent / elapsed * 100:.0f} % of a core)",
    ]


def line(label: str, values: list[float], floor: list[float], width: int = 40) -> str:
    if not values:
        return f"{label:<{width}} no data"
    ratio = f"  (floor p50 {statistics.median(floor):.2f} s)" if floor else ""
    return (
        f"{label:<{width}} p50 {statistics.median(values):5.2f} s  p95 {percentile(values, 0.95):5.2f} s  "
        f"max {max(values):5.2f} s{ratio}"
    )


class RoomPage:
    """A protocol client left open on step 2 (signed in by its session cookie, switched to step 2 as the
    navigation does), and when each bench pain first reached it in a delta."""

    def __init__(self, base: str, token: str, workshop_id: int) -> None:
        self.seen: dict[int, float] = {}
        client = Client(base)
        client.cookies[COOKIE] = token
        first = client.open()
        step2 = first.pages.get(PAGE)
        if step2 is None:
            raise Refused(f"no page {PAGE!r} in the navigation")
        client.page_script_hash = step2
        client.rerun([], step2)
        self.live = Live(client, workshop_id, self._heard, self._rows)
        self.live.start()

    def _heard(self, at: float, msg, raw: bytes) -> None:  # noqa: ANN001
        if msg.WhichOneof("type") == "delta":
            self._saw(at, raw)

    def _rows(self, at: float, message: dict, raw: str) -> None:
        if "rows" in message:  # the ranked list's rows, on the change stream (ui/live_list.py)
            self._saw(at, raw.encode())

    def _saw(self, at: float, raw: bytes) -> None:
        for match in PAIN.finditer(raw):
            self.seen.setdefault(int(match.group(1)), at)

    def pushed(self, since: float) -> float | None:
        """When the first change-stream message naming pains arrived after `since` (time.time())."""
        return next((at for at, m in self.live.pushed if at >= since and "pain" in m.get("t", ())), None)


def open_protocol(base: str, tokens: list[str], workshop_id: int) -> tuple[list[RoomPage], list[str]]:
    """A RoomPage per token, OPENING at a time; the reasons of those that failed."""

    def one(token: str) -> RoomPage | str:
        try:
            return RoomPage(base, token, workshop_id)
        except Exception as error:  # noqa: BLE001 - a client that fails is counted, its reason printed
            return f"opening: {type(error).__name__}: {error}"[:200]

    with ThreadPoolExecutor(OPENING) as pool:
        opened = list(pool.map(one, tokens))
    return [p for p in opened if isinstance(p, RoomPage)], [p for p in opened if isinstance(p, str)]


def write_pains(engine, actor, customer_id: int, first: int, wait) -> dict[int, float]:  # noqa: ANN001
    """CHANGES pains through the services, one every PERIOD_S: when each was written (time.time())."""
    from db import services

    written: dict[int, float] = {}
    for n in range(first, first + CHANGES):
        tick = time.monotonic()
        services.create(
            engine, actor=actor, entity_name="pain", data={"customer_id": customer_id, "text": f"{TEXT} {n}"}
        )
        written[n] = time.time()
        wait(max(0.0, PERIOD_S - (time.monotonic() - tick)))
    wait(3.0)  # the last change has time to arrive
    return written


def protocol_active(engine, actor, customer_id: int, pages: list[RoomPage], pid: int, first: int) -> dict:  # noqa: ANN001
    """The protocol clients' latencies (s) per page and change, the change stream's, and CPU."""
    before, started, mine = cpu_seconds(pid), time.monotonic(), time.process_time()
    written = write_pains(engine, actor, customer_id, first, time.sleep)
    elapsed = time.monotonic() - started
    cpu = (cpu_seconds(pid) - before) / elapsed * 100
    client = (time.process_time() - mine) / elapsed * 100
    reach, floor, missing, slowest = [], [], 0, []
    for n, at in written.items():
        times = []
        for page in pages:
            pushed = page.pushed(at - 0.001)
            floor.extend([pushed - at] if pushed is not None else [])
            if n in page.seen:
                times.append(page.seen[n] - at)
            else:
                missing += 1
        reach.extend(times)
        slowest.extend([max(times)] if len(times) == len(pages) else [])
    return {"reach": reach, "floor": floor, "missing": missing, "cpu": cpu, "client": client, "all_pages": slowest}


def by_protocol(server: Server, engine, actor, customer_id: int, tokens: list[str], empty: float) -> list[str]:  # noqa: ANN001
    """The server alone: PROTOCOL_SIZES rooms of protocol clients, one after the other. Rows to print."""
    rows, pid, first = [], server.process.pid, 1000
    workshop_id = actor.workshop_id
    for n in PROTOCOL_SIZES:
        pages, failed = open_protocol(server.url, tokens[:n], workshop_id)
        try:
            label = "1 client alone" if n == 1 else f"{n} clients"
            rows.extend(f"{'':<46} {count} x {reason}" for reason, count in Counter(failed).most_common())
            if failed:
                rows.append(f"{'':<46} {len(failed)} of {n} clients did not open step 2")
            if not pages:
                continue
            time.sleep(5)
            idle = cpu_percent(pid, IDLE_SECONDS)
            result = protocol_active(engine, actor, customer_id, pages, pid, first)
            first += CHANGES
            rows.extend(size_rows(label, ("client", "clients, this process"), idle - empty, len(pages), result, idle))
            broken = Counter(p.live.error for p in pages if p.live.error)
            rows.extend(f"{'':<46} {count} x broken: {reason}" for reason, count in broken.most_common())
            print("\n".join(rows[-5:]), flush=True)
        finally:
            for page in pages:
                page.live.close()
    return rows


def size_rows(label: str, names: tuple[str, str], added: float, count: int, result: dict, idle: float) -> list[str]:
    """The rows of one room size: idle CPU (`added` by the sessions over the empty server), how soon a pain
    reached a page and every page beside the change stream's own message, and the CPU while active.
    `names`: what one session is called and who the other CPU figure belongs to."""
    one, others = names
    return [
        f"{f'{label} idle on step 2':<46} {idle:6.2f} % of a core, {added / count:5.2f} % per {one}",
        line(f"{label}: a pain reaches a page", result["reach"], result["floor"], 46),
        line(f"{label}: it reaches every page", result["all_pages"], [], 46),
        line("  floor: the change stream's message", result["floor"], [], 46),
        f"{f'{label}: server CPU, a change / 2 s':<46} {result['cpu']:6.1f} % of a core"
        f"   ({others} {result['client']:.0f} %; missed: {result['missing']} of {count * CHANGES})",
        *(
            [f"{'  browsers: CPU per page and change':<46} {result['per_page_ms']:6.0f} ms"]
            if "per_page_ms" in result
            else []
        ),
    ]


def in_chromium(server: Server, engine, actor, customer_id: int, tokens: list[str], empty: float) -> list[str]:  # noqa: ANN001
    """The same room in Chromium, one context per session, opened size after size and left open. Rows."""
    from playwright.sync_api import sync_playwright

    rows, pid, first = [], server.process.pid, 0
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        warm(browser, server.url)
        pages: list = []
        every: dict[int, list[float]] = {}
        for n in SIZES:
            open_sessions(browser, server.url, tokens[len(pages) : n], PAGE, pages)
            time.sleep(5)
            idle = cpu_percent(pid, IDLE_SECONDS)
            result = active(engine, actor, customer_id, pages, pid, first)
            first += CHANGES
            every[n] = result["all_pages"]
            rows.extend(size_rows(f"{n} sessions", ("session", "browsers"), idle - empty, n, result, idle))
            print("\n".join(rows[-6:]), flush=True)
        browser.close()
        for n in SIZES:  # our browsers closed: the floor has the machine as our room had it
            rows.extend(bare_floor(p, n))
            rows.extend(shaped_floor(p, n, every[n]))
            print("\n".join(rows[-6:]), flush=True)
    return rows


def main() -> None:
    from db import read, workshops
    from db.demo import build_demo

    url, engine = fresh_sqlite("room.db")
    workshop_id = build_demo(engine, "en")
    info = workshops.workshop(engine, workshop_id=workshop_id)
    actor = person(engine, workshop_id)
    customer_id = min(c["id"] for c in read.rows(engine, workshop_id=workshop_id, entity_name="customer"))
    tokens = people(engine, info["join_code"], workshop_id, max(*SIZES, *PROTOCOL_SIZES))
    log = Path(url.removeprefix("sqlite:///")).with_name("server.log")
    try:
        server = start_server(url, log=log, env=profiled())
    except Exception as error:  # noqa: BLE001 - the benchmark says why
        print(f"the app's server did not start: {type(error).__name__}: {error}")
        return
    print(f"server log: {log}", flush=True)
    rows: list[str] = []
    try:
        Client(server.url).open()  # warm: the first run compiles the main script
        time.sleep(2)
        empty = cpu_percent(server.process.pid, IDLE_SECONDS / 2)
        rows.append(f"{'server CPU, no session':<46} {empty:6.2f} % of a core")
        print(rows[-1], flush=True)
        args = (server, engine, actor, customer_id, tokens, empty)
        rows += section(
            "protocol clients: the server alone (this process, two threads a client)", lambda: by_protocol(*args)
        )
        if os.environ.get("CVM_BENCH_PROFILE"):
            rows.append("-- in Chromium: not run while profiling (the profile is the protocol clients' room)")
        elif not Path(CHROMIUM).exists():
            rows.append("-- in Chromium: chromium missing, not measured")
        else:
            rows += section("in Chromium: one browser, a context each, on this machine", lambda: in_chromium(*args))
    finally:
        if os.environ.get("CVM_BENCH_PROFILE"):  # an interrupted server exits normally: its profile is written
            server.process.send_signal(signal.SIGINT)
            server.process.wait(120)
        stop_server(server)
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\nmachine: {os.cpu_count()} cores, load average {load} (other work on the machine slows the pages)")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
