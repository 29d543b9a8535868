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

    at = AppTest.from_file(str(EMPTY_PAGE), default_timeout=60)
    at.run()
    return median_ms(timings(at.run, runs, warmup=2))


def page_rerun_ms(page: str, database_url: str, actor: object, runs: int = 10, lang: str = "en") -> float:
    """Median time of an AppTest rerun of `page` (e.g. "pages/step2_pains.py") for `actor`'s workshop."""
    import os

    from streamlit.testing.v1 import AppTest

    os.environ["DATABASE_URL"] = database_url
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.session_state["lang"] = lang
    at.session_state["joined"] = {actor.workshop_id: actor}
    at.session_state["workshop_id"] = actor.workshop_id
    at.run()  # through app.py first, so that the page runs inside its navigation
    at.switch_page(page)
    at.run()
    if at.exception:
        raise RuntimeError(f"{page}: {at.exception[0].value}")
    return median_ms(timings(at.run, runs, warmup=2))
