"""Exports of the large synthetic workshop in every format; the PDF made first in a fresh process (no
picture kept anywhere) against a fresh process that only reads the snapshot; and the JSON backup's round
trip (export → parse and check → import as a new workshop, all validated) against a plain json.dumps +
json.loads of the same document, on a fresh SQLite file, in the same run."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import fresh_sqlite, median_ms, row, timings
from cvm_core import exports
from cvm_core.exports import backup, pdf
from db import exchange, read, synthetic
from db.services import Actor

RUNS = {"md": 5, "xlsx": 5, "csv": 5, "json": 5, "pdf": 3}
ROUND_TRIPS = 3
FRESH_RUNS = 3
ROOT = Path(__file__).resolve().parent.parent
# A new Python process reads the snapshot, then (unless told "floor") makes the PDF with an empty picture
# cache; it prints how long the export call itself took.
CHILD = """
import pickle, sys, time
data = pickle.load(open(sys.argv[1], "rb"))
started = time.perf_counter()
if sys.argv[2] == "pdf":
    from cvm_core import exports
    exports.export("pdf", data)
print(time.perf_counter() - started)
"""


def _cold_pdf(data: dict) -> bytes:
    """A PDF with no picture kept from an earlier run (the page keeps them, a first export does not)."""
    pdf._chart_image.cache_clear()
    pdf.svg_image.cache_clear()
    return exports.export("pdf", data)


def _fresh_process(snapshot: Path, what: str) -> tuple[float, float]:
    """(whole process, export call) in seconds, for a new Python process with an empty picture cache."""
    cache = tempfile.mkdtemp(prefix="cvm-bench-pictures-")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CVM_PICTURE_CACHE": cache}
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(snapshot), what], env=env, cwd=ROOT, capture_output=True, text=True
    )
    whole = time.perf_counter() - started
    if done.returncode:
        raise RuntimeError(done.stderr)
    return whole, float(done.stdout.strip().splitlines()[-1])


def fresh_pdf(data: dict) -> None:
    """The PDF made first in a fresh process, beside the same process that only reads the snapshot."""
    snapshot = Path(tempfile.mkdtemp(prefix="cvm-bench-")) / "snapshot.pickle"
    snapshot.write_bytes(pickle.dumps(data))
    floors, wholes, calls = [], [], []
    for _ in range(FRESH_RUNS):  # taken in turn, so that other work on the machine weighs on both alike
        floors.append(_fresh_process(snapshot, "floor")[0])
        whole, call = _fresh_process(snapshot, "pdf")
        wholes.append(whole)
        calls.append(call)
    floor = median_ms(floors)
    print(f"\nPDF first in a fresh process (medians of {FRESH_RUNS}, nothing cached on disk or in memory)")
    print(row("floor: a fresh process that reads the snapshot", floor))
    print(row("the same process, then the PDF", median_ms(wholes), floor))
    print(row("  of which the export call (imports included)", median_ms(calls)))


def main() -> None:
    _, engine = fresh_sqlite()
    workshop_id = synthetic.build_large(engine)
    data = read.backup(engine, actor=Actor.system(workshop_id))
    rows = sum(len(v) for k, v in data.items() if k != "workshop")
    print(f"large workshop: {rows} live rows; medians (runs per format: {RUNS})")
    print(
        row(
            "read the snapshot (one read transaction)",
            median_ms(timings(lambda: read.backup(engine, actor=Actor.system(workshop_id)), 5, 1)),
        )
    )
    for key, runs in RUNS.items():
        render = (lambda: _cold_pdf(data)) if key == "pdf" else (lambda key=key: exports.export(key, data))
        size = len(render())
        print(row(f"export {key:<5} ({size / 1024:,.0f} KiB)", median_ms(timings(render, runs, warmup=0))))
    print(
        row(
            "export pdf again (warm process)",
            median_ms(timings(lambda: exports.export("pdf", data), 3, 0)),
        )
    )

    fresh_pdf(data)

    document = backup.build(data)
    raw = backup.dumps(document)

    def round_trip() -> None:
        file = backup.dumps(backup.build(read.backup(engine, actor=Actor.system(workshop_id))))
        exchange.import_backup(engine, backup=backup.parse(file), facilitator_name="Facilitator", passcode="bench-1")

    def plain() -> None:
        json.loads(json.dumps(document, ensure_ascii=False))

    floor = median_ms(timings(plain, 20, warmup=2))
    ours = median_ms(timings(round_trip, ROUND_TRIPS, warmup=0))
    parse_only = median_ms(timings(lambda: backup.parse(raw), 10, warmup=1))
    print(f"\nJSON backup of {len(raw) / 1024:,.0f} KiB")
    print(row("floor: json.dumps + json.loads of the same document", floor))
    print(row("parse and check the file (no database)", parse_only, floor))
    print(row("round trip: export, parse, import as a new workshop", ours, floor))
