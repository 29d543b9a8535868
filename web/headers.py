"""Security headers on every HTTP response of the app (pages, health check, static files, routes).

No other site may frame the app. Custom components of the v1 kind (the graphs) are pages of the app
itself shown in an iframe of our own page, so their files (under /component/) may be framed by the
same origin, and only by it.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

COMMON: tuple[tuple[str, str], ...] = (
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "same-origin"),
)
SECURITY_HEADERS: tuple[tuple[str, str], ...] = (
    ("X-Frame-Options", "DENY"),
    ("Content-Security-Policy", "frame-ancestors 'none'"),
    *COMMON,
)
COMPONENT_HEADERS: tuple[tuple[str, str], ...] = (
    ("X-Frame-Options", "SAMEORIGIN"),
    ("Content-Security-Policy", "frame-ancestors 'self'"),
    *COMMON,
)
COMPONENT_PREFIX = "/component/"


def _raw(headers: tuple[tuple[str, str], ...]) -> list[tuple[bytes, bytes]]:
    return [(name.lower().encode(), value.encode()) for name, value in headers]


_PAGE, _COMPONENT = _raw(SECURITY_HEADERS), _raw(COMPONENT_HEADERS)
_NAMES = {name for name, _ in _PAGE}


class SecurityHeaders:
    """Pure ASGI middleware (streams pass through untouched): replaces any copy of our headers that an
    inner app set, so each appears exactly once."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        ours = _COMPONENT if scope.get("path", "").startswith(COMPONENT_PREFIX) else _PAGE

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in _NAMES]
                message = {**message, "headers": kept + ours}
            await send(message)

        await self.app(scope, receive, send_with_headers)
