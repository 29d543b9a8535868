"""`/_cvm/changes?w=ID`: a WebSocket per open page that carries the workshop's change topics from memory
(db/changes.py) as they happen, to a browser whose session cookie belongs to that workshop. While it is
open the person counts as present (a heartbeat every HEARTBEAT_SECONDS, no page rerun needed); it ends
when the session does (left, revoked)."""

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
    jobs = (_send(websocket, queue), _present(actor, token, workshop_id), _closed(websocket))
    tasks = [asyncio.create_task(job) for job in jobs]
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


async def _present(actor: Actor | None, token: str, workshop_id: int) -> None:
    """Keep the person present; end the stream once their session is no longer valid (left, revoked)."""
    while actor is not None:
        await run_in_threadpool(live.heartbeat, shared_engine(), actor=actor)
        await asyncio.sleep(s.HEARTBEAT_SECONDS)
        actor = await _actor(token, workshop_id)


async def _closed(websocket: WebSocket) -> None:
    try:
        while True:
            await websocket.receive_text()
    except (WebSocketDisconnect, RuntimeError):
        return


routes = [WebSocketRoute(PATH, stream)]
