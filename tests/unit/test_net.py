"""The client address behind trusted proxies, and the throttle key of an address."""

import pytest

from cvm_core.net import DEFAULT_TRUSTED_PROXIES, client_address, parse_networks, source_key, trusted_proxies

LOOPBACK = parse_networks(DEFAULT_TRUSTED_PROXIES)
EDGE = parse_networks("127.0.0.1, 10.0.0.0/8, ::1")


def test_a_peer_that_is_no_proxy_is_the_client_whatever_it_claims() -> None:
    assert client_address("198.51.100.7", ["203.0.113.9"], "203.0.113.9", LOOPBACK) == "198.51.100.7"
    assert client_address("198.51.100.7", [], None, ()) == "198.51.100.7"


def test_streamlit_reports_loopback_as_none() -> None:
    assert client_address(None, [], None, LOOPBACK) == "127.0.0.1"
    assert client_address(None, ["203.0.113.9"], None, LOOPBACK) == "203.0.113.9"
    assert client_address(None, ["203.0.113.9"], None, ()) == "127.0.0.1"  # nobody trusted


def test_x_forwarded_for_is_read_from_the_right_past_trusted_hops_only() -> None:
    # a client wrote a fake address itself; nginx appended the real one; an inner proxy appended its own
    header = ["6.6.6.6, 203.0.113.9, 10.1.2.3"]
    assert client_address("127.0.0.1", header, None, EDGE) == "203.0.113.9"
    assert client_address("127.0.0.1", ["6.6.6.6", "203.0.113.9"], None, EDGE) == "203.0.113.9"  # repeated header
    assert client_address("127.0.0.1", ["10.0.0.5, 10.0.0.6"], None, EDGE) == "10.0.0.5"  # all trusted


def test_x_real_ip_counts_only_without_x_forwarded_for() -> None:
    assert client_address("127.0.0.1", [], "203.0.113.9", LOOPBACK) == "203.0.113.9"
    assert client_address("127.0.0.1", ["198.51.100.1"], "203.0.113.9", LOOPBACK) == "198.51.100.1"
    assert client_address("127.0.0.1", [], "not an address", LOOPBACK) == "127.0.0.1"


@pytest.mark.parametrize(
    ("hop", "client"),
    [
        ("203.0.113.9:51234", "203.0.113.9"),
        ("[2001:db8::1]:443", "2001:db8::1"),
        ("2001:DB8::1", "2001:db8::1"),
        ("::ffff:203.0.113.9", "203.0.113.9"),
        ('"203.0.113.9"', "203.0.113.9"),
    ],
)
def test_address_forms_in_headers(hop: str, client: str) -> None:
    assert client_address("127.0.0.1", [hop], None, LOOPBACK) == client


def test_a_hop_that_is_no_address_ends_at_the_proxy_that_reported_it() -> None:
    assert client_address("127.0.0.1", ["203.0.113.9, unknown"], None, LOOPBACK) == "127.0.0.1"
    assert client_address("127.0.0.1", ["<script>"], None, LOOPBACK) == "127.0.0.1"


def test_trusted_proxies_setting() -> None:
    assert trusted_proxies({}) == LOOPBACK
    assert trusted_proxies({"TRUSTED_PROXIES": "none"}) == ()
    assert trusted_proxies({"TRUSTED_PROXIES": ""}) == ()
    assert [str(n) for n in trusted_proxies({"TRUSTED_PROXIES": "10.0.0.0/8; 192.168.1.1"})] == [
        "10.0.0.0/8",
        "192.168.1.1/32",
    ]
    with pytest.raises(ValueError, match="nginx"):
        parse_networks("127.0.0.1, nginx")


def test_source_keys_group_an_ipv6_subscriber() -> None:
    assert source_key("203.0.113.9") == "ip:203.0.113.9"
    assert source_key("2001:db8:1:2::5") == source_key("2001:db8:1:2:ffff::1") == "ip:2001:db8:1:2::/64"
    assert source_key("2001:db8:1:3::5") != source_key("2001:db8:1:2::5")
