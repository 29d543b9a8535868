"""The security-header middleware: every HTTP response carries each header exactly once."""

import asyncio

from web.headers import COMPONENT_HEADERS, SECURITY_HEADERS, SecurityHeaders


def respond(inner_headers: list[tuple[bytes, bytes]], scope_type: str = "http", path: str = "/") -> list[dict]:
    """The messages the middleware sends for an inner app answering with `inner_headers`."""
    sent: list[dict] = []

    async def inner(scope, receive, send) -> None:  # noqa: ANN001
        await send({"type": "http.response.start", "status": 200, "headers": inner_headers})
        await send({"type": "http.response.body", "body": b"ok"})

    async def receive() -> dict:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        sent.append(message)

    asyncio.run(SecurityHeaders(inner)({"type": scope_type, "path": path, "headers": []}, receive, send))
    return sent


def test_every_response_carries_each_header_once() -> None:
    start = respond([(b"content-type", b"text/plain"), (b"x-frame-options", b"SAMEORIGIN")])[0]
    headers = [(k.decode(), v.decode()) for k, v in start["headers"]]
    for name, value in SECURITY_HEADERS:
        assert [v for k, v in headers if k == name.lower()] == [value]
    assert ("content-type", "text/plain") in headers


def test_only_the_apps_own_page_may_frame_a_components_files() -> None:
    start = respond([], path="/component/streamlit_agraph.agraph/index.html")[0]
    assert sorted((k.decode(), v.decode()) for k, v in start["headers"]) == sorted(
        (name.lower(), value) for name, value in COMPONENT_HEADERS
    )
    assert dict(COMPONENT_HEADERS)["X-Frame-Options"] == "SAMEORIGIN"
    assert dict(COMPONENT_HEADERS)["Content-Security-Policy"] == "frame-ancestors 'self'"


def test_bodies_and_other_scopes_pass_untouched() -> None:
    sent = respond([])
    assert sent[1] == {"type": "http.response.body", "body": b"ok"}
    untouched = respond([(b"x-test", b"1")], scope_type="websocket")
    assert untouched[0]["headers"] == [(b"x-test", b"1")]


def test_the_set_asks_browsers_not_to_frame_sniff_or_leak_referrers() -> None:
    names = dict(SECURITY_HEADERS)
    assert names["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in names["Content-Security-Policy"]
    assert names["X-Content-Type-Options"] == "nosniff"
    assert names["Referrer-Policy"] == "same-origin"
