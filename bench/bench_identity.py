"""What identity costs: the session check every page run makes, a throttled guess, and a facilitator
sign-in, each beside a floor measured in the same run on the same SQLite file (the one-row read a page
already made for its person; one empty write transaction; the passcode hash alone)."""

from __future__ import annotations

import secrets

from bench.common import fresh_sqlite, median_ms, row, timings
from cvm_core.errors import NotFound, Throttled
from db import engine as dbe
from db import live, sessions, workshops
from db.models import Throttle

RUNS = 300


def main() -> None:
    _, engine = fresh_sqlite()
    info, _ = workshops.create_workshop(engine, data={"name": "Bench"}, passcode="bench-pass", facilitator_name="Fay")
    pat = workshops.join(engine, code=info["join_code"], display_name="Pat", throttle_keys=["ip:bench-join"])
    token = live.issue_token(engine, actor=pat)

    person = median_ms(timings(lambda: workshops.participant(engine, actor=pat), RUNS))
    check = median_ms(timings(lambda: sessions.standing(engine, actor=pat, token=token), RUNS))
    print(row("floor: the page's read of its person", person))
    print(row("session check per page run (standing)", check, person))

    blocked = ["ip:bench-guesser"]
    for _ in range(5):
        try:
            workshops.join(engine, code="NOPE99", display_name="Eve", throttle_keys=blocked)
        except NotFound:  # wrong codes: the point
            pass

    def throttled() -> None:
        try:
            workshops.join(engine, code="NOPE99", display_name="Eve", throttle_keys=blocked)
        except Throttled:
            return
        raise AssertionError("the guesser should be throttled")

    t = Throttle.__table__
    empty = median_ms(timings(lambda: dbe.write(engine, lambda conn: conn.execute(t.select().limit(1))), RUNS))
    refused = median_ms(timings(throttled, RUNS))
    print(row("floor: one empty write transaction", empty))
    print(row("a guess refused by the throttle", refused, empty))

    hashed = workshops.hash_passcode("bench-pass")  # made the same way as the workshop's (its hash is not public)
    scrypt = median_ms(timings(lambda: workshops.check_passcode("bench-pass", hashed), 40, warmup=2))
    sign_in = median_ms(
        timings(
            lambda: workshops.sign_in(
                engine,
                code=info["join_code"],
                passcode="bench-pass",
                display_name="Fay",
                throttle_keys=[f"ip:{secrets.token_hex(4)}"],
            ),
            40,
            warmup=2,
        )
    )
    print(row("floor: checking the passcode hash alone", scrypt))
    print(row("a facilitator sign-in (reserve, check, release)", sign_in, scrypt))


if __name__ == "__main__":
    main()
