"""The change stream at the server: only for a browser whose session cookie belongs to the workshop asked
for, from our own pages; it says hello, then carries each committed change's topics, and keeps the
person present while it is open."""

from __future__ import annotations

import json

import pytest
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.sync.client import connect

from cvm_core import settings as s
from db import live, services, workshops
from db.engine import make_engine


@pytest.fixture
def room(server):  # noqa: ANN201
    engine = make_engine(server.database_url)
    info, fay = workshops.create_workshop(
        engine, data={"name": "Stream"}, passcode="passcode-1", facilitator_name="Fay"
    )
    other, oz = workshops.create_workshop(engine, data={"name": "Other"}, passcode="passcode-1", facilitator_name="Oz")
    pat = workshops.join(engine, code=info["join_code"], display_name="Pat", throttle_keys=["stream"])
    yield engine, info, fay, pat, live.issue_token(engine, actor=pat), live.issue_token(engine, actor=oz)
    engine.dispose()


def stream(server, workshop_id: int, token: str | None, origin: str | None = None):  # noqa: ANN001, ANN201
    url = server.url.replace("http://", "ws://") + f"/_cvm/changes?w={workshop_id}"
    headers = {"Cookie": f"cvm_session={token}"} if token else {}
    return connect(url, additional_headers=headers, origin=origin or server.url, open_timeout=10)


def next_note(socket) -> dict:  # noqa: ANN001
    """The next note past those of the fixture's own writes (which name participants, heard maybe late)."""
    while True:
        note = json.loads(socket.recv(timeout=10))
        if "participant" not in note.get("t", []):
            return note


def refused(server, *args) -> int:  # noqa: ANN001
    with pytest.raises(InvalidStatus) as caught:
        stream(server, *args).close()
    return caught.value.response.status_code


def test_only_a_cookie_of_that_workshop_from_our_own_page_opens_it(server, room) -> None:
    _, info, _, _, pats, ozs = room
    assert refused(server, info["id"], None) == 403
    assert refused(server, info["id"], "made-up-token") == 403
    assert refused(server, info["id"], ozs) == 403  # a person of another workshop
    assert refused(server, info["id"], pats, "https://evil.example") == 403


def test_it_carries_each_committed_change_and_keeps_the_person_present(server, room) -> None:
    engine, info, fay, pat, pats, _ = room
    with stream(server, info["id"], pats) as socket:
        assert "hello" in json.loads(socket.recv(timeout=10))
        services.create(engine, actor=fay, entity_name="customer", data={"name": "Corner shops"})
        assert next_note(socket) == {"t": ["customer"]}
        live.start_timer(engine, actor=fay, minutes=5)
        assert next_note(socket) == {"t": ["room"]}
        person = next(p for p in live.online_people(engine, workshop_id=info["id"]) if p["id"] == pat.participant_id)
        assert person["online"]


def test_it_ends_when_the_session_does(server, room) -> None:
    engine, info, _, _, pats, _ = room
    with stream(server, info["id"], pats) as socket:
        assert "hello" in json.loads(socket.recv(timeout=10))
        live.revoke(engine, token=pats)
        with pytest.raises(ConnectionClosed):  # checked again at the next heartbeat
            while True:
                socket.recv(timeout=s.HEARTBEAT_SECONDS + 10)  # (notes of the fixture's writes may come first)


def rows_note(socket) -> dict:  # noqa: ANN001
    """The next note that carries a live list's rows."""
    while True:
        note = json.loads(socket.recv(timeout=10))
        if "rows" in note:
            return note


def note_naming(socket, topic: str) -> dict:  # noqa: ANN001
    """The next note that names `topic` (topics heard together travel together: the fixture's own writes,
    heard maybe late, may ride along)."""
    while True:
        note = json.loads(socket.recv(timeout=10))
        if topic in note.get("t", []):
            return note


def test_a_named_list_gets_its_rows_at_once_and_with_each_change_it_shows(server, room) -> None:
    engine, info, fay, pat, pats, _ = room
    customer = services.create(engine, actor=fay, entity_name="customer", data={"name": "Corner shops"})["id"]
    spec = {"kind": "ranking", "customer": customer}
    with stream(server, info["id"], pats) as socket:
        assert "hello" in json.loads(socket.recv(timeout=10))
        socket.send("not json")
        socket.send(json.dumps({"view": {"key": "junk", "spec": "not a spec"}}))
        socket.send(json.dumps({"view": {"key": "k", "spec": spec}}))
        first = rows_note(socket)
        assert first["rows"] == {"k": {"v": first["rows"]["k"]["v"], "rows": [], "spec": spec}}
        services.create(engine, actor=fay, entity_name="pain", data={"customer_id": customer, "text": "Late"})
        note = note_naming(socket, "pain")  # the change, and the list's new rows in the same message
        assert [r["text"] for r in note["rows"]["k"]["rows"]] == ["Late"]
        assert note["rows"]["k"]["v"] > first["rows"]["k"]["v"]
        services.create(engine, actor=fay, entity_name="customer", data={"name": "Hotels"})
        assert "rows" not in note_naming(socket, "customer")  # what the list does not show carries no rows
        socket.send(json.dumps({"unview": "k"}))
        services.create(engine, actor=fay, entity_name="pain", data={"customer_id": customer, "text": "Rude"})
        assert "rows" not in note_naming(socket, "pain")  # a list the page no longer shows gets nothing


def test_no_rows_go_once_the_session_ended(server, room) -> None:
    engine, info, fay, pat, pats, _ = room
    customer = services.create(engine, actor=fay, entity_name="customer", data={"name": "Corner shops"})["id"]
    with stream(server, info["id"], pats) as socket:
        assert "hello" in json.loads(socket.recv(timeout=10))
        socket.send(json.dumps({"view": {"key": "k", "spec": {"kind": "ranking", "customer": customer}}}))
        rows_note(socket)
        live.revoke(engine, token=pats)
        services.create(engine, actor=fay, entity_name="pain", data={"customer_id": customer, "text": "Secret"})
        with pytest.raises(ConnectionClosed):  # at once, not at the next heartbeat: no rows went
            while True:
                assert "Secret" not in socket.recv(timeout=5)
