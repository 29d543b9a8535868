"""Steps 1–5 on the large workshop: the median AppTest rerun of each step page, as the facilitator,
against the rerun of an empty Streamlit page measured in the same run. Goal: at most 10x for every page.

Per page: the plain figure (bench.common's floor, then the page's reruns), an interleaved one (an empty-page
rerun and a page rerun in turn, steadier on a machine shared with other work; the goal is judged on it),
and a cold one: a rerun right after someone changed a row the page shows, so that the page reads its rows
again and recomputes (each page otherwise keeps what it computed while its change marker stays the same)."""

from __future__ import annotations

import time
from typing import Any

from bench.common import (
    empty_page_floor_ms,
    fresh_sqlite,
    interleaved_ms,
    median_ms,
    page_app,
    page_rerun_ms,
    row,
)
from db import read, services, synthetic, workshops
from db.services import Actor
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


def facilitator(engine: Any, workshop_id: int) -> Actor:
    person = next(p for p in workshops.participants(engine, workshop_id=workshop_id) if p["role"] == "facilitator")
    return Actor(workshop_id, person["id"], person["display_name"])


def _timed(app: Any) -> float:
    started = time.perf_counter()
    app.run()
    return time.perf_counter() - started


def cold_ms(page: str, url: str, actor: Actor, engine: Any) -> float:
    """Median rerun when, before each run, a row the page shows was changed."""
    entity, field, value = PAGES[page]
    at = page_app(page, url, actor)
    target = read.rows(engine, workshop_id=actor.workshop_id, entity_name=entity)[0]
    version, out = target["version"], []
    for n in range(RUNS // 2):
        changes = {field: value(n + 1)}
        version = services.update_row(
            engine, actor=actor, entity_name=entity, row_id=target["id"], version=version, changes=changes
        )["version"]
        out.append(_timed(at))
    return median_ms(out)


def main() -> None:
    url, engine = fresh_sqlite()
    workshop_id = synthetic.build_large(engine)
    actor = facilitator(engine, workshop_id)
    sizes = ", ".join(f"{k} {v}" for k, v in synthetic.LARGE.items())
    print(f"Large workshop ({sizes}); SQLite; AppTest reruns as the facilitator, English")
    worst = 0.0
    for page in PAGES:
        floor = empty_page_floor_ms()
        plain = page_rerun_ms(page, url, actor, runs=RUNS)
        turn_floor, turn = interleaved_ms(page, url, actor, INTERLEAVED)
        worst = max(worst, turn / turn_floor)
        print(row("floor: rerun of an empty Streamlit page", floor))
        print(row(f"{page} (rerun)", plain, floor))
        print(row(f"  interleaved with the floor ({turn_floor:.3f} ms)", turn, turn_floor) + f"   goal <= {GOAL:g}x")
        print(row("  cold: right after a change it shows", cold_ms(page, url, actor, engine), turn_floor))
    verdict = "meets" if worst <= GOAL else "misses"
    print(f"worst interleaved ratio {worst:.2f}x ({verdict} the goal of {GOAL:g}x)")
