"""The save path: one validated, versioned, audited save against a plain SQLModel save and a raw
sqlite3 insert of the same row, on the same disk, in the same run."""

from __future__ import annotations

import itertools
import sqlite3

from sqlmodel import Session

from bench.common import fresh_sqlite, median_ms, row, timings
from db import services
from db.models import Pain, utcnow
from db.workshops import create_workshop, join

RUNS = 400


def main() -> None:
    url, engine = fresh_sqlite()
    info, facilitator = create_workshop(engine, data={"name": "Bench"}, passcode="bench-pass", facilitator_name="Fay")
    customer = services.create(engine, actor=facilitator, entity_name="customer", data={"name": "Shops"})
    actor = join(engine, code=info["join_code"], display_name="Pat", new_department="Sales", throttle_keys=["bench"])
    counter = itertools.count()

    def service_create() -> None:
        data = {"customer_id": customer["id"], "text": f"Pain number {next(counter)}", "severity": 4}
        services.create(engine, actor=actor, entity_name="pain", data=data)

    target = services.create(
        engine, actor=actor, entity_name="pain", data={"customer_id": customer["id"], "text": "Edited"}
    )
    version = [target["version"]]

    def service_update() -> None:
        saved = services.update_row(
            engine,
            actor=actor,
            entity_name="pain",
            row_id=target["id"],
            version=version[0],
            changes={"severity": 1 + version[0] % 5, "frequency": 1 + (version[0] + 2) % 5},
        )
        version[0] = saved["version"]

    def plain_sqlmodel() -> None:
        with Session(engine) as session:
            session.add(
                Pain(
                    workshop_id=actor.workshop_id, customer_id=customer["id"], text=f"Plain {next(counter)}", severity=4
                )
            )
            session.commit()

    raw = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
    raw.execute("PRAGMA journal_mode=WAL")
    raw.execute("PRAGMA synchronous=FULL")  # the same durability as the app

    def raw_insert() -> None:
        now = utcnow().isoformat(" ")
        raw.execute("BEGIN")
        raw.execute(
            "INSERT INTO pain (workshop_id, customer_id, text, severity, frequency, hidden, version, created_at,"
            " updated_at) VALUES (?, ?, ?, 4, 3, 0, 1, ?, ?)",
            (actor.workshop_id, customer["id"], f"Raw {next(counter)}", now, now),
        )
        raw.execute("COMMIT")

    floors = {"plain": timings(plain_sqlmodel, RUNS), "raw": timings(raw_insert, RUNS)}
    ours = {"create": timings(service_create, RUNS), "update": timings(service_update, RUNS)}
    plain, rawest = median_ms(floors["plain"]), median_ms(floors["raw"])
    print(f"SQLite WAL, synchronous=FULL (as the app), {RUNS} saves each by a participant, medians")
    print(row("floor: plain SQLModel session.add + commit", plain))
    print(row("floor: raw sqlite3 insert + commit (WAL)", rawest))
    for name, values in ours.items():
        value = median_ms(values)
        print(row(f"service {name} (validated, versioned, audited)", value))
        print(f"    vs plain SQLModel {value / plain:5.2f}x (goal <= 2x)   vs raw sqlite3 {value / rawest:5.2f}x")
    raw.close()
