"""`/_cvm/changes?w=ID`: a WebSocket per open page that carries the workshop's change topics from memory
(db/changes.py) as they happen, to a browser whose session cookie belongs to that workshop. While it is
open the person counts as present (a heartbeat every HEARTBEAT_SECONDS, no page rerun needed); it ends
when the session does (left, revoked).

A page's live lists (ui/live_list.py) name themselves on the stream (`{"view": {"key", "spec"}}`, and
`{"unview": key}` when they go): the stream answers with their rows at once and, with each change of what
they follow, sends their new rows in the change's own message (`{"t": [...], "rows": {key: {"v", "rows",
"spec"}}}`), made for this person by web/lists.py while the session is valid. A list then follows the
room without any Streamlit run."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.routing import WebSocketRoute
from starlette.websockets import WebSocket, WebSocketDisconnect

from cvm_core import settings as s
from cvm_core.errors import DomainError
from db import changes, live
from db.engine import shared_engine
from db.services import Actor
from web import lists
from web.session import COOKIE, same_origin

PATH = "/_cvm/changes"
COALESCE_S = 0.05  # topics arriving this close together travel as one message
VIEWS = 16  # live lists one stream follows at most (a page shows a few)


async def _actor(token: str | None, workshop_id: int) -> Actor | None:
    """The token's person, if the token is still valid and belongs to `workshop_id`."""
    if not token:
        return None
    actor = await run_in_threadpool(live.resume, shared_engine(), token=token)
    return actor if actor is not None and actor.workshop_id == workshop_id else None


async def stream(websocket: WebSocket) -> None:
    try:
        workshop_id = int(websocket.query_params.get("w", ""))
    except ValueError:
        workshop_id = 0
    token = websocket.cookies.get(COOKIE)
    actor = await _actor(token, workshop_id) if same_origin(websocket) else None
    if actor is None:
        await websocket.close(code=1008)  # before accepting: the browser sees a refused handshake
        return
    engine = shared_engine()
    changes.listen(engine)
    loop, queue = asyncio.get_running_loop(), asyncio.Queue()
    unsubscribe = changes.HUB.subscribe(actor.workshop_id, lambda t: loop.call_soon_threadsafe(queue.put_nowait, t))
    await websocket.accept()
    views: dict[str, dict[str, Any]] = {}
    sender = _send(websocket, queue, actor, token, views)
    jobs = (sender, _present(actor, token, workshop_id), _heard(websocket, queue, views))
    tasks = [asyncio.create_task(job) for job in jobs]
    try:
        await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    finally:
        unsubscribe()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


async def _send(
    websocket: WebSocket, queue: asyncio.Queue, actor: Actor, token: str, views: dict[str, dict[str, Any]]
) -> None:
    """The one sender: a change's topics (a frozenset in the queue) with the new rows of the lists that follow
    them, and the rows of a list that just named itself (its key in the queue). Rows go only while the
    session is valid, asked each time (the stream ends when it is not)."""
    await websocket.send_text(json.dumps({"hello": changes.SERVER}))
    while True:
        first = await queue.get()
        await asyncio.sleep(COALESCE_S)
        found = [first]
        while not queue.empty():
            found.append(queue.get_nowait())
        topics = set().union(*(x for x in found if isinstance(x, frozenset)))
        named = {x for x in found if isinstance(x, str)}
        due = {k: spec for k, spec in views.items() if k in named or lists.follows(spec, topics)}
        message: dict[str, Any] = {"t": sorted(topics)} if topics else {}
        if due:
            rows = await run_in_threadpool(_rows, actor, token, due)
            if rows is None:  # the session ended (left, revoked): so does the stream
                return
            message["rows"] = rows
        if message:
            await websocket.send_text(json.dumps(message))


def _rows(actor: Actor, token: str, due: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]] | None:
    """The rows of the lists `due`, as `actor` may see them now (none for one the server cannot make); None
    once `token` no longer stands for `actor`."""
    engine = shared_engine()
    if live.resume(engine, token=token) != actor:
        return None
    out = {}
    for key, spec in due.items():
        try:
            made = lists.rows(engine, actor, spec)
        except DomainError:  # the person or the workshop went meanwhile: the stream ends with its session
            made = None
        if made is not None:  # with the spec it answers: the page may have named another since
            out[key] = {"v": made.version, "rows": made.rows, "spec": spec}
    return out


async def _present(actor: Actor | None, token: str, workshop_id: int) -> None:
    """Keep the person present; end the stream once their session is no longer valid (left, revoked)."""
    while actor is not None:
        await run_in_threadpool(live.heartbeat, shared_engine(), actor=actor)
        await asyncio.sleep(s.HEARTBEAT_SECONDS)
        actor = await _actor(token, workshop_id)


async def _heard(websocket: WebSocket, queue: asyncio.Queue, views: dict[str, dict[str, Any]]) -> None:
    """What the page says: the live lists it shows (anything else is ignored). Ends when the page goes."""
    try:
        while True:
            said = _parsed(await websocket.receive_text())
            view, gone = said.get("view"), said.get("unview")
            if isinstance(view, dict) and isinstance(view.get("key"), str) and isinstance(view.get("spec"), dict):
                if view["key"] in views or len(views) < VIEWS:
                    views[view["key"]] = view["spec"]
                    queue.put_nowait(view["key"])
            elif isinstance(gone, str):
                views.pop(gone, None)
    except (WebSocketDisconnect, RuntimeError):
        return


def _parsed(text: str) -> dict[str, Any]:
    try:
        found = json.loads(text)
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


routes = [WebSocketRoute(PATH, stream)]
