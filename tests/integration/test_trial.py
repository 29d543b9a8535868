"""The demo offer on both databases: offered while every workshop is a demo, stepping in as the demo's
facilitator or as a new guest, and nothing else reachable through it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from cvm_core.errors import ValidationError
from db import trial, workshops
from db.demo import build_demo, build_rounds
from db.engine import make_engine
from db.migrate import upgrade
from tests.conftest import drop_postgres_database, new_postgres_database


@pytest.fixture(params=["sqlite", "postgres"])
def empty(request: pytest.FixtureRequest, tmp_path) -> Iterator[Engine]:
    """A database of its own: the offer looks at every workshop in it."""
    url = f"sqlite:///{tmp_path / 'trial.db'}" if request.param == "sqlite" else new_postgres_database()
    upgrade(url)
    engine = make_engine(url)
    yield engine
    engine.dispose()
    if request.param == "postgres":
        drop_postgres_database(url)


def test_the_offer_lasts_while_only_demos_exist(empty: Engine, monkeypatch) -> None:
    assert trial.offered(empty) == []
    ru, (en, en_round2) = build_demo(empty, "ru"), build_rounds(empty, "en")  # a later round is a demo too
    offered = trial.offered(empty)
    assert [d["join_code"] for d in offered] == [trial.CODES[lang] for lang in trial.CODES]
    assert sorted(d["id"] for d in offered) == sorted([ru, en])  # the first round is offered
    assert en_round2 not in {d["id"] for d in offered}
    monkeypatch.setenv("CVM_DEMO_OFFER", "off")
    assert trial.offered(empty) == []
    monkeypatch.setenv("CVM_DEMO_OFFER", "on")
    workshops.create_workshop(empty, data={"name": "Ours", "language": "en"}, passcode="pass-1", facilitator_name="Fay")
    assert trial.offered(empty) == []  # a real workshop: the demo is no longer offered


def test_stepping_in_as_facilitator_and_as_guests(empty: Engine) -> None:
    demo = build_demo(empty, "en")
    code = trial.CODES["en"]
    fac = trial.enter(empty, code=code, facilitator=True, names=[], throttle_keys=["t1"])
    again = trial.enter(empty, code=code, facilitator=True, names=[], throttle_keys=["t2"])
    assert fac.workshop_id == demo and fac.participant_id == again.participant_id  # the demo's own facilitator
    assert workshops.participant(empty, actor=fac)["display_name"] == trial.FACILITATORS["en"]
    first = trial.enter(empty, code=code, facilitator=False, names=["Guest 1", "Guest 2"], throttle_keys=["t3"])
    second = trial.enter(empty, code=code, facilitator=False, names=["Guest 1", "Guest 2"], throttle_keys=["t4"])
    assert (first.name, second.name) == ("Guest 1", "Guest 2")
    assert workshops.participant(empty, actor=second)["role"] == "participant"
    with pytest.raises(ValidationError):
        trial.enter(empty, code=code, facilitator=False, names=["Guest 1", "guest 2"], throttle_keys=["t5"])


def test_only_a_demo_can_be_entered(empty: Engine) -> None:
    info, _ = workshops.create_workshop(
        empty, data={"name": "Ours", "language": "en"}, passcode="pass-1", facilitator_name="Fay"
    )
    for facilitator in (True, False):
        with pytest.raises(ValidationError):
            trial.enter(empty, code=info["join_code"], facilitator=facilitator, names=["Eve"], throttle_keys=["t"])
