"""Steps 1–5 on the large workshop: the median AppTest rerun of each step page, as the facilitator,
against the rerun of an empty Streamlit page measured in the same run. Goal: at most 10x for every page.

Per page: the plain figure (bench.common's floor, then the page's reruns), an interleaved one (an empty-page
rerun and a page rerun in turn, steadier on a machine shared with other work), and a cold one: a rerun right
after someone changed a row the page shows, so that the page reads its rows again and recomputes (each page
otherwise keeps what it computed while its change marker stays the same), also in turn with the floor. The
goal is judged on the interleaved and on the cold figures."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bench.common import cold_rerun_ms, fresh_sqlite, judge_pages
from db import synthetic
from tests.helpers import person
from ui import registry

# page → (entity changed for the cold figure, field, a value to set on run n)
CHANGES: dict[int, tuple[str, str, Any]] = {
    1: ("customer", "ltv", lambda n: 1000 + n),
    2: ("pain", "severity", lambda n: 1 + n % 5),
    3: ("value_factor", "weight", lambda n: 1 + n % 10),
    4: ("canvas_score", "score", lambda n: n % 10),
    5: ("promise", "metric_current", lambda n: 50 + n),
}
PAGES = {registry.step_page(step).path: change for step, change in CHANGES.items()}
GOAL = 10.0
RUNS = 20
INTERLEAVED = 30


def main() -> None:
    url, engine = fresh_sqlite()
    workshop_id = synthetic.build_large(engine)
    actor = person(engine, workshop_id)
    sizes = ", ".join(f"{k} {v}" for k, v in synthetic.LARGE.items())
    print(f"Large workshop ({sizes}); SQLite; AppTest reruns as the facilitator, English")

    def cold(page: str) -> Callable[[], tuple[float, float]]:
        """The median floor and rerun when, before each run, a row the page shows was changed."""
        entity, field, value = PAGES[page]
        return lambda: cold_rerun_ms(page, url, actor, engine, entity, lambda n: {field: value(n + 1)}, RUNS)

    judge_pages([(page, page, cold(page)) for page in PAGES], url, actor, RUNS, INTERLEAVED, GOAL)
