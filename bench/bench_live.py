"""A live room under load: 30 participants saving at once through the services against raw sqlite3 with
the same number of threads (same file system, same durability), and the server CPU that idle connected
sessions cost (changes are pushed; see bench_room for the room under load)."""

from __future__ import annotations

import random
import sqlite3
import threading
import time

from bench.common import chromium_missing, fresh_sqlite, p95_ms, served
from cvm_core.errors import BudgetExceeded, ConflictError, DomainError
from db import read, services, workshops

THREADS, SAVES = 30, 50
IDLE_SESSIONS, IDLE_SECONDS = 20, 30


def together(threads: list[threading.Thread], barrier: threading.Barrier) -> float:
    """Start the threads, let them go at once (each waits on `barrier`) and return the seconds until all end."""
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started


def service_mix() -> tuple[float, list[float], int]:
    """Throughput (accepted + refused saves per second) and latencies of the 30-participant mix."""
    _, engine = fresh_sqlite()
    info, fay = workshops.create_workshop(engine, data={"name": "Load"}, passcode="load-pass", facilitator_name="Fay")
    workshops.update_settings(engine, actor=fay, version=None, changes={"voting_open": True, "dots_per_person": 5})
    customer = services.create(engine, actor=fay, entity_name="customer", data={"name": "Shops"})
    shared = []
    for i in range(8):
        data = {"customer_id": customer["id"], "text": f"S{i}"}
        shared.append(services.create(engine, actor=fay, entity_name="pain", data=data)["id"])
    people = [
        workshops.join(engine, code=info["join_code"], display_name=f"P{i}", throttle_keys=[f"b{i}"])
        for i in range(THREADS)
    ]
    latencies: list[float] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(THREADS + 1)

    def run(actor: services.Actor, seed: int) -> None:
        rng = random.Random(seed)
        barrier.wait()
        for n in range(SAVES):
            kind = rng.choice(["pain", "vote", "edit", "edit"])
            started = time.perf_counter()
            try:
                if kind == "pain":
                    data = {"customer_id": customer["id"], "text": f"{actor.name} {n}"}
                    services.create(engine, actor=actor, entity_name="pain", data=data)
                elif kind == "vote":
                    data = {"pain_id": rng.choice(shared), "participant_id": actor.participant_id, "dots": 1}
                    services.create(engine, actor=actor, entity_name="vote", data=data)
                else:
                    pain_id = rng.choice(shared)
                    seen = read.row(engine, workshop_id=actor.workshop_id, entity_name="pain", row_id=pain_id)
                    changes, version = {"frequency": 1 + seen["frequency"] % 5}, seen["version"]
                    services.update_row(
                        engine, actor=actor, entity_name="pain", row_id=pain_id, version=version, changes=changes
                    )
            except (ConflictError, BudgetExceeded, DomainError):
                pass
            except BaseException as exc:  # noqa: BLE001
                errors.append(exc)
            latencies.append(time.perf_counter() - started)

    elapsed = together([threading.Thread(target=run, args=(p, i)) for i, p in enumerate(people)], barrier)
    return THREADS * SAVES / elapsed, latencies, len(errors)


def raw_inserts() -> float:
    """Single-row inserts and commits from the same number of threads, raw sqlite3, WAL, synchronous=FULL."""
    url, engine = fresh_sqlite("raw.db")
    engine.dispose()
    path = url.removeprefix("sqlite:///")
    setup = sqlite3.connect(path)
    setup.execute("CREATE TABLE IF NOT EXISTS raw_pain (id INTEGER PRIMARY KEY, text TEXT, severity INTEGER)")
    setup.commit()
    setup.close()
    barrier = threading.Barrier(THREADS + 1)

    def run(seed: int) -> None:
        conn = sqlite3.connect(path, isolation_level=None, timeout=30, check_same_thread=False)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        barrier.wait()
        for n in range(SAVES):
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("INSERT INTO raw_pain (text, severity) VALUES (?, ?)", (f"{seed} {n}", 3))
            conn.execute("COMMIT")
        conn.close()

    return THREADS * SAVES / together([threading.Thread(target=run, args=(i,)) for i in range(THREADS)], barrier)


def idle_sessions_cpu() -> tuple[float, float] | None:
    """Server CPU (percent of one core) with no session and with IDLE_SESSIONS idle sessions on step 1,
    opened in waves (bench_room.open_sessions) so that a loaded machine does not time them out."""
    if chromium_missing("idle-session CPU not measured"):
        return None
    from bench.bench_room import open_sessions, people
    from bench.common import cpu_percent
    from db.demo import build_demo

    url, engine = fresh_sqlite("idle.db")
    workshop_id = build_demo(engine, "en")
    tokens = people(
        engine, workshops.workshop(engine, workshop_id=workshop_id)["join_code"], workshop_id, IDLE_SESSIONS
    )
    with served(url) as (server, browser):
        time.sleep(2)
        empty = cpu_percent(server.process.pid, IDLE_SECONDS / 2)
        pages: list = []
        open_sessions(browser, server.url, tokens, "step1_customers", pages)
        joined = sum(1 for page in pages if page.get_by_text("The room").count())
        print(f"{joined} of {IDLE_SESSIONS} sessions show the room bar")
        time.sleep(5)
        busy = cpu_percent(server.process.pid, IDLE_SECONDS)
    return empty, busy


def main() -> None:
    raw = raw_inserts()
    throughput, latencies, errors = service_mix()
    print(f"{THREADS} threads x {SAVES} saves, SQLite WAL synchronous=FULL")
    print(f"raw sqlite3 single-row insert+commit      {raw:8.0f} saves/s")
    print(
        f"service mix (pains, votes, shared edits)  {throughput:8.0f} saves/s   ratio {throughput / raw:4.2f} (goal >= 0.3)"
    )
    print(f"service save latency p95                  {p95_ms(latencies):8.1f} ms   unexpected errors: {errors}")
    cpu = idle_sessions_cpu()
    if cpu:
        empty, busy = cpu
        print(f"server CPU, no session                    {empty:8.2f} % of a core")
        print(f"server CPU, {IDLE_SESSIONS} idle sessions on step 1  {busy:8.2f} % of a core")
        print(f"  per idle session                        {(busy - empty) / IDLE_SESSIONS:8.2f} % of a core")
