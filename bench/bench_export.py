"""Exports of the large synthetic workshop in every format, and the JSON backup's round trip (export →
parse and check → import as a new workshop, all validated) against a plain json.dumps + json.loads of
the same document, on a fresh SQLite file, in the same run."""

from __future__ import annotations

import json

from bench.common import fresh_sqlite, median_ms, row, timings
from cvm_core import exports
from cvm_core.exports import backup, pdf
from db import exchange, read, synthetic
from db.services import Actor

RUNS = {"md": 5, "xlsx": 5, "csv": 5, "json": 5, "pdf": 3}
ROUND_TRIPS = 3


def _cold_pdf(data: dict) -> bytes:
    """A PDF with no picture kept from an earlier run (the page keeps them, a first export does not)."""
    pdf._chart_image.cache_clear()
    pdf.svg_image.cache_clear()
    return exports.export("pdf", data)


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
            "export pdf again (pictures kept in the process)",
            median_ms(timings(lambda: exports.export("pdf", data), 3, 0)),
        )
    )

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
