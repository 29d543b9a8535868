"""The room benchmark's protocol client is honest: on step 2 it receives a pain written by the services through
the push path (the ranked list is a live list: its rows come on the change stream, ui/live_list.py; no run
at all, and the client asks for nothing), well before the 30 s fallback; a change the room bar handles
reruns the bar's fragment and then the whole page (the server asks for both, web/pushes.py)."""

from __future__ import annotations

import json
import time

import pytest
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.bench_room import RoomPage, people
from cvm_core import settings as s
from db import read, services, workshops
from db.demo import build_demo
from db.engine import make_engine
from db.migrate import upgrade
from tests.e2e.server import start_server, stop_server
from tests.helpers import person

pytestmark = pytest.mark.e2e
QUICK_S = 5.0  # well under the fallback's FALLBACK_SECONDS


def until(check, timeout: float = 15.0) -> float:  # noqa: ANN001
    """Wait until `check()` is true; the seconds it took."""
    started = time.monotonic()
    while not check():
        if time.monotonic() - started > timeout:
            raise AssertionError(f"not within {timeout} s")
        time.sleep(0.02)
    return time.monotonic() - started


def test_a_protocol_client_on_step_2_gets_a_pain_through_the_push_path(tmp_path) -> None:  # noqa: ANN001
    url = f"sqlite:///{tmp_path / 'room.db'}"
    upgrade(url)
    engine = make_engine(url)
    workshop_id = build_demo(engine, "en")
    info = workshops.workshop(engine, workshop_id=workshop_id)
    writer = person(engine, workshop_id)
    customer = min(read.rows(engine, workshop_id=workshop_id, entity_name="customer"), key=lambda c: c["id"])
    [token] = people(engine, info["join_code"], workshop_id, 1)
    server = start_server(url, log=tmp_path / "server.log")
    try:
        page = RoomPage(server.url, token, workshop_id)
        listeners = {x.scope: x for x in page.live.client.listeners.values()}
        time.sleep(1)

        written = time.time()
        data = {"customer_id": customer["id"], "text": "Bench pain 7"}
        services.create(engine, actor=writer, entity_name="pain", data=data)
        took = until(lambda: 7 in page.seen)
        time.sleep(1)  # a run, if any came, would have ended by now
        pain_runs = page.live.finished(written)
        pain_sent = [fragment for at, fragment in page.live.sent if at >= written]
        pushed = page.pushed(written)
        carried = [m for at, m in page.live.pushed if at >= written and "Bench pain 7" in json.dumps(m.get("rows"))]

        renamed = time.time()
        services.update_row(
            engine,
            actor=writer,
            entity_name="customer",
            row_id=customer["id"],
            version=customer["version"],
            changes={"name": "Bench renamed"},
        )
        until(lambda: ForwardMsg.FINISHED_SUCCESSFULLY in page.live.finished(renamed))
        rename_runs = page.live.finished(renamed)
        rename_sent = [fragment for at, fragment in page.live.sent if at >= renamed]
        error = page.live.error
        page.live.close()
    finally:
        stop_server(server)
    assert s.FALLBACK_SECONDS >= 30 and took < QUICK_S and page.seen[7] - written < QUICK_S
    assert pushed is not None and written <= pushed and pushed == page.seen[7]  # the message with the rows
    assert listeners["list"].served and listeners["bar"].served
    # Step 2's ranked list is a live list while voting is closed (as in the demo): it takes the topic, its new
    # rows come in the change's own message, and nothing runs: the client asked for nothing either.
    assert len(carried) == 1 and carried[0]["t"] == ["pain"]
    assert pain_sent == []
    assert pain_runs == []
    # A customer's new name is the room bar's: its fragment runs, sees the page's marker moved, reruns the page.
    assert rename_sent == []
    assert rename_runs == [ForwardMsg.FINISHED_EARLY_FOR_RERUN, ForwardMsg.FINISHED_SUCCESSFULLY]
    assert error is None
