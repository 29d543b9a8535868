"""Timing helpers shared by the benchmarks."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from db import read, services
from db.engine import make_engine
from db.migrate import upgrade
from db.services import Actor
from tests.e2e.server import FLAGS, Server, free_port, start_server, stop_server

CHROMIUM = "/usr/bin/chromium"


def timings(action: Callable[[], object], runs: int, warmup: int = 5) -> list[float]:
    """Seconds per call of `action`, `runs` times after `warmup` calls."""
    for _ in range(warmup):
        action()
    out = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        out.append(time.perf_counter() - started)
    return out


def median_ms(values: list[float]) -> float:
    return statistics.median(values) * 1000


def p95_ms(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] * 1000


def fresh_sqlite(name: str = "bench.db") -> tuple[str, Engine]:
    """A migrated SQLite file in a new temporary folder (same disk for every floor of one run)."""
    folder = Path(tempfile.mkdtemp(prefix="cvm-bench-"))
    url = f"sqlite:///{folder / name}"
    upgrade(url)
    return url, make_engine(url)


def row(label: str, value_ms: float, floor_ms: float | None = None) -> str:
    ratio = f"  ratio {value_ms / floor_ms:5.2f}x" if floor_ms else ""
    return f"{label:<48} {value_ms:8.3f} ms{ratio}"


EMPTY_PAGE = Path(__file__).with_name("empty_page.py")
APP = Path(__file__).resolve().parent.parent / "app.py"


def empty_page_floor_ms(runs: int = 20) -> float:
    """Median time of an AppTest rerun of an empty Streamlit page: the floor for page reruns."""
    from streamlit.testing.v1 import AppTest

    quiet_streamlit()
    at = AppTest.from_file(str(EMPTY_PAGE), default_timeout=60)
    at.run()
    return median_ms(timings(at.run, runs, warmup=2))


def quiet_streamlit() -> None:
    """AppTest outside `streamlit run` warns on every call: keep the benchmark output readable. And
    compile each script once, as a served app does (`as_served`)."""
    import logging

    as_served()

    for name in ("streamlit", "streamlit.runtime.scriptrunner_utils.script_run_context"):
        logging.getLogger(name).setLevel(logging.ERROR)
    from streamlit import logger

    logger.set_log_level("error")


def as_served() -> None:
    """Make AppTest run a page as a server does:

    - AppTest compiles app.py and the page again on every run (a new ScriptCache per run, in the test
      runner too); a server compiles each script once for all its sessions. One cache for the whole
      benchmark, so that a rerun (and the empty page's, its floor) costs what it costs served;
    - AppTest forgets before each run that the app has a navigation, and with a pages/ folder it then runs
      the page file alone, as Streamlit's old multipage apps did: no app.py, so none of its sidebar and
      room bar. A server learns it once, from app.py's first run, and runs app.py around every page."""
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test, local_script_runner

    if app_test.ScriptCache is ScriptCache:
        shared = ScriptCache()
        app_test.ScriptCache = local_script_runner.ScriptCache = lambda: shared  # called before each run

        class Served(PagesManager):
            """Its `uses_pages_directory = None` (AppTest's reset) stays on this class; Streamlit reads the
            flag of PagesManager, which app.py's navigation set."""

        app_test.PagesManager = Served


def page_app(page: str, database_url: str, actor: object, lang: str = "en"):  # noqa: ANN201
    """An AppTest session of `actor` on `page` (e.g. "pages/step2_pains.py"), reached through app.py's
    navigation, after its first runs."""
    import os

    from streamlit.testing.v1 import AppTest

    quiet_streamlit()
    os.environ["DATABASE_URL"] = database_url
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.session_state["lang"] = lang
    at.session_state["_lang_for"] = actor.workshop_id  # read in `lang`, whatever the workshop's language
    at.session_state["joined"] = {actor.workshop_id: actor}
    at.session_state["workshop_id"] = actor.workshop_id
    at.run()  # through app.py first, so that the page runs inside its navigation
    at.switch_page(page)
    at.run()
    if at.exception:
        raise RuntimeError(f"{page}: {at.exception[0].value}")
    if at.title and at.title[0].value == "Clientocracy Workshop":
        raise RuntimeError(f"{page} did not open: the home page is shown")
    return at


def page_rerun_ms(page: str, database_url: str, actor: object, runs: int = 10, lang: str = "en") -> float:
    """Median time of an AppTest rerun of `page` for `actor`'s workshop."""
    return median_ms(timings(page_app(page, database_url, actor, lang).run, runs, warmup=2))


def interleaved_ms(page: str, database_url: str, actor: object, runs: int = 20) -> tuple[float, float]:
    """(floor, page): medians of empty-page and page reruns taken in turn, so that other work on the
    machine weighs on both alike."""
    from streamlit.testing.v1 import AppTest

    quiet_streamlit()
    empty = AppTest.from_file(str(EMPTY_PAGE), default_timeout=60)
    empty.run()
    at = page_app(page, database_url, actor)
    for _ in range(3):
        empty.run()
        at.run()
    floor, ours = [], []
    for _ in range(runs):
        for app, out in ((empty, floor), (at, ours)):
            started = time.perf_counter()
            app.run()
            out.append(time.perf_counter() - started)
    return median_ms(floor), median_ms(ours)


def cold_rerun_ms(
    page: str, database_url: str, actor: Actor, engine: Engine, entity: str, change: Callable[[int], dict], runs: int
) -> tuple[float, float]:
    """(floor, page): medians of an empty-page rerun and of a rerun of `page` right after `change(n)` was saved
    on the first `entity` row, taken in turn (so that other work on the machine weighs on both alike)."""
    from streamlit.testing.v1 import AppTest

    empty = AppTest.from_file(str(EMPTY_PAGE), default_timeout=60)
    empty.run()
    at = page_app(page, database_url, actor)
    target = read.rows(engine, workshop_id=actor.workshop_id, entity_name=entity)[0]
    version, floor, out = target["version"], [], []
    for n in range(runs):
        saved = services.update_row(
            engine, actor=actor, entity_name=entity, row_id=target["id"], version=version, changes=change(n)
        )
        version = saved["version"]
        for app, into in ((empty, floor), (at, out)):
            started = time.perf_counter()
            app.run()
            into.append(time.perf_counter() - started)
    return median_ms(floor), median_ms(out)


def judge_pages(
    pages: list[tuple[str, str, Callable[[], tuple[float, float]]]],
    database_url: str,
    actor: Actor,
    runs: int,
    turns: int,
    goal: float,
) -> None:
    """For each (label, page, cold figures): the plain, interleaved and cold reruns against the empty-page
    floor; last, the worst interleaved and the worst cold ratio against `goal`."""
    worst, worst_cold = 0.0, 0.0
    for label, page, cold_ms in pages:
        floor = empty_page_floor_ms()
        plain = page_rerun_ms(page, database_url, actor, runs=runs)
        turn_floor, turn = interleaved_ms(page, database_url, actor, turns)
        cold_floor, cold = cold_ms()
        worst, worst_cold = max(worst, turn / turn_floor), max(worst_cold, cold / cold_floor)
        print(row("floor: rerun of an empty Streamlit page", floor))
        print(row(f"{label} (rerun)", plain, floor))
        print(row(f"  interleaved with the floor ({turn_floor:.3f} ms)", turn, turn_floor) + f"   goal <= {goal:g}x")
        print(row(f"  cold: right after a change it shows, interleaved ({cold_floor:.3f} ms)", cold, cold_floor))
    for what, ratio in (("interleaved", worst), ("cold", worst_cold)):
        verdict = "meets" if ratio <= goal else "misses"
        print(f"worst {what} ratio {ratio:.2f}x ({verdict} the goal of {goal:g}x)")


def chromium_missing(what: str) -> bool:
    """True (and says what is not measured) when Debian's Chromium is not installed."""
    if Path(CHROMIUM).exists():
        return False
    print(f"chromium missing: {what}")
    return True


def warm(browser: Any, url: str) -> None:
    """Open the app once: the first run of a fresh server must be the main script (it compiles it too)."""
    page = browser.new_page()
    page.goto(url, timeout=120_000)
    page.get_by_test_id("stSidebarNav").wait_for(timeout=120_000)
    page.close()


@contextmanager
def served(database_url: str, log: Path | None = None, warmed: bool = True) -> Iterator[tuple[Server, Any]]:
    """The app served against `database_url` and a headless Chromium to open it (warmed up unless told not to);
    both are stopped on the way out."""
    from playwright.sync_api import sync_playwright

    server = start_server(database_url, log=log)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            if warmed:
                warm(browser, server.url)
            yield server, browser
            browser.close()
    finally:
        stop_server(server)


# --- measuring a served room: CPU from /proc, spreads, the server profiled ---------------------------------


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


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))]


def profiled() -> dict[str, str]:
    """With CVM_BENCH_PROFILE=<file>: the server profiles its threads and writes the stats there when it stops
    (bench/profiled/sitecustomize.py), for `python -m pstats <file>`."""
    if not os.environ.get("CVM_BENCH_PROFILE"):
        return {}
    hook = Path(__file__).with_name("profiled")
    return {"PYTHONPATH": f"{hook}{os.pathsep}{Path(__file__).resolve().parent.parent}"}


def section(title: str, make: Callable[[], list[str]]) -> list[str]:
    """Print a part's title and run it: its rows, or a line saying why it failed (a benchmark never crashes
    on one part; the next one runs). The part prints its own progress; the rows come back for the summary."""
    print(f"-- {title}", flush=True)
    try:
        rows = make()
    except Exception as error:  # noqa: BLE001 - the benchmark never crashes on one part
        rows = [f"failed: {type(error).__name__}: {error}"]
        print(rows[0], flush=True)
    return [f"-- {title}", *rows]


@contextmanager
def bare_server(page: str) -> Iterator[tuple[str, int]]:
    """A bare Streamlit page (its source: `page`) served alone by `streamlit run`, with our message-cache
    setting: (its URL, its process id). A floor: what Streamlit itself costs before any of our code runs."""
    script = Path(tempfile.mkdtemp(prefix="cvm-bench-")) / "bare.py"
    script.write_text(page)
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port)]
    command += ["--server.address", "127.0.0.1", "--server.headless", "true", "--global.minCachedMessageSize", "1e12"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1):
                    break
            except OSError:
                time.sleep(0.1)
        yield url, process.pid
    finally:
        process.terminate()
        process.wait(timeout=10)
