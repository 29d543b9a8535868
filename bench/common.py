"""Timing helpers shared by the benchmarks."""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine

from db.engine import make_engine
from db.migrate import upgrade


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
    """AppTest outside `streamlit run` warns on every call: keep the benchmark output readable."""
    import logging

    for name in ("streamlit", "streamlit.runtime.scriptrunner_utils.script_run_context"):
        logging.getLogger(name).setLevel(logging.ERROR)
    from streamlit import logger

    logger.set_log_level("error")


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
