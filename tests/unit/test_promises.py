"""Step 5 in pure Python: a promise's health, the counts, the status stamp and completion."""

import pytest

from cvm_core import promises


def promise(status: str = "agreed", **more) -> dict:
    base = {"text": "On time", "metric_name": "On-time share", "metric_direction": "higher"}
    base |= {"metric_target": 95.0, "metric_current": 97.0, "authority_granted": True, "status": status}
    return base | more


@pytest.mark.parametrize(
    ("changes", "health"),
    [
        ({}, "met"),
        ({"metric_current": 90.0}, "at_risk"),
        ({"metric_current": 50.0}, "broken"),
        ({"metric_current": None}, "no_data"),
        ({"metric_name": ""}, "no_data"),
        ({"metric_direction": "lower", "metric_target": 2.0, "metric_current": 1.5}, "met"),
        ({"metric_direction": "lower", "metric_target": 2.0, "metric_current": 3.0}, "broken"),
    ],
)
def test_health_from_metric_against_target(changes: dict, health: str) -> None:
    assert promises.health(promise(**changes)) == health


def test_counts_by_status_and_by_health_of_agreed_promises() -> None:
    rows = [promise(), promise(metric_current=10.0), promise("draft", metric_current=10.0), promise("rejected")]
    assert promises.by_status(rows) == {"draft": 1, "proposed": 0, "negotiating": 0, "agreed": 2, "rejected": 1}
    assert promises.by_health(rows) == {"met": 1, "at_risk": 0, "broken": 1, "no_data": 0}


def test_completion_needs_a_metric_and_granted_authority_on_every_agreed_promise() -> None:
    nothing = promises.completion({"promise": [promise("draft")]})
    assert not nothing.done and nothing.missing[0].key == "step5.missing.none_agreed"
    rows = [
        promise(text="A"),
        promise(text="B", metric_target=None),
        promise(text="C", authority_granted=False),
        promise("draft", text="D", metric_name="", authority_granted=False),
    ]
    result = promises.completion({"promise": rows})
    assert [(m.key, m.params["promise"]) for m in result.missing] == [
        ("step5.missing.no_metric", "B"),
        ("step5.missing.no_authority", "C"),
    ]
    assert (result.done_count, result.total) == (1, 3)
    assert promises.completion({"promise": [promise(), promise("draft", metric_name="")]}).done


def test_status_stamp_reads_as_utc() -> None:
    assert promises.stamp_label("2026-03-01T09:05:00+00:00") == "2026-03-01 09:05 UTC"
    assert promises.stamp_label("2026-03-01T12:05:00+03:00") == "2026-03-01 09:05 UTC"
    assert promises.stamp_label("") == ""
