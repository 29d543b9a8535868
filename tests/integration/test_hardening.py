"""Hardening on SQLite and PostgreSQL: non-finite numbers refused everywhere with the usual message, the
canvas scale never falls below its scores (so the backup always imports back), restores of workshops are
audited and the command line fails loudly on unknown ids."""

import math

import pytest
from sqlalchemy import func, select

from cvm_core.errors import NotFound, ValidationError
from cvm_core.exports import backup
from db import canvas, exchange, live, read, streams, workshops
from db import pains as votes
from db.engine import make_engine
from db.models import AuditEvent, Workshop
from db.services import Actor
from tests.helpers import create, settings

NON_FINITE = [float("nan"), float("inf"), float("-inf"), "NaN", "Infinity"]


def workshops_named(engine, name: str) -> int:
    w = Workshop.__table__
    with engine.connect() as conn:
        return conn.execute(select(func.count()).where(w.c.name == name)).scalar_one()


@pytest.mark.parametrize("field", ["scale_max", "dots_per_person", "current_step", "hour_rate"])
@pytest.mark.parametrize("value", NON_FINITE, ids=repr)
def test_non_finite_settings_are_refused_at_creation_and_on_update(engine, workshop, field, value) -> None:
    name = f"NaN {field} {value!r}"
    with pytest.raises(ValidationError) as caught:
        workshops.create_workshop(
            engine, data={"name": name, field: value}, passcode="passcode-1", facilitator_name="F"
        )
    assert [(e.field, e.key) for e in caught.value.errors] == [(field, "errors.not_a_number")]
    assert workshops_named(engine, name) == 0
    info, fay = workshop
    with pytest.raises(ValidationError) as again:
        settings(engine, fay, **{field: value})
    assert [(e.field, e.key) for e in again.value.errors] == [(field, "errors.not_a_number")]
    assert workshops.workshop(engine, workshop_id=info["id"])[field] == info[field]


@pytest.fixture
def canvas_room(engine, workshop):
    info, fay = workshop
    customer = create(engine, fay, "customer", name="Shops")["id"]
    factors = [
        create(engine, fay, "value_factor", customer_id=customer, name=n)["id"] for n in ("Speed", "Price", "Range")
    ]
    ours = create(engine, fay, "offering", name="Us", kind="ours")["id"]
    return info, fay, customer, factors, ours


@pytest.mark.parametrize("value", NON_FINITE, ids=repr)
def test_non_finite_numbers_are_refused_by_every_service_that_takes_one(engine, canvas_room, value) -> None:
    info, fay, customer, factors, ours = canvas_room
    settings(engine, fay, voting_open=True)
    pain = create(engine, fay, "pain", customer_id=customer, text="Slow")["id"]
    stream = streams.create_stream(
        engine, actor=fay, data={"customer_id": customer, "name": "Main"}, stage_names=["A", "B"]
    )
    stage = read.rows(engine, workshop_id=info["id"], entity_name="value_stream_stage")[0]["id"]
    for attempt in (
        lambda: votes.set_dots(engine, actor=fay, pain_id=pain, dots=value),
        lambda: votes.change_dots(engine, actor=fay, pain_id=pain, by=value),
        lambda: canvas.set_score(engine, actor=fay, offering_id=ours, factor_id=factors[0], score=value, version=None),
        lambda: create(engine, fay, "customer", name="X", ltv=value),
        lambda: create(engine, fay, "pain", customer_id=value, text="Ref"),
        lambda: create(engine, fay, "offering", name="Y", kind=value),
        lambda: live.start_timer(engine, actor=fay, minutes=value if not isinstance(value, str) else math.nan),
        lambda: live.add_time(engine, actor=fay, seconds=value if not isinstance(value, str) else math.inf),
        lambda: live.set_current_step(engine, actor=fay, step=value),
        lambda: streams.move_stage(engine, actor=fay, stream_id=stream["id"], stage_id=stage, offset=value),
    ):
        with pytest.raises(ValidationError):
            attempt()
    assert read.rows(engine, workshop_id=info["id"], entity_name="vote") == []
    assert read.rows(engine, workshop_id=info["id"], entity_name="canvas_score") == []


def score(engine, fay, offering: int, factor: int, value: float) -> None:
    canvas.set_score(engine, actor=fay, offering_id=offering, factor_id=factor, score=value, version=None)


def test_lowering_the_scale_below_scores_is_refused_naming_how_many(engine, canvas_room) -> None:
    info, fay, _, factors, ours = canvas_room
    for factor, value in zip(factors, (9, 7, 4), strict=True):
        score(engine, fay, ours, factor, value)
    create(engine, fay, "errc_action", factor_id=factors[2], action="raise", target_score=8)
    with pytest.raises(ValidationError) as caught:
        settings(engine, fay, scale_max=6)
    error = caught.value.errors[0]
    assert (error.field, error.key, error.params) == ("scale_max", "scale.err.scores_above", {"count": 3, "max": 6})
    assert workshops.workshop(engine, workshop_id=info["id"])["scale_max"] == 10
    settings(engine, fay, scale_max=9)  # 9 fits every score


def test_a_rescale_on_request_keeps_the_curves_and_the_backup_imports_back(engine, canvas_room) -> None:
    info, fay, _, factors, ours = canvas_room
    for factor, value in zip(factors, (10, 5, 3), strict=True):
        score(engine, fay, ours, factor, value)
    workshops.update_settings(engine, actor=fay, version=None, changes={"scale_max": 5}, rescale=True)
    stored = {r["factor_id"]: r["score"] for r in read.rows(engine, workshop_id=info["id"], entity_name="canvas_score")}
    assert stored == {factors[0]: 5, factors[1]: 2.5, factors[2]: 1.5}
    raw = backup.render(read.backup(engine, actor=Actor.system(info["id"])))
    copy, _ = exchange.import_backup(engine, backup=backup.parse(raw), facilitator_name="Fay", passcode="passcode-2")
    assert copy["scale_max"] == 5


def test_restoring_a_workshop_is_audited_and_unknown_ids_are_refused(engine, workshop) -> None:
    info, fay = workshop
    live.delete_workshop(engine, actor=fay)
    assert live.restore_workshop(engine, workshop_id=info["id"]) is True
    assert live.restore_workshop(engine, workshop_id=info["id"]) is False  # nothing to do
    events = read.audit_events(engine, workshop_id=info["id"])
    assert [(e["action"], e["actor_name"]) for e in events[:2]] == [("restore", "command line"), ("delete", "Fay")]
    with pytest.raises(NotFound) as caught:
        live.restore_workshop(engine, workshop_id=10**8)
    assert caught.value.key == "cli.no_workshop"


def test_the_command_line_fails_loudly_on_unknown_ids(tmp_path, monkeypatch, capsys) -> None:
    import manage

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert manage.main(["restore-workshop", "99999"]) == 1
    assert "There is no workshop 99999" in capsys.readouterr().err
    assert manage.main(["export", "99999", "--format", "json", "-o", str(tmp_path / "x.json")]) == 1
    assert "does not exist" in capsys.readouterr().err
    engine = make_engine(f"sqlite:///{tmp_path / 'cli.db'}")
    info, fay = workshops.create_workshop(engine, data={"name": "CLI"}, passcode="passcode-1", facilitator_name="F")
    live.delete_workshop(engine, actor=fay)
    assert manage.main(["restore-workshop", str(info["id"])]) == 0
    assert "restored" in capsys.readouterr().out
    t = AuditEvent.__table__
    with engine.connect() as conn:
        actions = conn.execute(select(t.c.action).where(t.c.workshop_id == info["id"]).order_by(t.c.id)).scalars()
        assert list(actions)[-2:] == ["delete", "restore"]
    engine.dispose()
