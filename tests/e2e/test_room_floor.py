"""The live-room benchmark's floor in Chromium (bench/bench_room.py): bare pages shaped like step 2 that all
rerun at the same instant. If the pages stopped clicking, or the frames were no longer recognised, the
benchmark would print "no data" where the floor of "it reaches every page" belongs."""

from __future__ import annotations

import itertools
from pathlib import Path

from bench import bench_room
from tests.conftest import CHROMIUM, need


def test_every_shaped_page_answers_the_instants_it_was_told() -> None:
    need(Path(CHROMIUM).exists(), "Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        arrived, spent, elapsed = bench_room.shaped_instants(p, 2, 4 * bench_room.PERIOD_S)
    answered = {due: times for due, times in arrived.items() if len(times) == 2}
    assert len(answered) >= 2, arrived  # both pages, at the same instants, more than once
    dues = sorted(answered)
    assert all((b - a) % int(bench_room.PERIOD_S * 1000) == 0 for a, b in itertools.pairwise(dues))
    assert all(0 < t < 10 for times in answered.values() for t in times)
    assert 0 < spent < elapsed * 2  # the browsers' own CPU, at most the machine's two cores


def test_our_room_is_printed_as_a_ratio_of_the_floor() -> None:
    row = bench_room.floor_ratio("30 sessions: it reaches every page", [1.0, 2.0, 3.0], [0.5, 1.0, 1.5])
    assert row.endswith("p50  2.00x  p95  2.00x"), row
    assert bench_room.floor_ratio("8 sessions: it reaches every page", [1.0], []).endswith("no data")
