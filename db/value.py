"""Step 3 services: which pains a value factor answers."""

from __future__ import annotations

from sqlalchemy import Connection, Engine, select

from cvm_core.errors import FieldError, ValidationError
from db import engine as dbe
from db.models import FactorPain, Pain, ValueFactor
from db.services import Actor, context, create_in, delete_in, live_where

_l, _f, _p = FactorPain.__table__, ValueFactor.__table__, Pain.__table__


def set_answer(engine: Engine, *, actor: Actor, factor_id: int, pain_id: int, answers: bool) -> None:
    """Record that a factor answers a pain of the same customer, or that it does not; doing it twice
    changes nothing."""

    def work(conn: Connection) -> None:
        ctx = context(conn, actor)
        factor = conn.execute(select(_f.c.customer_id).where(_f.c.id == factor_id)).scalar()
        pain = conn.execute(select(_p.c.customer_id).where(_p.c.id == pain_id)).scalar()
        if answers and factor != pain:
            raise ValidationError([FieldError("pain_id", "step3.err.other_customer")], "factor_pain")
        link = conn.execute(
            select(_l.c.id).where(live_where(_l, actor.workshop_id, factor_id=factor_id, pain_id=pain_id))
        ).first()
        if answers and link is None:
            create_in(conn, ctx, "factor_pain", {"factor_id": factor_id, "pain_id": pain_id})
        elif not answers and link is not None:
            delete_in(conn, ctx, "factor_pain", link.id)

    dbe.write(engine, work)


def create_factor(engine: Engine, *, actor: Actor, data: dict, pain_ids: list[int]) -> dict:
    """A new value factor and the pains it answers, in one transaction."""

    def work(conn: Connection) -> dict:
        ctx = context(conn, actor)
        factor = create_in(conn, ctx, "value_factor", data)
        for pain_id in dict.fromkeys(pain_ids):
            pain = conn.execute(select(_p.c.customer_id).where(_p.c.id == pain_id)).scalar()
            if pain != factor["customer_id"]:
                raise ValidationError([FieldError("pain_id", "step3.err.other_customer")], "factor_pain")
            create_in(conn, ctx, "factor_pain", {"factor_id": factor["id"], "pain_id": pain_id})
        return factor

    return dbe.write(engine, work)
