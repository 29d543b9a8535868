"""Team economics: internal sales and purchases from internal prices, net profit, verdict and charts."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cvm_core import economics as econ


def ip(supplier: int, client: int, amount: float | None, unit: str = "money", per: str = "month") -> dict:
    return {
        "supplier_department_id": supplier,
        "client_department_id": client,
        "price_amount": amount,
        "price_unit": unit,
        "price_period": per,
    }


@pytest.mark.parametrize(
    ("label", "months"),
    [
        ("2026-Q3", 3),
        ("Q1 2027", 3),
        ("3 кв. 2026", 3),
        ("2026-09", 1),
        ("09.2026", 1),
        ("Sep 2026", 1),
        ("сентябрь 2026", 1),
        ("H1 2026", 6),
        ("2 полугодие 2026", 6),
        ("2026", 12),
        ("FY2026", 12),
        ("2026 год", 12),
        ("pilot", None),
        ("", None),
    ],
)
def test_period_length_is_read_from_the_label(label: str, months: int | None) -> None:
    assert econ.period_months(label) == months


def test_prices_are_spread_per_month_and_counted_for_the_period() -> None:
    assert econ.monthly_price(ip(1, 2, 1200, per="year")) == 100
    assert econ.monthly_price(ip(1, 2, 300, per="quarter")) == 100
    assert econ.monthly_price(ip(1, 2, None)) == 0
    flows = econ.internal_flows([ip(1, 2, 100), ip(2, 3, 900, per="quarter"), ip(3, 1, 10, unit="hours")], months=3)
    assert (flows[1].sales, flows[1].purchases, flows[1].purchases_hours) == (300, 0, 30)
    assert (flows[2].sales, flows[2].purchases) == (900, 300)
    assert (flows[3].purchases, flows[3].sales_hours) == (900, 30)
    assert flows[2].net == 600
    converted = econ.internal_flows([ip(3, 1, 10, unit="hours")], months=3, hour_rate=50)
    assert (converted[3].sales, converted[1].purchases, converted[3].sales_hours) == (1500, 1500, 0)


promises = st.lists(
    st.builds(
        ip,
        st.integers(1, 8),
        st.integers(1, 8),
        st.one_of(st.none(), st.floats(0, 1e9, allow_nan=False)),
        st.sampled_from(["money", "hours"]),
        st.sampled_from(["month", "quarter", "year"]),
    ).filter(lambda r: r["supplier_department_id"] != r["client_department_id"]),
    max_size=60,
)


@given(promises, st.sampled_from([1, 3, 6, 12]), st.one_of(st.none(), st.floats(0, 500, allow_nan=False)))
def test_internal_sales_and_purchases_cancel_out_across_the_company(rows, months, rate) -> None:
    flows = econ.internal_flows(rows, months, rate)
    money, hours = econ.company_balance(flows)
    scale = max(1.0, sum(f.sales + f.sales_hours for f in flows.values()))
    assert abs(money) <= 1e-9 * scale and abs(hours) <= 1e-9 * scale
    assert math.isclose(sum(f.net for f in flows.values()), 0, abs_tol=1e-9 * scale)
    assert all(f.sales >= 0 and f.purchases >= 0 for f in flows.values())


def snapshot() -> dict:
    return {
        "department": [
            {"id": 1, "name": "Sales", "takes_part": True},
            {"id": 2, "name": "Warehouse", "takes_part": True},
            {"id": 3, "name": "HQ", "takes_part": False},
        ],
        "internal_promise": [ip(2, 1, 1000), ip(1, 2, 50, unit="hours")],
        "economics": [
            {
                "department_id": 1,
                "period": "2026-Q3",
                "success_metric_name": "Margin",
                "revenue_external": 10000,
                "direct_costs": 4000,
                "other_costs": 1000,
                "growth_target_pct": 5,
                "growth_actual_pct": 7,
            },
            {"department_id": 2, "period": "2026-Q3", "success_metric_name": "Lines", "revenue_external": 0},
        ],
    }


def test_net_profit_includes_internal_sales_and_purchases() -> None:
    sales, warehouse = econ.team_economics(snapshot(), "2026-Q3")
    assert (sales.name, sales.months, sales.period_known) == ("Sales", 3, True)
    assert (sales.internal_sales, sales.internal_purchases, sales.flows.sales_hours) == (0, 3000, 150)
    assert sales.net_profit == 10000 - 3000 - 4000 - 1000
    assert sales.value_created == 10000 and sales.costs == 8000
    assert sales.verdict == econ.COVERS and sales.growth_met is True
    assert warehouse.net_profit == 3000 and warehouse.missing == ("direct_costs",)
    assert warehouse.verdict == econ.INCOMPLETE and warehouse.growth_met is None


def test_verdicts_for_a_loss_break_even_and_no_numbers() -> None:
    data = snapshot()
    data["economics"][0]["direct_costs"] = 6000
    assert econ.team_economics(data, "2026-Q3")[0].verdict == econ.BREAK_EVEN
    data["economics"][0]["direct_costs"] = 9000
    assert econ.team_economics(data, "2026-Q3")[0].verdict == econ.SHORT
    nothing = econ.team_economics(data, "2027")[0]
    assert nothing.net_profit is None and nothing.verdict == econ.INCOMPLETE and nothing.months == 12


def test_an_unknown_period_counts_as_one_month() -> None:
    sales = econ.team_economics(snapshot(), "pilot")[0]
    assert (sales.months, sales.period_known, sales.internal_purchases) == (1, False, 1000)


def test_periods_latest_first_and_default_period() -> None:
    from datetime import date

    assert econ.periods([{"period": "2026-Q2"}, {"period": "2026-Q3"}, {"period": "2026-Q2"}]) == ["2026-Q3", "2026-Q2"]
    assert econ.default_period(date(2026, 8, 15)) == "2026-Q3"


def test_pnl_table_and_charts() -> None:
    teams = econ.team_economics(snapshot(), "2026-Q3")
    table = econ.pnl_table(teams, "en")
    assert table[0]["Team"] == "Sales" and table[0]["Net profit"] == 2000
    assert table[0]["Value ≥ costs?"].endswith("covers its costs")
    priced = econ.pnl_table(teams, "en", "€")[0]
    assert priced["Net profit, €"] == 2000 and priced["Team"] == "Sales"
    spec = econ.pnl_chart(teams, "ru").to_dict()
    bars = spec["layer"][0]["data"]["values"]
    purchases = next(b for b in bars if b["team"] == "Sales" and b["part"] == "Внутренние закупки")
    assert purchases["amount"] == -3000
    assert spec["config"]["locale"]["number"]["decimal"] == ","  # axes and tooltips read as Russian
    growth = econ.growth_chart(teams, "en").to_dict()
    points = growth["data"]["values"]
    assert [p["team"] for p in points] == ["Sales"]  # Warehouse has no growth figure


def test_completion_needs_the_required_numbers_of_every_team_taking_part() -> None:
    result = econ.completion(snapshot())
    assert (result.done_count, result.total) == (1, 2)
    assert result.missing[0].params == {"team": "Warehouse"}
    assert not econ.completion({}).done


def test_the_workshop_hour_rate_turns_hours_into_money() -> None:
    from cvm_core.economics import hour_rate_of, team_economics

    data = {
        "workshop": [{"hour_rate": 50.0}],
        "department": [{"id": 1, "name": "IT"}, {"id": 2, "name": "Sales"}],
        "internal_promise": [
            {
                "supplier_department_id": 1,
                "client_department_id": 2,
                "price_amount": 10,
                "price_unit": "hours",
                "price_period": "month",
            },
        ],
        "economics": [],
    }
    assert hour_rate_of(data) == 50.0
    teams = {tm.name: tm for tm in team_economics(data, "2026-09")}
    assert teams["IT"].flows.sales == 500 and teams["Sales"].flows.purchases == 500
    hours = {tm.name: tm for tm in team_economics({**data, "workshop": [{}]}, "2026-09")}
    assert hours["IT"].flows.sales == 0 and hours["IT"].flows.sales_hours == 10
