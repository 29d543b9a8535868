"""Where a request comes from, for throttling: the peer's address, or the client's address as a proxy we
trust reports it. Pure: the caller passes what the web layer gives (Streamlit: `st.context.ip_address`,
which is None for a loopback peer, and the WebSocket handshake's headers).

`X-Forwarded-For` and `X-Real-IP` are honoured only when the peer is a trusted proxy (`TRUSTED_PROXIES`,
addresses or networks separated by commas; loopback by default, for nginx on the same host; `none` trusts
nobody). X-Forwarded-For is read from the right: each hop a trusted proxy added is skipped, and the first
address a trusted proxy did not add is the client (whatever a client writes in the header itself sits
further left and is never believed).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Mapping, Sequence

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network

DEFAULT_TRUSTED_PROXIES = "127.0.0.1, ::1"
LOOPBACK = "127.0.0.1"
IPV6_PREFIX = 64  # one subscriber usually holds a whole /64: throttle it as one source


def parse_networks(text: str) -> tuple[Network, ...]:
    """`TRUSTED_PROXIES` as networks; raises ValueError naming an entry that is not an address."""
    if text.strip().lower() in ("", "none"):
        return ()
    networks = []
    for part in text.replace(";", ",").split(","):
        if part.strip():
            try:
                networks.append(ipaddress.ip_network(part.strip(), strict=False))
            except ValueError as exc:
                raise ValueError(f"TRUSTED_PROXIES: {part.strip()!r} is not an address or a network") from exc
    return tuple(networks)


def trusted_proxies(environ: Mapping[str, str]) -> tuple[Network, ...]:
    """The trusted proxies a deployment configured (loopback when `TRUSTED_PROXIES` is not set)."""
    return parse_networks(environ.get("TRUSTED_PROXIES", DEFAULT_TRUSTED_PROXIES))


def parse_address(text: str | None) -> Address | None:
    """An address as found in a header: `1.2.3.4`, `1.2.3.4:5678`, `[2001:db8::1]:443`, `2001:db8::1`."""
    value = (text or "").strip().strip('"')
    if value.startswith("["):
        value = value[1:].split("]", 1)[0]
    elif value.count(":") == 1:
        value = value.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    mapped = getattr(address, "ipv4_mapped", None)
    return mapped or address


def is_trusted(address: Address | None, trusted: Iterable[Network]) -> bool:
    return address is not None and any(address.version == n.version and address in n for n in trusted)


def client_address(
    peer: str | None, forwarded_for: Sequence[str], real_ip: str | None, trusted: Sequence[Network]
) -> str:
    """The client's address: the peer's, unless the peer is a trusted proxy; then the rightmost address
    in X-Forwarded-For that no trusted proxy added (or X-Real-IP when there is no X-Forwarded-For).
    A peer of None is loopback (Streamlit reports loopback peers as None). A hop that is not an address
    ends the walk at the proxy that reported it: odd headers never make a source look new."""
    current = parse_address(peer or LOOPBACK) or ipaddress.ip_address(LOOPBACK)
    if not is_trusted(current, trusted):
        return str(current)
    hops = [hop for value in forwarded_for for hop in value.split(",") if hop.strip()]
    if not hops:
        forwarded = parse_address(real_ip)
        return str(forwarded or current)
    for hop in reversed(hops):
        address = parse_address(hop)
        if address is None:
            break
        current = address
        if not is_trusted(address, trusted):
            break
    return str(current)


def source_key(address: str) -> str:
    """The throttle key of a client address: the address itself, or its /64 network for IPv6."""
    parsed = parse_address(address)
    if isinstance(parsed, ipaddress.IPv6Address):
        return f"ip:{ipaddress.ip_network(f'{parsed}/{IPV6_PREFIX}', strict=False)}"
    return f"ip:{parsed if parsed is not None else address[:45]}"
