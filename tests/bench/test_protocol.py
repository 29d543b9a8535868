"""The arrivals benchmark's protocol client is honest: alone against a real server it joins by the link, lands
on step 1, and the person it typed exists in the database afterwards."""

from __future__ import annotations

import pytest

from bench.protocol import Client, Refused, submit
from db import workshops
from db.engine import make_engine
from db.migrate import upgrade
from tests.e2e.server import start_server, stop_server
from tests.helpers import by_code
from ui import registry

pytestmark = pytest.mark.e2e


def test_a_protocol_client_joins_by_link_and_lands_on_step_1(tmp_path) -> None:  # noqa: ANN001
    url = f"sqlite:///{tmp_path / 'protocol.db'}"
    upgrade(url)
    engine = make_engine(url)
    info, _ = workshops.create_workshop(
        engine, data={"name": "Protocol", "language": "en"}, passcode="pass-1234", facilitator_name="Fay"
    )
    server = start_server(url, log=tmp_path / "server.log")
    try:
        client = Client(server.url, f"join={info['join_code']}")
        form = client.open()
        landing = form.pages[registry.step_page(1).key]
        with pytest.raises(Refused):
            submit(form, "Join", {"Your shoe size": "42"})
        step = client.rerun(submit(form, "Join", {"Your name": "Proto Pat"}), landing)
        client.close()
    finally:
        stop_server(server)
    assert client.served_bytes > 1_000_000  # the page and the static files it names
    assert step.page_script_hash == landing != form.page_script_hash
    assert client.query == ""  # landing clears the join link's query string, as the browser's address bar shows
    assert any(e.heading.body.startswith("Step 1") for e in step.elements if e.WhichOneof("type") == "heading")
    workshop, _ = by_code(engine, info["join_code"])
    people = workshops.participants(engine, workshop_id=workshop["id"])
    assert [(p["display_name"], p["role"]) for p in people if p["display_name"] == "Proto Pat"] == [
        ("Proto Pat", "participant")
    ]
