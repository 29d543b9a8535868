"""The four bonus variants, their formulas and warnings, the split among members, and completion."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cvm_core import motivation as mot

money = st.one_of(st.none(), st.floats(-1e9, 1e9, allow_nan=False, allow_infinity=False))
share = st.floats(0, 100, allow_nan=False)


def test_variant1_pays_the_share_of_profit_and_nothing_on_a_loss() -> None:
    bonus = mot.profit_share(50_000, 20)
    assert bonus.pool == pytest.approx(10_000) and bonus.computed and not bonus.warnings
    assert bonus.formula.text("en") == "20% × net profit 50,000 = 10,000"
    assert bonus.formula.text("ru") == "20\u00a0% × чистая прибыль 50\u00a0000 = 10\u00a0000"
    loss = mot.profit_share(-500, 20)
    assert loss.pool == 0 and loss.warning_keys() == ["step8.warn.loss"]
    assert "−500" in loss.formula.text("en")
    assert mot.profit_share(0, 20).pool == 0
    missing = mot.profit_share(None, 20)
    assert not missing.computed and missing.warning_keys() == ["step8.warn.missing_profit"]


def test_variant1_uses_the_default_share_when_none_is_set() -> None:
    bonus = mot.profit_share(1000, None)
    assert bonus.pool == pytest.approx(200)
    assert bonus.warning_keys() == ["step8.warn.default_share"]


def test_variant2_pays_on_growth_over_the_baseline() -> None:
    bonus = mot.growth_share(7000, 4000, 25)
    assert bonus.pool == pytest.approx(750)
    assert bonus.formula.text("en") == "25% × (net profit 7,000 − baseline 4,000) = 25% × 3,000 = 750"
    shrink = mot.growth_share(3000, 4000, 25)
    assert shrink.pool == 0 and shrink.warning_keys() == ["step8.warn.no_growth"]


def test_variant2_with_a_zero_or_negative_baseline_counts_growth_from_zero() -> None:
    zero = mot.growth_share(1000, 0, 20)
    assert zero.pool == pytest.approx(200) and zero.warning_keys() == ["step8.warn.zero_baseline"]
    negative = mot.growth_share(1000, -5000, 20)
    assert negative.pool == pytest.approx(200)  # not 20% of 6000: shrinking a loss alone pays nothing
    assert negative.warning_keys() == ["step8.warn.negative_baseline"]
    still_loss = mot.growth_share(-1000, -5000, 20)
    assert still_loss.pool == 0 and "step8.warn.loss" in still_loss.warning_keys()
    missing = mot.growth_share(1000, None, 20)
    assert not missing.computed and missing.warning_keys() == ["step8.warn.missing_baseline"]


def test_variant3_shares_company_profit_by_weight() -> None:
    bonus = mot.company_share(300_000, 30, 20)
    assert bonus.pool == pytest.approx(18_000)
    assert bonus.formula.text("en") == "20% × company profit 300,000 × team weight 30% = 18,000"
    loss = mot.company_share(-10, 30, 20)
    assert loss.pool == 0 and loss.warning_keys() == ["step8.warn.company_loss"]
    missing = mot.company_share(None, None, 20)
    assert not missing.computed
    assert missing.warning_keys() == ["step8.warn.missing_company_profit", "step8.warn.missing_weight"]


def test_variant4_scales_the_profit_share_by_promises_met() -> None:
    bonus = mot.fulfilment_share(10_000, 3, 4, 1, 20)
    assert bonus.pool == pytest.approx(1500)
    assert bonus.warning_keys() == ["step8.warn.promises_no_data"]
    assert bonus.formula.text("en") == "20% × net profit 10,000 × 3 of 4 promises met = 1,500"
    none = mot.fulfilment_share(10_000, 0, 0, 0, 20)
    assert none.pool == 0 and none.warning_keys() == ["step8.warn.no_promises"]
    assert mot.fulfilment_share(-1, 4, 4, 0, 20).pool == 0


@given(money, share)
def test_variant1_never_negative_and_never_above_the_share(profit, pct) -> None:
    pool = mot.profit_share(profit, pct).pool
    assert 0 <= pool <= pct / 100 * max(profit or 0, 0) + 1e-6


@given(money, money, share)
def test_variant2_never_pays_more_than_variant1(profit, baseline, pct) -> None:
    growth = mot.growth_share(profit, baseline, pct).pool
    assert 0 <= growth <= mot.profit_share(profit, pct).pool + 1e-6


@given(money, st.one_of(st.none(), st.floats(0, 100)), share)
def test_variant3_never_negative_nor_above_the_company_share(company, weight, pct) -> None:
    pool = mot.company_share(company, weight, pct).pool
    assert 0 <= pool <= pct / 100 * max(company or 0, 0) + 1e-6


@given(money, st.integers(0, 20), st.integers(0, 20), share)
def test_variant4_between_zero_and_variant1(profit, met, extra, pct) -> None:
    pool = mot.fulfilment_share(profit, met, met + extra, 0, pct).pool
    assert 0 <= pool <= mot.profit_share(profit, pct).pool + 1e-6


def test_split_by_share_and_warnings() -> None:
    members = [{"name": "A", "role": "Lead", "bonus_share": 60}, {"name": "B", "bonus_share": 40}]
    payouts, warnings = mot.split(1000, members)
    assert [(p.name, p.amount) for p in payouts] == [("A", 600), ("B", 400)] and warnings == ()
    off = [{"name": "A", "bonus_share": 60}, {"name": "B", "bonus_share": 90}]
    payouts, warnings = mot.split(1500, off)
    assert [p.amount for p in payouts] == [600, 900]
    assert warnings[0].key == "step8.warn.shares_not_100" and warnings[0].text("en").startswith(
        "Members' bonus shares add up to 150%, not 100%"
    )
    assert mot.split(1000, [])[1][0].key == "step8.warn.no_members"
    assert mot.split(1000, [{"name": "A", "bonus_share": None}])[1][0].key == "step8.warn.no_shares"


@given(st.floats(0, 1e9), st.lists(st.floats(0, 100), min_size=1, max_size=8))
def test_the_whole_pool_is_split_when_anyone_has_a_share(pool, shares) -> None:
    payouts, _ = mot.split(pool, [{"name": str(i), "bonus_share": s} for i, s in enumerate(shares)])
    if sum(shares) > 0:
        assert sum(p.amount for p in payouts) == pytest.approx(pool, rel=1e-9, abs=1e-6)


def workshop() -> dict:
    departments = [{"id": d, "name": n, "takes_part": True} for d, n in ((1, "IT"), (2, "Sales"), (3, "Service"))]
    economics = [
        {
            "department_id": 2,
            "period": "2026-Q3",
            "success_metric_name": "M",
            "revenue_external": 10_000,
            "direct_costs": 2_000,
            "other_costs": 0,
        },
        {
            "department_id": 3,
            "period": "2026-Q3",
            "success_metric_name": "M",
            "revenue_external": 1_000,
            "direct_costs": None,
        },
    ]
    return {
        "department": departments,
        "economics": economics,
        "internal_promise": [
            {
                "id": 5,
                "supplier_department_id": 3,
                "client_department_id": 2,
                "price_amount": None,
                "metric_target": 90,
                "metric_current": 95,
            },
            {
                "id": 6,
                "supplier_department_id": 3,
                "client_department_id": 1,
                "price_amount": None,
                "metric_target": 90,
                "metric_current": None,
            },
        ],
        "promise": [{"id": 9, "owner_department_id": 3, "status": "agreed", "metric_target": 1, "metric_current": 0}],
        "motivation_plan": [
            {"department_id": 1, "variant": 3, "share_pct": 20, "company_profit": 100_000, "team_weight": 40},
            {"department_id": 2, "variant": 1, "share_pct": 20},
            {"department_id": 3, "variant": 4, "share_pct": 20},
        ],
        "team_member": [
            {"department_id": 2, "name": "Ann", "bonus_share": 70},
            {"department_id": 2, "name": "Bob", "bonus_share": 30},
        ],
    }


def test_team_bonuses_from_a_snapshot() -> None:
    it, sales, service = mot.team_bonuses(workshop(), "2026-Q3")
    assert it.bonus.pool == pytest.approx(8000)
    assert "step8.warn.weights_not_100" in it.bonus.warning_keys()
    assert "step8.warn.no_members" in [w.key for w in it.warnings]
    assert sales.bonus.pool == pytest.approx(1600)
    assert [(p.name, p.amount) for p in sales.payouts] == [("Ann", pytest.approx(1120)), ("Bob", pytest.approx(480))]
    assert service.bonus.formula.params["met"] == 1 and service.bonus.formula.params["count"] == 3
    assert "step8.warn.economics_incomplete" in service.bonus.warning_keys()
    assert not it.variants[1].computed  # IT has no numbers: the profit variants cannot be computed


def test_comparison_table_marks_the_chosen_variant() -> None:
    rows = mot.comparison_table(mot.team_bonuses(workshop(), "2026-Q3"), "en")
    sales = rows[1]
    assert sales["Team"] == "Sales" and sales["Net profit ✓"] == pytest.approx(1600)
    assert sales["Growth"] is None  # no baseline
    assert rows[0]["Company profit ✓"] == pytest.approx(8000)


def test_completion_needs_a_plan_and_a_computable_pool() -> None:
    data = workshop()
    assert mot.completion(data).done
    data["motivation_plan"][0]["company_profit"] = None
    data["motivation_plan"].pop()
    result = mot.completion(data)
    assert [m.key for m in result.missing] == ["step8.missing.not_computed", "step8.missing.no_plan"]
    assert not mot.completion({}).done
