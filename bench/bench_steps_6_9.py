"""Steps 6–9 and the progress page on the large workshop: the median AppTest rerun of each page against
the empty-page floor measured in the same run (goal: at most 10×).

Two figures per page: the plain one (bench.common's floor, then the page's reruns) and an interleaved one
(a floor rerun and a page rerun in turn), which is steadier on a machine shared with other work.
Each page keeps what it computed while the rows it shows are unchanged, so a rerun reads one change marker.
The cold figure is a rerun right after someone changed a row the page shows (its rows are read again and
what it derives from them recomputed), in turn with the floor too; the goal applies to both."""

from __future__ import annotations

from collections.abc import Callable

from bench.common import cold_rerun_ms, fresh_sqlite, judge_pages
from db.synthetic import build_large
from tests.helpers import person
from ui import registry

# page → the entity changed for the cold figure
CHANGED = {
    "step6_internal": "department",
    "step7_economics": "economics",
    "step8_motivation": "motivation_plan",
    "step9_experiments": "experiment",
    "progress": "department",
}
PAGES = {key.replace("_", " "): (registry.page(key).path, entity) for key, entity in CHANGED.items()}
GOAL = 10.0
RUNS = 10
COLD_RUNS = 20
INTERLEAVED = 30


def change(entity: str) -> Callable[[int], dict]:
    """What someone else saves on a row of `entity` before rerun n."""
    field = {"department": "description", "economics": "other_costs", "motivation_plan": "share_pct"}.get(
        entity, "cost"
    )
    return lambda n: {field: f"changed {n}" if field == "description" else 10 + n}


def main() -> None:
    url, engine = fresh_sqlite()
    workshop_id = build_large(engine)
    actor = person(engine, workshop_id)
    print("Large workshop (SQLite), AppTest reruns, English, facilitator")

    def cold(page: str, entity: str) -> Callable[[], tuple[float, float]]:
        return lambda: cold_rerun_ms(page, url, actor, engine, entity, change(entity), COLD_RUNS)

    pages = [(label, page, cold(page, entity)) for label, (page, entity) in PAGES.items()]
    judge_pages(pages, url, actor, RUNS, INTERLEAVED, GOAL)
