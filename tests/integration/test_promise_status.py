"""Who set a promise's negotiation status and when is recorded by the services."""

from db.services import Actor
from tests.helpers import create, join, update


def test_status_changes_record_who_and_when(engine, workshop) -> None:
    info, fay = workshop
    customer = create(engine, fay, "customer", name="Shops")
    promise = create(
        engine,
        fay,
        "promise",
        customer_id=customer["id"],
        text="On time",
        status_by="Someone else",
        status_at="yesterday",
    )
    assert promise["status"] == "draft" and promise["status_by"] == "Fay" and promise["status_at"].startswith("20")
    pat = join(engine, info, "Pat")
    edited = update(engine, pat, "promise", promise["id"], metric_name="Share")
    assert edited["status_by"] == "Fay"  # other edits keep the record
    agreed = update(engine, pat, "promise", promise["id"], status="agreed", status_by="Fay")
    assert agreed["status_by"] == "Pat" and agreed["status_at"] >= promise["status_at"]
    restored = create(
        engine,
        Actor.system(info["id"]),
        "promise",
        customer_id=customer["id"],
        text="Imported",
        status="agreed",
        status_by="Ann",
        status_at="2025-01-01T10:00:00+00:00",
    )
    assert (restored["status_by"], restored["status_at"]) == ("Ann", "2025-01-01T10:00:00+00:00")
