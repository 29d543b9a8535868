"""`POST /_cvm/session`: a page trades a one-time ticket (db/cookies.py) for its session cookie, which the
server sets HttpOnly, SameSite=Strict, and Secure whenever the request came over https."""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.requests import HTTPConnection, Request
from starlette.responses import Response
from starlette.routing import Route

from cvm_core import settings as s
from db import cookies
from db.engine import shared_engine
from web import forwarded

COOKIE = "cvm_session"
PATH = "/_cvm/session"
_BODY_MAX = 200


def same_origin(request: HTTPConnection) -> bool:
    """The request comes from one of our own pages (a cross-site page must not plant a cookie)."""
    site = request.headers.get("sec-fetch-site")
    if site is not None and site != "same-origin":
        return False
    origin = request.headers.get("origin")
    if origin is None:
        return True
    host = request.headers.get("host", "")  # a proxy may pass the host name without the port ($host)
    return urlsplit(origin).hostname == urlsplit(f"//{host}").hostname


def secure(request: Request) -> bool:
    peer = request.client.host if request.client else None
    return forwarded.is_https(request.url.scheme, peer, request.headers, forwarded.trusted_proxies())


def cookie_response(token: str | None, *, https: bool) -> Response:
    """204 with the cookie set to `token` (cleared when None)."""
    response = Response(status_code=204, headers={"Cache-Control": "no-store"})
    response.set_cookie(
        COOKIE,
        token or "",
        max_age=s.SESSION_TOKEN_DAYS * 86400 if token else 0,
        path="/",
        secure=https,
        httponly=True,
        samesite="strict",
    )
    return response


async def exchange(request: Request) -> Response:
    if not same_origin(request):
        return Response(status_code=403)
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > _BODY_MAX:
            return Response(status_code=413)
    nonce = body.decode("ascii", errors="replace").strip()
    ticket = await run_in_threadpool(cookies.redeem, shared_engine(), nonce=nonce)
    if ticket is None:
        return Response(status_code=404)
    return cookie_response(ticket.token, https=secure(request))


routes = [Route(PATH, exchange, methods=["POST"])]
