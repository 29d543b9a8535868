"""Changes announced by the write path: after the commit, to the workshop's subscribers, named by topic;
nothing for a refused write; other processes heard by NOTIFY (PostgreSQL) or the audit-log tail (SQLite)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
import pytest
from sqlalchemy import insert, text

from cvm_core.errors import ValidationError
from db import changes, live, read, workshops
from db.models import AuditEvent, utcnow
from db.services import Actor
from tests.helpers import create, settings


class Heard:
    """What a subscriber of one workshop heard (topics per publication)."""

    def __init__(self, workshop_id: int) -> None:
        self.got: list[frozenset[str]] = []
        self.event = threading.Event()
        self.stop = changes.HUB.subscribe(workshop_id, self._deliver)

    def _deliver(self, topics: frozenset[str]) -> None:
        self.got.append(topics)
        self.event.set()

    def wait(self, timeout: float = 10) -> list[frozenset[str]]:
        assert self.event.wait(timeout), "nothing was heard"
        return self.got


@pytest.fixture
def heard(workshop):
    info, _ = workshop
    found = Heard(info["id"])
    yield found
    found.stop()


@contextmanager
def listening(engine, name: str) -> Iterator[tuple[dict, Actor, Any, Heard]]:  # noqa: ANN001
    """A new workshop `name` and its facilitator, this process's listener to other servers (listening), and
    a subscriber of the workshop."""
    info, fay = workshops.create_workshop(engine, data={"name": name}, passcode="passcode-1", facilitator_name="F")
    listener = changes.listen(engine)
    assert listener.listening.wait(10)
    heard = Heard(info["id"])
    try:
        yield info, fay, listener, heard
    finally:
        heard.stop()


def customer(engine, actor, name: str = "Shops") -> dict:  # noqa: ANN001
    return create(engine, actor, "customer", name=name)


def test_a_write_is_heard_once_with_its_entity_after_the_commit(engine, workshop, heard) -> None:
    _, fay = workshop
    customer(engine, fay)
    assert heard.got == [frozenset({"customer"})]  # in this process: at once, not later


def test_another_workshops_subscriber_hears_nothing(engine, workshop, facilitator) -> None:
    other, _ = workshops.create_workshop(engine, data={"name": "Other"}, passcode="passcode-2", facilitator_name="Oz")
    elsewhere = Heard(other["id"])
    try:
        customer(engine, facilitator)
        assert elsewhere.got == []
    finally:
        elsewhere.stop()


def test_a_refused_write_is_not_heard(engine, workshop, heard) -> None:
    _, fay = workshop
    with pytest.raises(ValidationError):
        create(engine, fay, "customer", name="")
    assert heard.got == []


def test_the_rooms_own_moves_are_room_and_settings_are_workshop(engine, workshop, heard) -> None:
    _, fay = workshop
    live.start_timer(engine, actor=fay, minutes=5)
    live.set_current_step(engine, actor=fay, step=2)
    settings(engine, fay, voting_open=True)
    assert heard.got == [frozenset({"room"}), frozenset({"room"}), frozenset({"workshop"})]


def test_the_marker_leaves_out_the_rooms_own_moves(engine, workshop) -> None:
    info, fay = workshop
    before = read.marker_now(engine, workshop_id=info["id"])
    live.start_timer(engine, actor=fay, minutes=5)
    assert read.marker_now(engine, workshop_id=info["id"]) == before
    customer(engine, fay)
    moved = read.marker_now(engine, workshop_id=info["id"])
    assert moved > before
    assert read.marker_now(engine, workshop_id=info["id"], entities=("pain",)) < moved
    assert read.marker_now(engine, workshop_id=info["id"], entities=("customer",)) == moved


def test_notes_from_the_channel(workshop, heard) -> None:
    info, _ = workshop
    changes.heard(json.dumps({"s": changes.SERVER, "w": info["id"], "t": ["pain"]}))  # our own: heard already
    changes.heard("not json")
    changes.heard(json.dumps({"w": info["id"]}))
    assert heard.got == []
    changes.heard(json.dumps({"s": "another-server", "w": info["id"], "t": ["pain", "vote"]}))
    assert heard.got == [frozenset({"pain", "vote"})]


def test_postgres_other_servers_hear_a_commit_by_notify(postgres_engine, postgres_url) -> None:
    info, fay = workshops.create_workshop(
        postgres_engine, data={"name": "Notify"}, passcode="passcode-1", facilitator_name="F"
    )
    with psycopg.connect(postgres_url, autocommit=True) as other:  # another server's listening connection
        other.execute(f"LISTEN {changes.CHANNEL}")
        customer(postgres_engine, fay)
        with pytest.raises(ValidationError):
            customer(postgres_engine, fay, name="")
        notes = [json.loads(n.payload) for n in other.notifies(timeout=2, stop_after=1)]
        notes += [json.loads(n.payload) for n in other.notifies(timeout=0.5)]
    assert notes == [{"s": changes.SERVER, "w": info["id"], "t": ["customer"]}]  # the refused write sent nothing


def test_postgres_listener_delivers_what_another_server_wrote(postgres_engine, postgres_url) -> None:
    with listening(postgres_engine, "Listen") as (info, _, _, heard):
        payload = json.dumps({"s": "another-server", "w": info["id"], "t": ["pain"]})
        with postgres_engine.begin() as conn:
            conn.execute(text("SELECT pg_notify(:c, :p)"), {"c": changes.CHANNEL, "p": payload})
        assert heard.wait() == [frozenset({"pain"})]


def test_sqlite_tail_hears_other_processes_and_not_this_one(sqlite_engine) -> None:
    with listening(sqlite_engine, "Tail") as (info, fay, tail, heard):
        customer(sqlite_engine, fay)  # this process: heard at once, and not again by the tail
        tail.step()
        assert heard.got == [frozenset({"customer"})]
        row = {"workshop_id": info["id"], "at": utcnow(), "actor_name": "script", "entity": "pain", "action": "create"}
        with sqlite_engine.begin() as conn:  # as another process would write it
            conn.execute(insert(AuditEvent.__table__).values(**row))
        tail.step()
        assert heard.got == [frozenset({"customer"}), frozenset({"pain"})]


def test_sqlite_tail_reads_the_log_only_after_a_commit_and_hears_it_on_its_own(sqlite_engine) -> None:
    """The running tail asks SQLite's data version each tick; another connection's commit changes it, and the
    event reaches subscribers without anyone stepping the tail."""
    with listening(sqlite_engine, "Tail on its own") as (info, fay, tail, heard):
        watch = changes.Tail(sqlite_engine)  # a second tail, stepped by hand: its own watching connection
        assert watch._changed()  # the first question: read the log once
        assert not watch._changed()  # nobody committed since
        row = {"workshop_id": info["id"], "at": utcnow(), "actor_name": "script", "entity": "pain", "action": "create"}
        with sqlite_engine.begin() as conn:  # as another process would write it
            conn.execute(insert(AuditEvent.__table__).values(**row))
        assert watch._changed()
        assert not watch._changed()
        watch._forget()
        assert heard.wait(5) == [frozenset({"pain"})]  # the running tail heard it by itself
