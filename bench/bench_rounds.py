"""Between workshops on the large synthetic workshop: starting its next round (the copy, one transaction)
against importing its own backup (the same writer with no copy rules), and reading and comparing a line of
four rounds (the Rounds page) against one read of the whole current workshop, on a fresh SQLite file, in
the same run."""

from __future__ import annotations

from bench.common import fresh_sqlite, median_ms, row, timings
from cvm_core import rounds as core
from cvm_core.exports import backup
from db import exchange, read, rounds, synthetic
from db.services import Actor

LINE = 4
RUNS = 3


def main() -> None:
    _, engine = fresh_sqlite()
    first = synthetic.build_large(engine)
    file = backup.dumps(backup.build(read.backup(engine, actor=Actor.system(first))))

    def import_floor() -> None:
        exchange.import_backup(engine, backup=backup.parse(file), facilitator_name="Facilitator", passcode="bench-1")

    def next_round() -> None:
        rounds.start_from(engine, source_id=first, name="Next", by=None, facilitator_name="F", passcode="bench-1")

    floor = median_ms(timings(import_floor, RUNS, warmup=0))
    print(row("import the workshop's own backup (floor)", floor))
    print(row("start its next round (copy rules + the same writer)", median_ms(timings(next_round, RUNS, 0)), floor))

    last = first
    for n in range(LINE - 1):
        last = rounds.start_from(
            engine, source_id=last, name=f"Round {n + 2}", by=None, facilitator_name="F", passcode="bench-1"
        ).workshop["id"]
    reader = Actor.system(last)
    floor = median_ms(timings(lambda: read.read(engine, actor=reader, entities=None), RUNS, 1))
    print(row(f"read the whole current round (floor; line of {LINE})", floor))
    print(row("read the line of rounds", median_ms(timings(lambda: read.rounds(engine, actor=reader), RUNS, 1)), floor))
    line = read.rounds(engine, actor=reader)
    print(
        row(
            "compare them (every table, both languages)",
            median_ms(timings(lambda: [core.tables(line, lang) for lang in ("en", "ru")], RUNS, 1)),
            floor,
        )
    )
