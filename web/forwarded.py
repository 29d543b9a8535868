"""Whether a request reached us over https: directly, or through a proxy we trust (`TRUSTED_PROXIES`)
that says so in `X-Forwarded-Proto`. Kept apart from the client-address logic on purpose."""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Iterable, Mapping

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
DEFAULT_TRUSTED = "127.0.0.1,::1"


def trusted_proxies(value: str | None = None) -> tuple[Network, ...]:
    """The networks named by `TRUSTED_PROXIES` (comma-separated addresses or CIDR ranges; default the
    loopback, where the documented nginx runs). Unparsable entries are ignored, never trusted."""
    raw = os.environ.get("TRUSTED_PROXIES", DEFAULT_TRUSTED) if value is None else value
    networks = []
    for item in (part.strip() for part in raw.split(",")):
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            continue
    return tuple(networks)


def is_trusted(peer: str | None, trusted: Iterable[Network]) -> bool:
    try:
        address = ipaddress.ip_address(peer or "")
    except ValueError:
        return False
    return any(address in network for network in trusted)


def is_https(scheme: str, peer: str | None, headers: Mapping[str, str], trusted: Iterable[Network]) -> bool:
    """True when the connection itself is TLS (`scheme` https/wss) or a trusted peer forwarded an https
    request (the last `X-Forwarded-Proto` value: the one our own proxy wrote)."""
    if scheme in ("https", "wss"):
        return True
    forwarded = headers.get("x-forwarded-proto", "")
    last = forwarded.rsplit(",", 1)[-1].strip().lower()
    return last == "https" and is_trusted(peer, trusted)
