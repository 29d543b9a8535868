"""Through the shipped nginx config, wrong join codes count against the client's address that nginx
forwards, not against a browser session (a reload is no new source) nor against nginx itself."""

from cvm_core import settings as s
from tests.e2e.conftest import create_workshop, go, wait_idle
from tests.e2e.test_nginx import proxied  # noqa: F401  (the fixture: nginx in front of two servers)


def _join(browser, base: str, code: str, name: str, claimed: str) -> str:  # noqa: ANN001
    """One join attempt from a new browser session whose traffic reaches nginx as from `claimed`
    (nginx appends the real peer, loopback, which the app trusts; the address before it is the client)."""
    context = browser.new_context(locale="en-US", extra_http_headers={"X-Forwarded-For": claimed})
    context.set_default_timeout(20_000)
    try:
        page = context.new_page()
        go(page, base)
        form = page.get_by_test_id("stForm").filter(has_text="Join code").first
        form.get_by_role("textbox", name="Join code").fill(code)
        form.get_by_role("textbox", name="Your name").fill(name)
        form.get_by_role("button", name="Join", exact=True).click()
        page.locator('[data-testid="stAlert"]:visible, [data-testid="stToast"]:visible').first.wait_for()
        wait_idle(page)
        return page.locator("body").inner_text()
    finally:
        context.close()


def test_wrong_join_codes_are_throttled_per_forwarded_address(proxied, browser, new_page) -> None:  # noqa: F811
    base, _ = proxied
    code = create_workshop(new_page(), base, name="Throttled room")
    for n in range(s.THROTTLE_FREE_ATTEMPTS):
        assert "No open workshop has this code" in _join(browser, base, "ZZZZZZ", f"Eve {n}", "203.0.113.9")
    assert "Too many wrong attempts" in _join(browser, base, code, "Eve", "203.0.113.9")
    assert "Welcome, Ann" in _join(browser, base, code, "Ann", "198.51.100.4")
