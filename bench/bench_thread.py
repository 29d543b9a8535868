"""The golden thread and money at risk on the large synthetic workshop (db.demo.build_large: 60 departments,
400 internal promises, 60 customer promises): the index built from the snapshot (network, money-at-risk
model, gaps), then the thread and the money at risk of every one of its promises, against the graph build
of the same run (the department network and a view with an impact path, as bench_graph times it). The two
are timed in turn, so other work on the machine weighs on both alike."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from bench.common import fresh_sqlite, median_ms, p95_ms, row
from cvm_core import graph as g
from cvm_core import risk
from cvm_core import thread as th
from db import read
from db.demo import build_large
from db.services import Actor

RUNS = 30
GOAL_MS = 50.0


def every_promise(data: dict) -> int:
    """Index the workshop, then the thread and the money at risk of each promise; how many promises."""
    web = th.web(data, "en")
    for pid in web.net.order:
        th.thread(web, pid)
        risk.at_risk(web.model, [pid])
    return len(web.net.order)


def graph_build(data: dict) -> None:
    g.view(g.network(data, "en"), None, "d1")


def interleaved(actions: list[Callable[[], object]], runs: int, warmup: int = 3) -> list[list[float]]:
    """Seconds per call of each action, the actions taken in turn run after run."""
    for _ in range(warmup):
        for action in actions:
            action()
    out: list[list[float]] = [[] for _ in actions]
    for _ in range(runs):
        for action, times in zip(actions, out, strict=True):
            started = time.perf_counter()
            action()
            times.append(time.perf_counter() - started)
    return out


def main() -> None:
    _, engine = fresh_sqlite("thread.db")
    data = read.backup(engine, actor=Actor.system(build_large(engine)))
    web = th.web(data, "en")
    promises = len(web.net.order)
    start = next(p for p in web.net.order if p[0] == "p")
    print(
        f"large workshop: {len(data['department'])} departments, {len(data['internal_promise'])} internal promises, "
        f"{len(data['promise'])} customer promises; {promises} promises in the network, {len(web.gaps)} gaps"
    )
    graph, every, index, drawing, now = interleaved(
        [
            lambda: graph_build(data),
            lambda: every_promise(data),
            lambda: th.web(data, "en"),
            lambda: th.drawing(web, th.thread(web, start)),
            lambda: risk.now(web.model),
        ],
        RUNS,
    )
    floor = median_ms(graph)
    print(row(f"floor: graph build + view (median of {RUNS})", floor))
    print(row(f"thread + money at risk, all {promises} promises", median_ms(every), floor))
    print(row("    of which the index (network, model, gaps)", median_ms(index), floor))
    print(row("one thread laid out for drawing", median_ms(drawing), floor))
    print(row("money at risk now (console, summary)", median_ms(now), floor))
    met = median_ms(every) <= GOAL_MS
    spread = statistics.quantiles([t * 1000 for t in every], n=4)
    print(
        f"    all promises: p95 {p95_ms(every):.1f} ms, quartiles {spread[0]:.1f}–{spread[2]:.1f} ms   "
        f"goal <= {GOAL_MS:.0f} ms median: {'met' if met else 'MISSED'}"
    )
