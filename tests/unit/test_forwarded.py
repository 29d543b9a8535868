"""Whether a request came over https: directly, or via a trusted proxy's X-Forwarded-Proto only."""

from web.forwarded import is_https, is_trusted, trusted_proxies

LOOPBACK = trusted_proxies("127.0.0.1,::1")


def test_tls_itself_is_https_whoever_the_peer() -> None:
    assert is_https("https", "203.0.113.9", {}, LOOPBACK)
    assert is_https("wss", None, {}, LOOPBACK)


def test_a_trusted_proxy_may_say_https() -> None:
    assert is_https("http", "127.0.0.1", {"x-forwarded-proto": "https"}, LOOPBACK)
    assert is_https("http", "::1", {"x-forwarded-proto": "HTTPS"}, LOOPBACK)


def test_an_untrusted_peer_saying_https_is_ignored() -> None:
    assert not is_https("http", "203.0.113.9", {"x-forwarded-proto": "https"}, LOOPBACK)
    assert not is_https("http", None, {"x-forwarded-proto": "https"}, LOOPBACK)
    assert not is_https("http", "127.0.0.1", {"x-forwarded-proto": "https"}, trusted_proxies(""))


def test_the_last_forwarded_value_is_our_proxys() -> None:
    assert not is_https("http", "127.0.0.1", {"x-forwarded-proto": "https, http"}, LOOPBACK)
    assert is_https("http", "127.0.0.1", {"x-forwarded-proto": "http, https"}, LOOPBACK)
    assert not is_https("http", "127.0.0.1", {}, LOOPBACK)


def test_trusted_proxies_take_ranges_and_ignore_garbage() -> None:
    trusted = trusted_proxies("10.0.0.0/8, not-an-address, 192.168.1.5")
    assert len(trusted) == 2
    assert is_trusted("10.2.3.4", trusted) and is_trusted("192.168.1.5", trusted)
    assert not is_trusted("192.168.1.6", trusted) and not is_trusted("garbage", trusted)


def test_trusted_proxies_default_to_the_loopback(monkeypatch) -> None:
    monkeypatch.delenv("TRUSTED_PROXIES", raising=False)
    assert is_trusted("127.0.0.1", trusted_proxies()) and not is_trusted("10.0.0.1", trusted_proxies())
    monkeypatch.setenv("TRUSTED_PROXIES", "10.0.0.1")
    assert is_trusted("10.0.0.1", trusted_proxies()) and not is_trusted("127.0.0.1", trusted_proxies())
