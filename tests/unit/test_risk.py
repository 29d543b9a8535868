"""Money at risk: the shares promises carry, segment revenue from the teams' economics, and its properties
(never negative, zero when nothing breaks, additive over independent failures, bounded by the segments'
revenue, the internal economy zero-sum under any what-if)."""

import math

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from cvm_core import economics as econ
from cvm_core import graph as g
from cvm_core import motivation, negotiate, risk
from tests.unit.workshops import PERIOD, workshops

CLOSE = {"rel_tol": 1e-9, "abs_tol": 1e-6}
PROPERTY = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def promise(pid: int, customer: int = 1, factor: int | None = None, share: float | None = None, **extra) -> dict:
    row = {"id": pid, "customer_id": customer, "factor_id": factor, "status": "agreed", "revenue_share": share}
    return row | {"owner_department_id": None, "text": f"P{pid}"} | extra


FACTORS = [{"id": 1, "customer_id": 1, "weight": 6}, {"id": 2, "customer_id": 1, "weight": 2}]


def test_by_default_a_promise_carries_its_factors_weight_among_the_segments_factors() -> None:
    shares, explicit, scaled = risk.shares([promise(1, factor=1), promise(2, factor=1), promise(3)], FACTORS)
    # weights 6 and 2, plus one promise without a factor counting as weight 1: 9 in all
    assert shares == pytest.approx({1: 3 / 9, 2: 3 / 9, 3: 1 / 9})
    assert explicit == frozenset() and scaled == frozenset()


def test_a_set_share_wins_and_the_defaults_fit_in_what_it_leaves() -> None:
    shares, explicit, _ = risk.shares([promise(1, factor=1, share=90), promise(2, factor=2)], FACTORS)
    assert shares[1] == pytest.approx(0.9) and explicit == {1}
    assert shares[2] == pytest.approx(0.1)  # 2 of 8 would be 25 %: scaled down to the 10 % left


def test_set_shares_over_100_are_scaled_down_and_rejected_promises_carry_nothing() -> None:
    rows = [promise(1, share=80), promise(2, share=70), promise(3, share=50, status="rejected")]
    shares, _, scaled = risk.shares(rows, FACTORS)
    assert shares == pytest.approx({1: 80 / 150, 2: 70 / 150}) and scaled == {1}


def test_a_teams_revenue_is_split_over_the_segments_it_serves_by_their_worth() -> None:
    parts, unattributed = risk.attribute({1: 300.0, 2: 100.0, 3: 50.0}, {10: {1, 2}, 20: {1}}, {10: 2.0, 20: 1.0})
    assert parts == {10: {1: 200.0, 2: 100.0}, 20: {1: 100.0}}
    assert unattributed == {3: 50.0}
    equal, _ = risk.attribute({1: 300.0}, {10: {1}, 20: {1}}, {10: 5.0, 20: 0.0})
    assert equal == {10: {1: 150.0}, 20: {1: 150.0}}  # a segment of unknown worth: equal parts


def small() -> dict:
    """Sales owns a promise to restaurants (its only factor), backed by Warehouse, backed in turn by IT."""
    data = {
        "workshop": [{"id": 1, "hour_rate": None}],
        "department": [
            {"id": d, "name": n, "takes_part": True} for d, n in ((1, "Sales"), (2, "Warehouse"), (3, "IT"))
        ],
        "customer": [{"id": 1, "name": "Restaurants", "kind": "external", "segment_size": 10, "ltv": 1000.0}],
        "customer_department": [{"id": 1, "customer_id": 1, "department_id": 1}],
        "value_factor": [{"id": 1, "customer_id": 1, "weight": 3}],
        "promise": [
            promise(1, factor=1, owner_department_id=1, metric_target=95, metric_current=99, metric_name="On time")
        ],
        "internal_promise": [
            {"id": 1, "supplier_department_id": 2, "client_department_id": 1, "price_amount": 1000.0, "text": "Pick"},
            {"id": 2, "supplier_department_id": 3, "client_department_id": 2, "price_amount": 300.0, "text": "WMS"},
        ],
        "promise_support": [
            {"id": 1, "internal_promise_id": 1, "parent_promise_id": 1, "parent_internal_id": None},
            {"id": 2, "internal_promise_id": 2, "parent_promise_id": None, "parent_internal_id": 1},
        ],
        "economics": [
            {"id": d, "department_id": d, "period": PERIOD, "revenue_external": r, "direct_costs": 0.0}
            for d, r in ((1, 90_000.0), (2, 0.0), (3, 0.0))
        ],
        "motivation_plan": [
            {"id": 1, "department_id": 1, "variant": 1, "share_pct": 20.0},
            {"id": 2, "department_id": 3, "variant": 3, "share_pct": 10.0, "company_profit": 1e6, "team_weight": 50.0},
        ],
    }
    return data


def test_if_it_fails_the_whole_chain_above_falls_and_the_money_moves() -> None:
    m = risk.model(small())
    found = risk.at_risk(m, ["d3"])
    assert (found.promises, found.internal) == ((1,), (1, 2))
    assert found.revenue == pytest.approx(90_000) and found.ltv == pytest.approx(10_000)
    by = {t.name: t for t in found.teams}
    # a quarter: IT loses 3 × 300 of internal sales; Warehouse loses 3 × 1000 and no longer pays IT 900
    assert (by["IT"].sales_lost, by["Warehouse"].sales_lost, by["Warehouse"].purchases_saved) == (900, 3000, 900)
    assert by["Sales"].external_lost == pytest.approx(90_000) and by["Sales"].purchases_saved == 3000
    assert by["Sales"].profit_after == pytest.approx(by["Sales"].profit_before - 87_000)
    assert by["Sales"].pool_after == pytest.approx(0.2 * by["Sales"].profit_after)
    assert by["IT"].pool_before == pytest.approx(0.1 * 1e6 * 0.5)  # variant 3 follows the company's profit
    assert by["IT"].pool_after == pytest.approx(0.1 * (1e6 - 90_000) * 0.5)
    assert found.balance == (0.0, 0.0)


def test_money_at_risk_now_counts_what_is_broken_or_at_risk_today() -> None:
    data = small()
    assert risk.now(risk.model(data)).empty  # everything measured is met or has no data
    data["internal_promise"][1] |= {"metric_name": "Uptime", "metric_target": 99.0, "metric_current": 90.0}
    found = risk.now(risk.model(data))
    assert found.failing == ("i2",) and found.promises == (1,) and found.revenue == pytest.approx(90_000)


def test_a_promise_to_an_internal_customer_puts_no_outside_revenue_at_risk() -> None:
    data = small()
    data["customer"].append({"id": 2, "name": "Sales desk", "kind": "internal", "department_id": 1})
    data["promise"].append(promise(2, customer=2, metric_target=1, metric_current=0))
    found = risk.at_risk(risk.model(data), ["p2"])
    assert found.promises == (2,) and found.revenue == 0 and found.ltv == 0


# --- properties -------------------------------------------------------------------------------------------------


def failures(data: dict) -> st.SearchStrategy[list[str]]:
    net = g.network(data)
    items = [*net.order, *(n for n in net.nodes if n.startswith("d"))]
    return st.lists(st.sampled_from(items), max_size=4) if items else st.just([])


@PROPERTY
@given(st.data(), workshops())
def test_never_negative_and_bounded_by_the_segments(data: st.DataObject, workshop: dict) -> None:
    m = risk.model(workshop)
    found = risk.at_risk(m, data.draw(failures(workshop)))
    assert found.revenue >= 0 and found.ltv >= 0 and found.internal_lost >= 0
    for s in found.segments:
        assert 0 <= s.revenue <= s.revenue_total * (1 + 1e-9) + 1e-6
        assert 0 <= s.ltv <= s.ltv_total * (1 + 1e-9) + 1e-6
    assert found.revenue <= math.fsum(m.basis.revenue.values()) * (1 + 1e-9) + 1e-6
    for t in found.teams:
        assert min(t.external_lost, t.sales_lost, t.purchases_saved, t.hours_sold_lost, t.hours_bought_saved) >= 0


@PROPERTY
@given(workshops())
def test_zero_when_nothing_breaks(workshop: dict) -> None:
    m = risk.model(workshop)
    nothing = risk.at_risk(m, [])
    assert nothing.empty and nothing.revenue == 0 and nothing.ltv == 0 and nothing.teams == ()
    for row in (*workshop["promise"], *workshop["internal_promise"]):
        row |= {"metric_name": "Level", "metric_target": 1.0, "metric_current": 2.0}  # every promise met
    assert risk.now(risk.model(workshop)).teams == ()


@PROPERTY
@given(st.data(), workshops())
def test_additive_over_independent_failures(data: st.DataObject, workshop: dict) -> None:
    m = risk.model(workshop)
    first, second = data.draw(failures(workshop)), data.draw(failures(workshop))
    assume(risk.mask_of(m.net, first) & risk.mask_of(m.net, second) == 0)
    a, b, both = risk.at_risk(m, first), risk.at_risk(m, second), risk.at_risk(m, first + second)
    assert math.isclose(both.revenue, a.revenue + b.revenue, **CLOSE)
    assert math.isclose(both.ltv, a.ltv + b.ltv, **CLOSE)
    for field in ("external_lost", "sales_lost", "purchases_saved", "hours_sold_lost", "profit_change"):
        apart = {t.department_id: getattr(t, field) for t in a.teams}
        for t in b.teams:
            apart[t.department_id] = apart.get(t.department_id, 0.0) + getattr(t, field)
        together = {t.department_id: getattr(t, field) for t in both.teams}
        for team in set(apart) | set(together):
            assert math.isclose(apart.get(team, 0.0), together.get(team, 0.0), **CLOSE), (field, team)


@PROPERTY
@given(st.data(), workshops())
def test_the_internal_economy_stays_zero_sum_when_promises_fail(data: st.DataObject, workshop: dict) -> None:
    found = risk.at_risk(risk.model(workshop), data.draw(failures(workshop)))
    money, hours = found.balance
    assert math.isclose(money, 0.0, abs_tol=1e-6) and math.isclose(hours, 0.0, abs_tol=1e-6)


@PROPERTY
@given(st.data(), workshops(max_internal=6))
def test_the_internal_economy_stays_zero_sum_at_any_price(data: st.DataObject, workshop: dict) -> None:
    assume(workshop["internal_promise"])
    row = data.draw(st.sampled_from(workshop["internal_promise"]))
    amount = data.draw(st.floats(0, 1e7, allow_nan=False))
    found = negotiate.what_if(workshop, row["id"], amount, PERIOD)
    assert found is not None and found.zero_sum
    supplier, client = found.sides
    if supplier.profit_change is not None and client.profit_change is not None:
        assert math.isclose(supplier.profit_change, -client.profit_change, rel_tol=1e-9, abs_tol=1e-6)


@settings(max_examples=300, deadline=None)
@given(
    st.integers(1, 4),
    st.fixed_dictionaries(
        {
            "share_pct": st.one_of(st.none(), st.floats(0, 100)),
            "baseline_profit": st.one_of(st.none(), st.floats(-1e6, 1e6)),
            "company_profit": st.one_of(st.none(), st.floats(-1e6, 1e6)),
            "team_weight": st.one_of(st.none(), st.floats(0, 100)),
        }
    ),
    st.one_of(st.none(), st.floats(-1e6, 1e6)),
    st.tuples(st.integers(0, 5), st.integers(0, 5)),
)
def test_the_quick_pool_is_the_pool_step_8_computes(variant: int, plan: dict, profit, score: tuple) -> None:
    met, extra = score
    scored = motivation.PromiseScore(met, met + extra, 0)
    full = motivation.compute(variant, plan, profit, scored)
    quick = motivation.pool(variant, plan, profit, scored)
    assert (quick is None) == (not full.computed)
    if quick is not None:
        assert math.isclose(quick, full.pool, rel_tol=1e-12, abs_tol=1e-9)


def test_the_price_what_if_moves_money_between_the_two_teams_only() -> None:
    data = small()
    found = negotiate.what_if(data, 1, 2000.0)
    supplier, client = found.sides
    assert (supplier.name, client.name) == ("Warehouse", "Sales")
    assert supplier.profit_change == pytest.approx(3000) and client.profit_change == pytest.approx(-3000)
    assert set(supplier.after) == set(motivation.VARIANTS) and found.zero_sum
    assert client.after[1].pool == pytest.approx(0.2 * client.profit_after)
    months = econ.period_months(PERIOD)
    assert found.price_before == 1000 and months == 3
    assert negotiate.what_if(data, 99, 1.0) is None
