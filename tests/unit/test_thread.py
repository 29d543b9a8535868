"""The golden thread builder: the chain from a pain, factor, promise or internal promise up to the customer and
down to the teams, the gaps where it breaks (ranked by the customer value they leave uncovered), and the
drawing (our ids, left to right)."""

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cvm_core import thread as th
from tests.unit.test_risk import small
from tests.unit.workshops import workshops


def chain() -> dict:
    """Restaurants (worth 10 × 5 000) with three pains: "late" (4 dots, answered by On time), "short" (1 dot,
    answered by nothing) and "dull" (no dots). On time is promised by Sales, backed by Warehouse (backed by
    IT) and by Logistics; Range is promised by nobody."""
    data = small()
    data["customer"][0] |= {"customer_value": 5000.0}
    data["department"].append({"id": 4, "name": "Logistics", "takes_part": True})
    data["pain"] = [
        {"id": 1, "customer_id": 1, "text": "Late", "hidden": False},
        {"id": 2, "customer_id": 1, "text": "Short", "hidden": False},
        {"id": 3, "customer_id": 1, "text": "Dull", "hidden": False},
    ]
    data["vote"] = [{"id": 1, "pain_id": 1, "dots": 4, "participant_id": 1}, {"id": 2, "pain_id": 2, "dots": 1}]
    data["value_factor"] = [{"id": 1, "customer_id": 1, "name": "On time", "weight": 3}]
    data["value_factor"].append({"id": 2, "customer_id": 1, "name": "Range", "weight": 1})
    data["factor_pain"] = [{"id": 1, "factor_id": 1, "pain_id": 1}]
    data["internal_promise"].append(
        {"id": 3, "supplier_department_id": 4, "client_department_id": 1, "text": "Drive", "price_amount": 10.0}
    )
    data["promise_support"].append({"id": 3, "internal_promise_id": 3, "parent_promise_id": 1})
    for row in data["internal_promise"]:
        row |= {"metric_name": "Level", "metric_target": 95.0, "metric_current": 97.0}
    data["economics"].append({"id": 4, "department_id": 4, "period": "2026-Q3", "revenue_external": 0.0})
    data["experiment"] = [{"id": 7, "title": "Evening slots", "pain_id": 1, "decision": "persevere"}]
    return data


@pytest.fixture
def web() -> th.Web:
    return th.web(chain(), "en")


def test_a_pain_leads_to_the_customer_and_down_to_every_team_and_its_bonus(web: th.Web) -> None:
    found = th.thread(web, "n1")
    assert found.nodes[:4] == ("c1", "n1", "f1", "p1")
    assert set(found.nodes) == {"c1", "n1", "f1", "p1", "i1", "i2", "i3", "d1", "d2", "d3", "d4"}
    assert {("c1", "n1"), ("n1", "f1"), ("f1", "p1"), ("p1", "i1"), ("i1", "i2"), ("i2", "d3")} <= set(found.edges)
    assert ("p1", "d1") in found.edges  # the owner
    sales = next(e for e in found.teams if e.name == "Sales")
    assert sales.profit == pytest.approx(90_000 - 3 * (1000 + 10)) and sales.pool == pytest.approx(0.2 * sales.profit)
    assert found.failing == ("p1",) and found.experiments == (7,)


def test_an_internal_promise_shows_the_way_up_and_its_own_subtree_only(web: th.Web) -> None:
    found = th.thread(web, "i2")
    assert set(found.nodes) == {"c1", "n1", "f1", "p1", "i1", "i2", "d1", "d2", "d3"}  # not Logistics' i3
    assert found.failing == ("i2",)
    assert {e.name for e in found.teams} == {"Warehouse", "IT", "Sales"}


def test_where_the_chain_stops_a_gap_is_drawn(web: th.Web) -> None:
    short = th.thread(web, "n2")
    assert short.nodes[:2] == ("c1", "n2") and list(short.placeholders.values()) == [th.TOP_PAIN]
    assert [g.kind for g in short.gaps] == [th.TOP_PAIN]
    assert th.thread(web, "n3").placeholders == {}  # no dots: not a top pain, so no gap
    assert list(th.thread(web, "f2").placeholders.values()) == [th.NO_FACTOR_PROMISE]


def test_the_gaps_are_ranked_by_the_customer_value_they_leave_uncovered(web: th.Web) -> None:
    worth = 10 * 5000
    assert [(g.kind, g.node) for g in web.gaps] == [(th.NO_FACTOR_PROMISE, "f2"), (th.TOP_PAIN, "n2")]
    factor, pain = web.gaps
    assert factor.value == pytest.approx(worth * 1 / 4)  # weight 1 of the segment's 4
    assert pain.value == pytest.approx(worth * 1 / 5)  # 1 of the 5 dots on the top pains
    assert web.gaps_at == {"f2": [factor], "n2": [pain]}


def test_every_other_gap_kind() -> None:
    data = chain()
    data["internal_promise"][1] |= {"metric_name": ""}  # IT's promise without a metric
    data["economics"] = [e for e in data["economics"] if e["department_id"] != 4]  # Logistics without numbers
    data["promise"].append(
        {"id": 2, "customer_id": 1, "factor_id": 2, "status": "agreed", "text": "Wide range", "revenue_share": 50.0}
    )
    web = th.web(data, "en")
    kinds = {(g.kind, g.node) for g in web.gaps}
    assert kinds == {(th.TOP_PAIN, "n2"), (th.UNBACKED, "p2"), (th.NO_METRIC, "i2"), (th.NO_ECONOMICS, "d4")}
    by = {g.kind: g for g in web.gaps}
    assert by[th.UNBACKED].value == pytest.approx(50_000 * 0.5)
    assert by[th.NO_METRIC].value == pytest.approx(50_000 * 0.5)  # p1 carries the other half
    assert th.thread(web, "p2").placeholders == {"x1": th.UNBACKED}
    assert th.NO_METRIC in {g.kind for g in th.thread(web, "p1").gaps}


def test_only_artefacts_start_a_thread(web: th.Web) -> None:
    assert web.artefacts()[:3] == ["n1", "n2", "n3"] and "i3" in web.artefacts()
    for nid in ("c1", "d1", "x1", "p99", "", "<b>"):
        assert th.thread(web, nid) is None


def test_the_drawing_runs_left_to_right_with_our_ids(web: th.Web) -> None:
    found = th.thread(web, "n2")
    drawing = th.drawing(web, found)
    x = {n.id: n.x for n in drawing.nodes}
    assert x["c1"] < x["n2"] < x["x1"]
    full = th.drawing(web, th.thread(web, "n1"))
    x = {n.id: n.x for n in full.nodes}
    assert x["c1"] < x["n1"] < x["f1"] < x["p1"] < x["i1"] < x["i2"] < x["d3"]
    assert all(re.fullmatch(r"[cnfpidx]\d+", n.id) for n in full.nodes)
    assert all(re.fullmatch(r"e\d+", e.id) for e in full.edges)
    start = next(n for n in full.nodes if n.id == "n1")
    assert start.ring == "#111111" and "🧪" in start.label and "Evening slots" in start.tip
    sales = next(n for n in full.nodes if n.id == "d1")
    assert sales.label.startswith("Sales\nprofit ")


def test_hidden_pains_are_not_on_any_thread() -> None:
    data = chain()
    data["pain"][0]["hidden"] = True
    web = th.web(data, "en")
    assert th.thread(web, "n1") is None and "n1" not in th.thread(web, "f1").nodes


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data(), workshops())
def test_every_thread_hangs_together(data: st.DataObject, workshop: dict) -> None:
    web = th.web(workshop, "en")
    for start in web.artefacts():
        found = th.thread(web, start)
        assert found.start in found.nodes and len(set(found.nodes)) == len(found.nodes)
        assert all(a in found.nodes and b in found.nodes for a, b in found.edges)
        assert all(g.value >= 0 for g in found.gaps)
        th.drawing(web, found)
