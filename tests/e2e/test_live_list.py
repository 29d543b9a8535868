"""A live list in the browser (ui/live_list.py): step 2's ranked list follows the room on the change stream
alone. Someone's pain reaches an idle page with no Streamlit message either way, ranked where it belongs,
and a hidden pain of someone else never travels to the page at all, until the facilitator reveals it."""

from __future__ import annotations

import time

from db import pains, read, services
from tests.e2e.conftest import join_workshop, nav, wait_idle
from tests.e2e.test_push import PUSHED, room_with_a_customer
from tests.helpers import by_code, join, settings


def streamlit_frames(page) -> list[str]:  # noqa: ANN001
    """A list that grows with each frame Streamlit's own WebSocket sends or receives."""
    seen: list[str] = []

    def socket(ws) -> None:  # noqa: ANN001
        if "_stcore" in ws.url:
            ws.on("framesent", lambda _: seen.append("sent"))
            ws.on("framereceived", lambda _: seen.append("received"))

    page.on("websocket", socket)
    return seen


def stream_frames(page) -> list[str]:  # noqa: ANN001
    """A list that grows with each frame the change stream brings the page (as text)."""
    seen: list[str] = []

    def socket(ws) -> None:  # noqa: ANN001
        if "/_cvm/changes" in ws.url:
            ws.on("framereceived", lambda frame: seen.append(str(frame)))

    page.on("websocket", socket)
    return seen


def ranked(page) -> list[str]:  # noqa: ANN001
    """The ranked list's pains, top first."""
    return page.locator(".cvm-list tbody tr td:nth-child(2)").all_inner_texts()


def open_ranking(server, new_page, name: str):  # noqa: ANN001, ANN201
    """A room with a customer, and Pat on step 2's ranked list: the engine, the facilitator, the customer's
    id, Pat's page, and what Streamlit's socket and the change stream carried for it."""
    code, engine, fay = room_with_a_customer(server, new_page(), name)
    customer = read.rows(engine, workshop_id=fay.workshop_id, entity_name="customer")[0]["id"]
    pat = new_page()
    frames, stream = streamlit_frames(pat), stream_frames(pat)
    join_workshop(pat, server.url, code, "Pat", "Sales")
    nav(pat, "2. Pains")
    pat.locator(".cvm-list").get_by_text("No pains for this customer yet").wait_for()
    wait_idle(pat)
    return code, engine, fay, customer, pat, frames, stream


def settled(page, frames: list[str]) -> int:  # noqa: ANN001
    """Wait until Streamlit's socket carried nothing for 3 s: how many frames it had carried by then."""
    count = -1
    while count != len(frames):
        count = len(frames)
        page.wait_for_timeout(3000)
    return count


def pain(engine, actor, customer: int, text: str, weight: int = 1) -> None:  # noqa: ANN001
    data = {"customer_id": customer, "text": text, "severity": weight, "frequency": weight}
    services.create(engine, actor=actor, entity_name="pain", data=data)


def test_a_pain_reaches_the_ranked_list_without_any_run(server, new_page) -> None:
    code, engine, fay, customer, pat, frames, stream = open_ranking(server, new_page, "Live list")
    before = settled(pat, frames)
    pain(engine, fay, customer, "Late deliveries")
    pat.locator(".cvm-list").get_by_text("Late deliveries").wait_for(timeout=PUSHED)
    pain(engine, fay, customer, "Wrong invoices, every month, for every shop of the chain", weight=4)
    pat.locator(".cvm-list").get_by_text("Wrong invoices").wait_for(timeout=PUSHED)
    assert ranked(pat) == ["Wrong invoices, every month, for every shop of the chain", "Late deliveries"]
    assert settled(pat, frames) == before, "Streamlit's socket carried a run for a change the list shows"
    engine.dispose()


def test_a_hidden_pain_never_travels_to_another_page(server, new_page) -> None:
    code, engine, fay, customer, pat, frames, stream = open_ranking(server, new_page, "Hidden pains")
    info, _ = by_code(engine, code)
    settings(engine, fay, brainstorm_private=True)
    kim = join(engine, info, "Kim")
    heard = len(stream)
    pain(engine, kim, customer, "Kim's secret")
    due = time.monotonic() + PUSHED / 1000
    while not any('"rows"' in frame for frame in stream[heard:]):  # the list's rows after Kim's pain came
        assert time.monotonic() < due, "no rows came after Kim's pain"
        pat.wait_for_timeout(100)
    assert not any("Kim's secret" in frame for frame in stream)
    assert ranked(pat) == []
    pains.reveal(engine, actor=fay)
    pat.locator(".cvm-list").get_by_text("Kim's secret").wait_for(timeout=PUSHED)
    engine.dispose()
