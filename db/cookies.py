"""One-time tickets that a page exchanges at the server for its session cookie.

A script run cannot set an HttpOnly cookie: it issues a ticket (a random nonce) and the page posts it to
the server's `/_cvm/session` route, which answers with `Set-Cookie`. The database keeps the nonce's hash
and the token sealed with the nonce (never the token itself), so any app server can redeem a ticket,
once, for a minute or two; whoever reads the table learns no token.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import Connection, Engine, delete

from cvm_core import settings as s
from db import engine as dbe
from db.models import CookieNonce, utcnow

_T = CookieNonce.__table__
_NONCE_MAX = 100


@dataclass(frozen=True)
class Ticket:
    """What a redeemed nonce asks for: set the cookie to `token`, or clear it when `token` is None."""

    token: str | None


def _hash(nonce: str) -> str:
    return hashlib.sha256(nonce.encode()).hexdigest()


def _pad(nonce: str) -> bytes:
    return hashlib.blake2b(nonce.encode(), digest_size=64, person=b"cvm-cookie-seal").digest()


def _seal(token: str, nonce: str) -> str:
    data = token.encode()
    if len(data) > 64:
        raise ValueError("token too long to seal")
    return bytes(a ^ b for a, b in zip(data, _pad(nonce), strict=False)).hex()


def _unseal(sealed: str, nonce: str) -> str:
    return bytes(a ^ b for a, b in zip(bytes.fromhex(sealed), _pad(nonce), strict=False)).decode()


def issue(engine: Engine, *, token: str | None) -> str:
    """A nonce that, redeemed once within `COOKIE_NONCE_SECONDS`, sets the cookie to `token` (None:
    clears it). Expired tickets are swept on the way."""
    return dbe.write(engine, lambda conn: issue_in(conn, token))


def issue_in(conn: Connection, token: str | None) -> str:
    """`issue` in the caller's write transaction."""
    nonce = secrets.token_urlsafe(32)
    now = utcnow()
    row = {
        "nonce_hash": _hash(nonce),
        "sealed": _seal(token, nonce) if token else None,
        "expires_at": now + timedelta(seconds=s.COOKIE_NONCE_SECONDS),
    }
    conn.execute(delete(_T).where(_T.c.expires_at < now))
    conn.execute(_T.insert(), row)
    return nonce


def redeem(engine: Engine, *, nonce: str) -> Ticket | None:
    """The ticket behind `nonce`, consumed (a second redeem finds nothing); None if unknown or expired."""
    if not nonce or len(nonce) > _NONCE_MAX:
        return None
    query = delete(_T).where(_T.c.nonce_hash == _hash(nonce)).returning(_T.c.sealed, _T.c.expires_at)
    found = dbe.write(engine, lambda conn: conn.execute(query).first())
    if found is None or found.expires_at < utcnow():
        return None
    return Ticket(_unseal(found.sealed, nonce) if found.sealed else None)
