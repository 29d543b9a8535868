"""The golden thread and money at risk on the demo workshop and on the large synthetic one (60 departments,
400 internal promises), read back through the read door: every artefact's thread, every gap type found and
checked against the rows, money at risk now."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from cvm_core import graph, risk, value
from cvm_core import promises as pr
from cvm_core import thread as th
from db import demo, read
from db.services import Actor


@pytest.fixture(scope="module")
def demo_data(sqlite_engine: Engine) -> dict:
    return read.backup(sqlite_engine, actor=Actor.system(demo.build_demo(sqlite_engine, "en")))


@pytest.fixture(scope="module")
def large_data(sqlite_engine: Engine) -> dict:
    return read.backup(sqlite_engine, actor=Actor.system(demo.build_large(sqlite_engine)))


def ids(data: dict, name: str) -> dict[str, int]:
    return {r.get("text") or r.get("name"): r["id"] for r in data[name]}


def test_the_demos_late_delivery_pain_leads_to_the_teams_and_their_bonus(demo_data: dict) -> None:
    web = th.web(demo_data, "en")
    pain = next(p for p in demo_data["pain"] if p["text"].startswith("Deliveries arrive outside"))
    found = th.thread(web, f"n{pain['id']}")
    window = next(p for p in demo_data["promise"] if p["text"].startswith("We deliver within the two-hour window"))
    assert f"p{window['id']}" in found.nodes and f"c{pain['customer_id']}" == found.nodes[0]
    teams = {e.name: e for e in found.teams}
    assert {"Logistics", "Warehouse", "IT"} <= set(teams)
    assert any(e.pool for e in found.teams)  # the thread ends in a bonus pool that is paid
    assert all(e.profit is not None for e in found.teams)
    for start in web.artefacts():
        assert th.thread(web, start) is not None


def test_the_demos_gaps_are_its_factors_nobody_promises(demo_data: dict) -> None:
    web = th.web(demo_data, "en")
    promised = {p["factor_id"] for p in demo_data["promise"] if p["status"] != "rejected"}
    expected = {f"f{f['id']}" for f in demo_data["value_factor"] if f["id"] not in promised}
    assert {g.node for g in web.gaps} == expected and {g.kind for g in web.gaps} == {th.NO_FACTOR_PROMISE}
    values = [g.value for g in web.gaps]
    assert values == sorted(values, reverse=True) and values[0] > 0


def test_money_at_risk_now_on_the_demo(demo_data: dict) -> None:
    m = risk.model(demo_data)
    now = risk.now(m)
    assert 0 < now.revenue <= sum(m.basis.revenue.values()) and now.ltv > 0
    assert now.balance == pytest.approx((0.0, 0.0), abs=1e-6)
    assert {t.name for t in now.teams} >= {"Sales", "Logistics"}
    assert m.basis.period == "2026-Q3"  # the demo's economics period (db/demo/round1/step7.toml)


@pytest.mark.slow
def test_every_gap_type_is_found_on_the_large_workshop(large_data: dict) -> None:
    web = th.web(large_data, "en")
    found: dict[str, set[str]] = {kind: set() for kind in th.GAP_KINDS}
    for gap in web.gaps:
        found[gap.kind].add(gap.node)
    assert all(found.values()), {k: len(v) for k, v in found.items()}
    agreed = {p["id"] for p in large_data["promise"] if p["status"] == "agreed"}
    backed = {s["parent_promise_id"] for s in large_data["promise_support"]}
    assert found[th.UNBACKED] == {f"p{p}" for p in agreed - backed}
    assert found[th.NO_METRIC] == {f"i{ip['id']}" for ip in large_data["internal_promise"] if not pr.has_metric(ip)}
    with_numbers = {e["department_id"] for e in large_data["economics"]}
    assert found[th.NO_ECONOMICS] == {f"d{d['id']}" for d in large_data["department"] if d["id"] not in with_numbers}
    unanswered = {f"n{r.id}" for rows in value.unanswered_top_pains(large_data).values() for r in rows}
    assert found[th.TOP_PAIN] == unanswered
    live = {p["factor_id"] for p in large_data["promise"] if p["status"] != "rejected"}
    assert found[th.NO_FACTOR_PROMISE] == {f"f{f['id']}" for f in large_data["value_factor"] if f["id"] not in live}
    values = [g.value for g in web.gaps]
    assert values == sorted(values, reverse=True) and values[0] > 0


@pytest.mark.slow
def test_every_promise_of_the_large_workshop_has_a_thread_and_a_price(large_data: dict) -> None:
    web = th.web(large_data, "en")
    promises = list(web.net.order)
    assert len(promises) > 400
    for pid in promises:
        found = th.thread(web, pid)
        assert found is not None and pid in found.nodes
        if pid[0] == "i":  # an internal promise's thread climbs to every customer promise it supports
            tops = {n for n in found.nodes if n[0] == "p"}
            assert tops == set(graph.ids(web.net, web.net.closure[web.net.bits[pid]] & web.net.external_mask))
        cost = risk.at_risk(web.model, [pid])
        assert cost.revenue >= 0 and cost.balance == pytest.approx((0.0, 0.0), abs=1e-6)
