"""Throttling of guesses, held in the database so every app server counts the same.

An attempt first *reserves* a try in one write transaction: the rows of its keys are locked (SQLite's
BEGIN IMMEDIATE, PostgreSQL's SELECT … FOR UPDATE), the rules of `cvm_core.throttle` decide, and a
failure is recorded before anything is checked. Only then is the code or passcode checked (outside the
transaction: a passcode hash takes tens of milliseconds and must not hold the write lock); a right
answer takes its recorded failure back. So twenty attempts at the same instant against five free tries
get exactly five checks, whatever happens in between. A check cheap enough to run while the rows are
locked (a code looked up) runs inside that transaction instead (`checked`), and only a wrong answer is
recorded.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TypeVar

from sqlalchemy import Connection, Engine, delete, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from cvm_core import settings as s
from cvm_core import throttle as rules
from cvm_core.errors import Throttled
from db import engine as dbe
from db.models import Throttle, utcnow

T = TypeVar("T")
_t = Throttle.__table__


def workshop_key(workshop_id: int) -> str:
    return f"w:{workshop_id}"


def _lock(conn: Connection, keys: list[str]) -> dict[str, rules.Strikes]:
    insert = sqlite_insert if conn.dialect.name == "sqlite" else pg_insert
    for key in keys:
        conn.execute(insert(_t).values(key=key, failures=0).on_conflict_do_nothing(index_elements=["key"]))
    query = select(_t).where(_t.c.key.in_(keys)).order_by(_t.c.key)
    if conn.dialect.name != "sqlite":
        query = query.with_for_update()
    return {r.key: rules.Strikes(r.failures, r.last_failure_at) for r in conn.execute(query)}


def reserve(conn: Connection, sources: list[str], workshop_id: int | None) -> None:
    """Inside a write transaction: raise Throttled when a source must wait, else record one failure for
    every source (and the workshop), to be taken back by `release` if the attempt turns out right."""
    _failed(conn, *_decide(conn, sources, workshop_id))


def _decide(
    conn: Connection, sources: list[str], workshop_id: int | None
) -> tuple[list[str], dict[str, rules.Strikes], datetime]:
    """Lock the rows of the attempt's keys and raise Throttled when a source must wait: the keys, their
    strikes and the moment decided."""
    keys = sorted({k[:80] for k in sources} | ({workshop_key(workshop_id)} if workshop_id is not None else set()))
    stale = utcnow() - timedelta(seconds=s.THROTTLE_FORGET_S)
    conn.execute(delete(_t).where(_t.c.last_failure_at < stale))
    found = _lock(conn, keys)
    now = utcnow()  # taken once the rows are ours: attempts that waited for the lock decide in their order
    workshop = found.get(workshop_key(workshop_id)) if workshop_id is not None else None
    wait = rules.wait_s([found[k[:80]] for k in sources], workshop, now)
    if wait:
        raise Throttled(seconds=wait)
    return keys, found, now


def _failed(conn: Connection, keys: list[str], found: dict[str, rules.Strikes], now: datetime) -> None:
    for key in keys:
        forget = s.THROTTLE_WINDOW_S if key.startswith("w:") else s.THROTTLE_FORGET_S
        strikes = found[key].fresh(now, forget).failed(now)
        conn.execute(update(_t).where(_t.c.key == key).values(failures=strikes.failures, last_failure_at=now))


def release(conn: Connection, sources: list[str], workshop_id: int | None) -> None:
    """Take back the failure `reserve` recorded, for an attempt that was right."""
    keys = {k[:80] for k in sources} | ({workshop_key(workshop_id)} if workshop_id is not None else set())
    conn.execute(update(_t).where(_t.c.key.in_(sorted(keys)), _t.c.failures > 0).values(failures=_t.c.failures - 1))


def guarded(engine: Engine, sources: list[str], workshop_id: int | None, check: Callable[[], T | None]) -> T | None:
    """Run `check` (None: wrong) if the sources may try now; the failure stays recorded unless it is right."""
    if not sources:
        raise ValueError("an attempt needs at least one source key")
    dbe.write(engine, lambda conn: reserve(conn, sources, workshop_id))
    result = check()
    if result is not None:
        dbe.write(engine, lambda conn: release(conn, sources, workshop_id))
    return result


def checked(
    engine: Engine, sources: list[str], workshop_id: int | None, check: Callable[[Connection], T | None]
) -> T | None:
    """`guarded` for a check cheap enough to run while the rows are locked (a join or rejoin code is one
    indexed lookup; a passcode hash is not): `check(conn)` runs in the same write transaction and a
    failure is recorded only when it answers None. Attempts still take turns, so five free tries stay five,
    but right answers at the same moment from one address (a venue's Wi-Fi) never count against each other."""
    if not sources:
        raise ValueError("an attempt needs at least one source key")

    def work(conn: Connection) -> T | None:
        decided = _decide(conn, sources, workshop_id)
        result = check(conn)
        if result is None:
            _failed(conn, *decided)
        return result

    return dbe.write(engine, work)
