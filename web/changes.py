"""`/_cvm/changes?w=ID`: a WebSocket per open page that carries the workshop's change topics from memory
(db/changes.py) as they happen, to a browser whose session cookie belongs to that workshop. While it is
open the person counts as present (a heartbeat every HEARTBEAT_SECONDS, no page rerun needed)."""

from __future__ import annotations

import asyncio
import json

from starlette.concurrency import run_in_threadpool
from starlette.routing import WebSocketRoute
from starlette.websockets import WebSocket, WebSocketDisconnect

from cvm_core import settings as s
from db import changes, live
from db.engine import shared_engine
from db.services import Actor
from web.session import COOKIE, same_origin

PATH = "/_cvm/changes"
COALESCE_S = 0.05  # topics arriving this close together travel as one message


async def _actor(websocket: WebSocket) -> Actor | None:
    """The cookie's person, if they belong to the workshop asked for and the request is our own page's."""
    try:
        workshop_id = int(websocket.query_params.get("w", ""))
    except ValueError:
        return None
    token = websocket.cookies.get(COOKIE)
    if not token or not same_origin(websocket):
        return None
    actor = await run_in_threadpool(live.resume, shared_engine(), token=token)
    return actor if actor is not None and actor.workshop_id == workshop_id else None


async def stream(websocket: WebSocket) -> None:
    actor = await _actor(websocket)
    if actor is None:
        await websocket.close(code=1008)  # before accepting: the browser sees a refused handshake
        return
    engine = shared_engine()
    changes.listen(engine)
    loop, queue = asyncio.get_running_loop(), asyncio.Queue()
    unsubscribe = changes.HUB.subscribe(actor.workshop_id, lambda t: loop.call_soon_threadsafe(queue.put_nowait, t))
    await websocket.accept()
    tasks = [asyncio.create_task(coro) for coro in (_send(websocket, queue), _present(actor), _closed(websocket))]
    try:
        await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    finally:
        unsubscribe()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


async def _send(websocket: WebSocket, queue: asyncio.Queue) -> None:
    await websocket.send_text(json.dumps({"hello": changes.SERVER}))
    while True:
        topics = set(await queue.get())
        await asyncio.sleep(COALESCE_S)
        while not queue.empty():
            topics |= queue.get_nowait()
        await websocket.send_text(json.dumps({"t": sorted(topics)}))


async def _present(actor: Actor) -> None:
    while True:
        await run_in_threadpool(live.heartbeat, shared_engine(), actor=actor)
        await asyncio.sleep(s.HEARTBEAT_SECONDS)


async def _closed(websocket: WebSocket) -> None:
    try:
        while True:
            await websocket.receive_text()
    except (WebSocketDisconnect, RuntimeError):
        return


routes = [WebSocketRoute(PATH, stream)]
