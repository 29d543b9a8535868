"""Throttling of guesses in the database, on SQLite and PostgreSQL: per source address, per workshop,
checked and recorded in one locked step, with a back-off that grows and a flood that locks nobody out."""

import secrets
import threading
from datetime import timedelta

import pytest
from sqlalchemy import update

from cvm_core import settings as s
from cvm_core.errors import NotFound, PermissionDenied, Throttled
from cvm_core.net import client_address, parse_networks, source_key
from db import people as pp
from db import workshops
from db.models import Throttle, utcnow

NGINX = parse_networks("127.0.0.1, ::1")


def forwarded(address: str) -> list[str]:
    """The throttle keys of a browser behind nginx on the same host: the peer is loopback (None in
    Streamlit) and nginx passes the client in X-Forwarded-For after whatever the client claimed."""
    claimed = f"10.{secrets.randbelow(250)}.0.1"  # a client may write anything there: never believed
    return [source_key(client_address(None, [f"{claimed}, {address}"], address, NGINX))]


@pytest.fixture
def quick(engine, monkeypatch):
    """A workshop whose passcode hash is cheap to check (scrypt's cost travels in the stored hash), so
    that a hundred guesses test the throttle rather than the CPU."""
    monkeypatch.setitem(workshops._SCRYPT, "n", 2**8)
    return workshops.create_workshop(engine, data={"name": "Quick"}, passcode="passcode-1", facilitator_name="Fay")


def new_source() -> list[str]:
    """A source no other test uses: a random IPv6 /64."""
    return forwarded(f"2001:db8:{secrets.randbits(16):x}:{secrets.randbits(16):x}::1")


def test_fifty_wrong_join_codes_from_one_address_are_throttled_after_the_free_ones(engine, workshop) -> None:
    info, _ = workshop
    address = f"203.0.113.{secrets.randbelow(250) + 1}"
    outcomes = []
    for _ in range(50):  # each from a new browser session: the session does not matter, the address does
        try:
            workshops.join(
                engine, code="WRONG" + secrets.token_hex(2), display_name="Eve", throttle_keys=forwarded(address)
            )
        except (NotFound, Throttled) as exc:
            outcomes.append(type(exc).__name__)
    assert outcomes == ["NotFound"] * s.THROTTLE_FREE_ATTEMPTS + ["Throttled"] * (50 - s.THROTTLE_FREE_ATTEMPTS)
    with pytest.raises(Throttled):  # the right code does not help a source that must wait
        workshops.join(engine, code=info["join_code"], display_name="Eve", throttle_keys=forwarded(address))
    workshops.join(engine, code=info["join_code"], display_name="Ann", throttle_keys=new_source())


def test_twenty_concurrent_wrong_passcodes_get_five_checks(engine, workshop, monkeypatch) -> None:
    info, _ = workshop
    checked = []
    real_check = workshops.check_passcode

    def counting(passcode: str, stored: str) -> bool:
        checked.append(passcode)
        return real_check(passcode, stored)

    monkeypatch.setattr(workshops, "check_passcode", counting)
    source = new_source()
    outcomes: list[str] = []
    start = threading.Barrier(20)

    def attempt(n: int) -> None:
        start.wait()
        try:
            workshops.sign_in(
                engine, code=info["join_code"], passcode=f"wrong-{n}", display_name="M", throttle_keys=source
            )
        except (PermissionDenied, Throttled) as exc:
            outcomes.append(type(exc).__name__)

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(checked) == s.THROTTLE_FREE_ATTEMPTS
    assert sorted(outcomes) == ["PermissionDenied"] * 5 + ["Throttled"] * 15


def test_a_flood_of_wrong_passcodes_does_not_lock_the_facilitator_out(engine, quick) -> None:
    info, fay = quick
    attackers = [new_source() for _ in range(100)]
    for keys in attackers:
        with pytest.raises(PermissionDenied):
            workshops.sign_in(engine, code=info["join_code"], passcode="guess", display_name="M", throttle_keys=keys)
    back = workshops.sign_in(
        engine, code=info["join_code"], passcode="passcode-1", display_name="Fay", throttle_keys=new_source()
    )
    assert back.participant_id == fay.participant_id
    # during the flood a source that failed once already waits before its next guess
    with pytest.raises(Throttled):
        workshops.sign_in(
            engine, code=info["join_code"], passcode="guess", display_name="M", throttle_keys=attackers[0]
        )


def test_the_wait_doubles_with_every_further_failure(engine, workshop) -> None:
    info, _ = workshop
    source = new_source()
    key = source[0]
    for n in range(s.THROTTLE_FREE_ATTEMPTS + 3):
        with engine.begin() as conn:  # as if the last wait had passed
            conn.execute(
                update(Throttle.__table__)
                .where(Throttle.__table__.c.key == key)
                .values(last_failure_at=utcnow() - timedelta(seconds=s.THROTTLE_BACKOFF_MAX_S))
            )
        with pytest.raises(NotFound):
            workshops.join(engine, code="NOPE99", display_name="Eve", throttle_keys=source)
        if n >= s.THROTTLE_FREE_ATTEMPTS - 1:
            with pytest.raises(Throttled) as caught:
                workshops.join(engine, code="NOPE99", display_name="Eve", throttle_keys=source)
            wanted = s.THROTTLE_BACKOFF_S * 2 ** (n - s.THROTTLE_FREE_ATTEMPTS + 1)
            assert wanted - 2 <= caught.value.params["count"] <= wanted


def test_guessing_join_codes_across_workshops_counts_for_the_source(engine, workshop) -> None:
    info, _ = workshop
    other, _ = workshops.create_workshop(engine, data={"name": "Other"}, passcode="pass-2", facilitator_name="O")
    source = new_source()
    for n in range(s.THROTTLE_FREE_ATTEMPTS):
        with pytest.raises(NotFound):
            workshops.join(engine, code=f"NOPE{n}X", display_name="Eve", throttle_keys=source)
    for code in (info["join_code"], other["join_code"]):
        with pytest.raises(Throttled):
            workshops.join(engine, code=code, display_name="Eve", throttle_keys=source)


def test_wrong_rejoin_codes_count_like_wrong_join_codes(engine, workshop) -> None:
    info, fay = workshop
    pat = workshops.join(engine, code=info["join_code"], display_name="Pat", throttle_keys=new_source())
    code = pp.issue_rejoin_code(engine, actor=fay, participant_id=pat.participant_id)
    source = new_source()
    for _ in range(s.THROTTLE_FREE_ATTEMPTS):
        with pytest.raises(NotFound):
            pp.redeem_rejoin_code(engine, code="AAAAABBBBB", throttle_keys=source)
    with pytest.raises(Throttled):
        pp.redeem_rejoin_code(engine, code=code, throttle_keys=source)
    assert pp.redeem_rejoin_code(engine, code=code, throttle_keys=new_source()) == pat


def test_right_answers_do_not_use_up_a_sources_tries(engine, quick) -> None:
    info, _ = quick
    source = new_source()
    for n in range(3 * s.THROTTLE_FREE_ATTEMPTS):
        workshops.join(engine, code=info["join_code"], display_name=f"Person {n}", throttle_keys=source)
        workshops.sign_in(
            engine, code=info["join_code"], passcode="passcode-1", display_name="Fay", throttle_keys=source
        )
    for _ in range(s.THROTTLE_FREE_ATTEMPTS):
        with pytest.raises(NotFound):
            workshops.join(engine, code="NOPE99", display_name="Eve", throttle_keys=source)


def at_once(n: int, attempt) -> list[str]:  # noqa: ANN001
    """`attempt(i)` in `n` threads released together: the name of what each raised, "ok" when nothing."""
    outcomes: list[str] = []
    start = threading.Barrier(n)

    def run(i: int) -> None:
        start.wait()
        try:
            attempt(i)
            outcomes.append("ok")
        except (NotFound, Throttled) as exc:
            outcomes.append(type(exc).__name__)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(outcomes)


def test_a_room_behind_one_address_joins_at_the_same_moment(engine, workshop) -> None:
    """A venue's Wi-Fi: thirty people press Join together from one address with the right code. Each join
    used to count as a failure until its check was done, so more than five in flight were refused."""
    info, _ = workshop
    source = new_source()
    outcomes = at_once(
        30, lambda i: workshops.join(engine, code=info["join_code"], display_name=f"Room {i}", throttle_keys=source)
    )
    assert outcomes == ["ok"] * 30
    assert len(workshops.participants(engine, workshop_id=info["id"])) >= 31


def test_twenty_concurrent_wrong_join_codes_get_five_tries(engine, workshop) -> None:
    source = new_source()
    outcomes = at_once(
        20, lambda i: workshops.join(engine, code=f"WRONG{i:02d}", display_name="Eve", throttle_keys=source)
    )
    assert outcomes == ["NotFound"] * s.THROTTLE_FREE_ATTEMPTS + ["Throttled"] * (20 - s.THROTTLE_FREE_ATTEMPTS)
