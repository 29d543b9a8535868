"""The projector view's refresh on the large synthetic workshop (db.demo.build_large) with voting open: what one
run of its fragment reads and computes — the room, the rows through the read door (nothing when the marker
did not move, everything after a change), the ranked lists and the QR code — against the floor of the same
run: the room's own read (`live.room`), which the room bar of every open page does on each refresh anyway.
The actions are timed in turn, so other work on the machine weighs on all alike."""

from __future__ import annotations

from bench.bench_thread import interleaved
from bench.common import fresh_sqlite, median_ms, p95_ms, row
from cvm_core import projector, qr
from cvm_core import settings as s
from db import live, read, workshops
from db.demo import build_large
from tests.helpers import person
from ui import registry

RUNS = 40
READS = registry.page("projector").reads
LINK = "https://workshop.example.org/?join=ABCDEF"


def main() -> None:
    _, engine = fresh_sqlite("projector.db")
    workshop_id = build_large(engine)
    fay = person(engine, workshop_id)
    workshops.update_settings(engine, actor=fay, version=None, changes={"voting_open": True})
    first = read.read(engine, actor=fay, entities=READS)
    data = first.data
    print(
        f"large workshop: {len(data['customer'])} customers, {len(data['pain'])} pains, {len(data['vote'])} votes, "
        f"{len(data['participant'])} people"
    )

    def idle() -> None:
        live.room(engine, workshop_id=workshop_id)
        assert read.read(engine, actor=fay, entities=READS, previous=first) is first
        projector.screen(data, top=s.PROJECTOR_TOP_PAINS)
        qr.svg(LINK)

    def changed() -> None:
        live.room(engine, workshop_id=workshop_id)
        fresh = read.read(engine, actor=fay, entities=READS).data
        projector.screen(fresh, top=s.PROJECTOR_TOP_PAINS)
        qr.svg(LINK)

    floor, quiet, after, marker, lists, code = interleaved(
        [
            lambda: live.room(engine, workshop_id=workshop_id),
            idle,
            changed,
            lambda: read.read(engine, actor=fay, entities=READS, previous=first),
            lambda: projector.screen(data, top=s.PROJECTOR_TOP_PAINS),
            lambda: qr.svg(LINK),
        ],
        RUNS,
    )
    base = median_ms(floor)
    print(row(f"floor: the room's read, live.room (median of {RUNS})", base))
    print(row("projector refresh, nothing changed", median_ms(quiet), base))
    print(row("projector refresh after a change (rows reread)", median_ms(after), base))
    print(row("    p95", p95_ms(after), base))
    print(row("    of which the read door, marker unchanged", median_ms(marker), base))
    print(row("    of which the ranked lists", median_ms(lists), base))
    print(row("    of which the QR code's SVG", median_ms(code), base))
