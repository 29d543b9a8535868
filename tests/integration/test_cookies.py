"""Cookie tickets: redeemed once, within their time, for the token they seal; the table holds no token."""

from datetime import timedelta
from threading import Barrier, Thread, get_ident

from sqlalchemy import select, update

from db import cookies
from db.models import CookieNonce, utcnow

T = CookieNonce.__table__


def test_a_ticket_gives_its_token_once(engine) -> None:
    nonce = cookies.issue(engine, token="tok-" + "x" * 39)
    assert cookies.redeem(engine, nonce=nonce) == cookies.Ticket("tok-" + "x" * 39)
    assert cookies.redeem(engine, nonce=nonce) is None


def test_a_clearing_ticket_and_unknown_nonces(engine) -> None:
    nonce = cookies.issue(engine, token=None)
    assert cookies.redeem(engine, nonce=nonce) == cookies.Ticket(None)
    assert cookies.redeem(engine, nonce="made-up") is None
    assert cookies.redeem(engine, nonce="") is None
    assert cookies.redeem(engine, nonce="x" * 5000) is None


def test_the_database_keeps_neither_nonce_nor_token(engine) -> None:
    token = "secret-token-value-123"
    nonce = cookies.issue(engine, token=token)
    with engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(select(T)).mappings()]
    stored = " ".join(str(v) for row in rows for v in row.values())
    assert token not in stored and nonce not in stored
    assert token.encode().hex() not in stored
    cookies.redeem(engine, nonce=nonce)


def test_an_expired_ticket_is_refused_and_swept(engine) -> None:
    nonce = cookies.issue(engine, token="old-token")
    with engine.begin() as conn:
        conn.execute(update(T).values(expires_at=utcnow() - timedelta(seconds=1)))
    assert cookies.redeem(engine, nonce=nonce) is None
    stale = cookies.issue(engine, token="stale")
    with engine.begin() as conn:
        conn.execute(update(T).values(expires_at=utcnow() - timedelta(seconds=1)))
    fresh = cookies.issue(engine, token="fresh")  # issuing sweeps what expired
    with engine.connect() as conn:
        kept = set(conn.execute(select(T.c.nonce_hash)).scalars())
    assert cookies._hash(fresh) in kept and cookies._hash(stale) not in kept
    assert cookies.redeem(engine, nonce=stale) is None
    assert cookies.redeem(engine, nonce=fresh) == cookies.Ticket("fresh")


def test_concurrent_redeems_of_one_ticket_let_exactly_one_through(engine) -> None:
    nonce = cookies.issue(engine, token="only-once")
    barrier, results = Barrier(8), []

    def redeem() -> None:
        barrier.wait()
        results.append(cookies.redeem(engine, nonce=nonce))

    threads = [Thread(target=redeem) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [r for r in results if r is not None] == [cookies.Ticket("only-once")]


def test_a_browser_is_remembered_in_one_commit(engine, workshop) -> None:
    """Arriving, a person gets a session token and the ticket that sets its cookie: one transaction (a room
    arrives at once, and on SQLite commits take turns)."""
    from sqlalchemy import event

    from db import live

    info, fay = workshop
    commits: list[int] = []
    me = get_ident()

    def count(conn: object) -> None:
        # only this thread's: the change tail (db/changes.Tail), started by another test on this shared
        # engine, commits its own reading transactions meanwhile
        if get_ident() == me:
            commits.append(1)

    event.listen(engine, "commit", count)
    try:
        token, nonce = live.remember_browser(engine, actor=fay)
    finally:
        event.remove(engine, "commit", count)
    assert len(commits) == 1
    assert cookies.redeem(engine, nonce=nonce) == cookies.Ticket(token)
    assert live.resume(engine, token=token) == fay
