"""The session cookie is set by the server: HttpOnly, SameSite=Strict, Secure over https (directly or via
a trusted proxy); a reload resumes the person, "Leave" clears it; the exchange refuses reuse and other
sites. Security headers are on the page and the health check."""

from __future__ import annotations

import time
import urllib.error
import urllib.request

import pytest

from db import cookies
from db.engine import make_engine
from tests.e2e.conftest import create_workshop, served, wait_idle
from web.headers import COMPONENT_HEADERS, SECURITY_HEADERS


def session_cookie(page) -> dict | None:  # noqa: ANN001
    return next((c for c in page.context.cookies() if c["name"] == "cvm_session"), None)


def wait_cookie(page, present: bool) -> dict | None:  # noqa: ANN001
    """The session cookie once it is there (or gone): the page sets it with a request of its own."""
    deadline = time.monotonic() + 20
    while (session_cookie(page) is not None) != present:
        assert time.monotonic() < deadline, f"the session cookie did not {'appear' if present else 'go'}"
        page.wait_for_timeout(100)
    return session_cookie(page)


def test_the_cookie_is_httponly_and_strict_and_a_reload_resumes(server, new_page) -> None:
    page = new_page()
    create_workshop(page, server.url, name="Cookie check")
    cookie = wait_cookie(page, present=True)
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and not cookie["secure"]  # plain http here
    assert "cvm_session" not in page.evaluate("document.cookie")  # no script on the page can read it

    page.reload()
    page.get_by_test_id("stSidebar").get_by_text("Fay · Facilitator").wait_for()  # resumed by the cookie

    page.get_by_test_id("stSidebar").get_by_role("button", name="Leave this workshop").click()
    wait_idle(page)
    wait_cookie(page, present=False)
    page.reload()
    page.get_by_test_id("stSidebar").get_by_text("No workshop open").wait_for()


def post(url: str, body: str, headers: dict[str, str] | None = None) -> tuple[int, list[str]]:
    request = urllib.request.Request(url, data=body.encode(), method="POST", headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as reply:
            return reply.status, reply.headers.get_all("Set-Cookie") or []
    except urllib.error.HTTPError as error:
        return error.code, []


def test_the_exchange_marks_secure_behind_an_https_proxy_once_and_same_site_only(server) -> None:
    engine = make_engine(server.database_url)
    route = f"{server.url}/_cvm/session"

    status, set_cookie = post(route, cookies.issue(engine, token="tok-https"), {"X-Forwarded-Proto": "https"})
    assert status == 204 and len(set_cookie) == 1
    parts = [p.strip().lower() for p in set_cookie[0].split(";")]
    assert parts[0] == "cvm_session=tok-https"
    assert {"httponly", "secure", "samesite=strict", "path=/"} <= set(parts)

    nonce = cookies.issue(engine, token="tok-http")
    status, set_cookie = post(route, nonce)
    assert status == 204 and "secure" not in set_cookie[0].lower()
    assert post(route, nonce) == (404, [])  # a ticket works once

    other_site = cookies.issue(engine, token="tok-evil")
    assert post(route, other_site, {"Origin": "https://evil.example"}) == (403, [])
    assert post(route, other_site, {"Sec-Fetch-Site": "cross-site"}) == (403, [])

    status, set_cookie = post(route, cookies.issue(engine, token=None))
    assert status == 204 and "max-age=0" in set_cookie[0].lower()  # "Leave" clears it
    engine.dispose()


@pytest.fixture
def untrusting_server(tmp_path):  # noqa: ANN201
    """A server whose trusted proxy is elsewhere: a forwarded https from the loopback is not believed."""
    elsewhere = {"TRUSTED_PROXIES": "10.9.9.9", "FORWARDED_ALLOW_IPS": "10.9.9.9"}
    with served(tmp_path, name="other.db", env=elsewhere) as (running, _):
        yield running


def test_an_untrusted_peer_cannot_claim_https(untrusting_server) -> None:
    engine = make_engine(untrusting_server.database_url)
    nonce = cookies.issue(engine, token="tok-claimed")
    status, set_cookie = post(f"{untrusting_server.url}/_cvm/session", nonce, {"X-Forwarded-Proto": "https"})
    assert status == 204 and "secure" not in set_cookie[0].lower()
    engine.dispose()


def test_security_headers_on_the_page_the_health_check_and_static_files(server) -> None:
    with urllib.request.urlopen(f"{server.url}/", timeout=10) as reply:
        page = reply.read().decode()
        headers = [reply.headers]
    script = page.split('src="', 1)[1].split('"', 1)[0]  # one of the page's own static bundles
    for path in ("/_stcore/health", "/" + script.lstrip("./")):
        with urllib.request.urlopen(f"{server.url}{path}", timeout=10) as reply:
            assert reply.status == 200
            headers.append(reply.headers)
    for found in headers:
        for name, value in SECURITY_HEADERS:
            assert found.get_all(name) == [value], name


def test_a_components_files_may_be_framed_by_the_app_alone(server) -> None:
    try:  # the graph component is known once a page has drawn a graph: headers are the same either way
        reply = urllib.request.urlopen(f"{server.url}/component/streamlit_agraph.agraph/index.html", timeout=10)
    except urllib.error.HTTPError as error:
        reply = error
    with reply:
        for name, value in COMPONENT_HEADERS:
            assert reply.headers.get_all(name) == [value], name
