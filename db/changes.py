"""Changes as they happen: the write path notes which entities of which workshop changed, and after the
commit every subscriber of that workshop in this process hears it (the change stream of web/changes.py).
Other processes' writes arrive too: on PostgreSQL by NOTIFY, sent inside the writing transaction (so it
is heard when, and only if, it commits); on SQLite by a thread of each server that follows the audit log
(a few indexed reads a second, whatever the number of sessions), e.g. for `manage.py` or a script.

Topics are entity names as the audit log writes them, except the room's own moves (timers, current step),
which are "room": they redraw the room bar, not the page. "*" means "something may have changed that we
did not hear" (a lost database connection): listeners check everything.
"""

from __future__ import annotations

import json
import logging
import secrets
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from itertools import count
from typing import Any

from sqlalchemy import Connection, Engine, func, select, text

from db.models import AuditEvent

CHANNEL = "cvm_changes"
ROOM = "room"
ANY = "*"
ROOM_ACTIONS = frozenset(
    {
        "timer_start",
        "timer_pause",
        "timer_add",
        "timer_stop",
        "current_step",
        "round_start",
        "round_add",
        "round_stop",
        "clock_sound",
    }
)
SERVER = secrets.token_hex(8)  # this process, so that it does not hear its own notes twice
TAIL_SECONDS = 0.05  # SQLite: how often a server asks whether the file changed (one pragma, no table read)
_PAYLOAD_MAX = 7900  # PostgreSQL refuses NOTIFY payloads of 8000 bytes or more
_AUDIT = AuditEvent.__table__
_log = logging.getLogger(__name__)

Deliver = Callable[[frozenset[str]], None]


def topic(entity: str, action: str) -> str:
    return ROOM if entity == "workshop" and action in ROOM_ACTIONS else entity


class Hub:
    """Subscribers per workshop in this process; `deliver` is called from whichever thread publishes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._ids = count()
        self._subscribers: dict[int, dict[int, Deliver]] = {}

    def subscribe(self, workshop_id: int, deliver: Deliver) -> Callable[[], None]:
        """Hear the topics of `workshop_id` until the returned function is called."""
        key = next(self._ids)
        with self._lock:
            self._subscribers.setdefault(workshop_id, {})[key] = deliver

        def unsubscribe() -> None:
            with self._lock:
                found = self._subscribers.get(workshop_id, {})
                found.pop(key, None)
                if not found:
                    self._subscribers.pop(workshop_id, None)

        return unsubscribe

    def publish(self, workshop_id: int, topics: frozenset[str]) -> None:
        with self._lock:
            targets = list(self._subscribers.get(workshop_id, {}).values())
        for deliver in targets:
            deliver(topics)

    def publish_everywhere(self, topics: frozenset[str]) -> None:
        with self._lock:
            workshops = list(self._subscribers)
        for workshop_id in workshops:
            self.publish(workshop_id, topics)

    def subscribers(self, workshop_id: int | None = None) -> int:
        with self._lock:
            if workshop_id is not None:
                return len(self._subscribers.get(workshop_id, {}))
            return sum(len(found) for found in self._subscribers.values())


HUB = Hub()


@dataclass
class Notes:
    """What one write transaction changed: topics per workshop, and the audit events it wrote."""

    topics: dict[int, set[str]] = field(default_factory=dict)
    events: list[int] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.topics)


_pending: ContextVar[Notes | None] = ContextVar("cvm_pending_changes", default=None)
_claimed: set[int] = set()  # audit events this process announces itself (its SQLite tail skips them)
_claimed_lock = threading.Lock()


@contextmanager
def collecting() -> Iterator[Notes]:
    """Collect the notes of one write transaction (db/engine.write)."""
    notes = Notes()
    token = _pending.set(notes)
    try:
        yield notes
    finally:
        _pending.reset(token)


def note(workshop_id: int, entity: str, action: str, event_id: int | None = None) -> None:
    """Within a write: `entity` of `workshop_id` changed by `action` (the audit log calls this)."""
    notes = _pending.get()
    if notes is None or workshop_id is None:
        return
    notes.topics.setdefault(workshop_id, set()).add(topic(entity, action))
    if event_id is not None:
        notes.events.append(event_id)


def _payloads(notes: Notes) -> Iterator[str]:
    for workshop_id, topics in notes.topics.items():
        payload = json.dumps({"s": SERVER, "w": workshop_id, "t": sorted(topics)})
        yield payload if len(payload) <= _PAYLOAD_MAX else json.dumps({"s": SERVER, "w": workshop_id, "t": [ANY]})


def before_commit(conn: Connection, notes: Notes) -> None:
    """At the end of a write transaction's work: on PostgreSQL the notes go out by NOTIFY inside the
    transaction (heard when, and only if, it commits); on SQLite this process claims its audit events, so
    that its tail does not announce them a second time."""
    if not notes:
        return
    if conn.dialect.name == "postgresql":
        for payload in _payloads(notes):
            conn.execute(text("SELECT pg_notify(:channel, :payload)"), {"channel": CHANNEL, "payload": payload})
    elif _tails:
        with _claimed_lock:
            _claimed.update(notes.events)


def failed(notes: Notes) -> None:
    """The transaction did not commit: give back the claimed events (SQLite may reuse their ids)."""
    if notes.events:
        with _claimed_lock:
            _claimed.difference_update(notes.events)


def publish(notes: Notes) -> None:
    """After the commit: this process's subscribers hear the notes at once."""
    for workshop_id, topics in notes.topics.items():
        HUB.publish(workshop_id, frozenset(topics))


def heard(payload: str) -> None:
    """A note from the database's channel: delivered here unless this process wrote it."""
    try:
        found = json.loads(payload)
        server, workshop_id, topics = found["s"], int(found["w"]), frozenset(map(str, found["t"]))
    except (ValueError, KeyError, TypeError):
        return
    if server != SERVER:
        HUB.publish(workshop_id, topics)


class Listener(threading.Thread):
    """PostgreSQL: LISTEN in a thread of its own, reconnecting after a lost connection (then everyone is
    told to check: notes sent meanwhile were lost)."""

    def __init__(self, conninfo: str) -> None:
        super().__init__(name="cvm-changes-listener", daemon=True)
        self.conninfo = conninfo
        self.listening = threading.Event()
        self.stopping = threading.Event()

    def run(self) -> None:
        import psycopg

        delay, first = 0.5, True
        while not self.stopping.is_set():
            try:
                with psycopg.connect(self.conninfo, autocommit=True) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    if not first:
                        HUB.publish_everywhere(frozenset({ANY}))
                    first, delay = False, 0.5
                    self.listening.set()
                    while not self.stopping.is_set():
                        for notify in conn.notifies(timeout=1.0):
                            heard(notify.payload)
            except Exception as exc:  # noqa: BLE001 - any loss of the connection: wait and reconnect
                self.listening.clear()
                _log.warning("change listener lost its connection (%s); reconnecting", type(exc).__name__)
                self.stopping.wait(delay)
                delay = min(delay * 2, 10.0)


class Tail(threading.Thread):
    """SQLite: follow the audit log for events that another process wrote. Every TAIL_SECONDS it asks SQLite
    whether anyone committed to the file since it last asked (`PRAGMA data_version`, on a connection of its
    own and outside any transaction), and reads the log only then: a write elsewhere is heard within
    TAIL_SECONDS, and an idle room costs one cheap question per tick."""

    def __init__(self, engine: Engine) -> None:
        super().__init__(name="cvm-changes-tail", daemon=True)
        self.engine = engine
        self.listening = threading.Event()
        self.stopping = threading.Event()
        self.last = 0
        self._lock = threading.Lock()
        self._watch: Any = None  # the DB-API connection that asks for the data version
        self._version: int | None = None

    def run(self) -> None:
        self.last = self._newest()
        self.listening.set()
        while not self.stopping.wait(TAIL_SECONDS):
            try:
                if self._changed():
                    self.step()
            except Exception as exc:  # noqa: BLE001 - a busy or missing file: try again next time
                self._forget()
                _log.warning("change tail could not read the audit log (%s)", type(exc).__name__)

    def _changed(self) -> bool:
        """Whether some connection committed to the file since the last call (the first call: yes). Asked
        before the log is read, so a commit made while it is being read is seen on the next tick."""
        if self._watch is None:
            self._watch = self.engine.raw_connection()
            self._watch.detach()  # its own for good: the pool neither counts nor recycles it
        cursor = self._watch.cursor()
        try:
            version = cursor.execute("PRAGMA data_version").fetchone()[0]
        finally:
            cursor.close()
        changed, self._version = version != self._version, version
        return changed

    def _forget(self) -> None:
        """Drop the watching connection (the next tick opens another and reads the log once)."""
        watch, self._watch, self._version = self._watch, None, None
        if watch is not None:
            try:
                watch.close()
            except Exception:  # noqa: BLE001, S110 - closing a broken connection
                pass

    def _newest(self) -> int:
        with self.engine.connect() as conn, conn.begin():
            return conn.execute(select(func.max(_AUDIT.c.id))).scalar() or 0

    def step(self) -> None:
        """Announce the events written since the last step by other processes."""
        with self._lock:
            self._step()

    def _step(self) -> None:
        if self._newest() == self.last:
            return
        query = select(_AUDIT.c.id, _AUDIT.c.workshop_id, _AUDIT.c.entity, _AUDIT.c.action)
        with self.engine.connect() as conn, conn.begin():
            rows = conn.execute(query.where(_AUDIT.c.id > self.last).order_by(_AUDIT.c.id)).all()
        if not rows:
            return
        found: dict[int, set[str]] = {}
        with _claimed_lock:
            for row in rows:
                if row.id not in _claimed:
                    found.setdefault(row.workshop_id, set()).add(topic(row.entity, row.action))
            self.last = rows[-1].id
            _claimed.difference_update([i for i in _claimed if i <= self.last])
        for workshop_id, topics in found.items():
            HUB.publish(workshop_id, frozenset(topics))


_tails: dict[str, threading.Thread] = {}
_tails_lock = threading.Lock()


def listen(engine: Engine) -> threading.Thread:
    """Start (once per database and process) hearing other processes' writes: LISTEN on PostgreSQL,
    the audit-log tail on SQLite."""
    key = engine.url.render_as_string(hide_password=False)
    with _tails_lock:
        found = _tails.get(key)
        if found is None or not found.is_alive():
            if engine.dialect.name == "postgresql":
                found = Listener(engine.url.set(drivername="postgresql").render_as_string(hide_password=False))
            else:
                found = Tail(engine)
            _tails[key] = found
            found.start()
    return found
