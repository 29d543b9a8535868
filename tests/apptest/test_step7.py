"""Step 7 page: team numbers in, internal sales and purchases from prices, the check and charts out."""

from db import read
from db.demo import build_demo
from tests.apptest.conftest import open_tab, press, save_table, texts
from tests.apptest.steps69 import widget
from tests.helpers import create

PAGE = "pages/step7_economics.py"
NUMBERS_TAB = "✏️ The teams' numbers"


def add_numbers(at, department: int, revenue, direct, period: str = "2026-Q3") -> None:
    widget(at, "selectbox", "Team").set_value(department)
    at.text_input(key="new_economics_period").input(period)
    at.text_input(key="new_economics_metric").input("Margin")
    at.number_input(key="new_economics_revenue").set_value(revenue)
    at.number_input(key="new_economics_direct").set_value(direct)
    press(at, "Add a team's numbers")


def test_numbers_become_a_profit_and_loss_with_internal_prices(new_app, small, app_db) -> None:
    fay, ids = small
    price = {"supplier_department_id": ids["IT"], "client_department_id": ids["Sales"], "text": "Portal"}
    create(app_db, fay, "internal_promise", **price | {"price_amount": 1000})
    at = new_app("en", fay, PAGE)
    assert not at.exception
    assert "No team has numbers for this period yet. Add them below." in texts(at)
    open_tab(at, "step7_tab", NUMBERS_TAB)
    add_numbers(at, ids["Sales"], 10_000, 2_000)
    add_numbers(at, ids["IT"], 0, 5_000)
    assert not at.exception
    open_tab(at, "step7_tab", "⚖️ Value against costs")
    shown = texts(at)
    assert "counted for 3 months of this period" in shown
    assert "Value created does not cover the costs: IT." in shown
    table = at.dataframe[0].value
    sales = table[table["Team"] == "Sales"].iloc[0]
    assert sales["Internal purchases"] == 3000 and sales["Net profit"] == 5000
    assert table[table["Team"] == "IT"].iloc[0]["Internal sales"] == 3000
    assert [m.value for m in at.metric][:3] == ["1 / 2", "3,000", "✅ 0"]
    assert "The step's criterion is met." in shown
    open_tab(at, "step7_tab", "📊 Charts")
    assert len(at.get("vega_lite_chart")) == 1  # no growth figures yet: only the P&L chart
    assert "Growth appears here once teams fill in their actual growth." in texts(at)


def test_negative_money_empty_period_and_nan_are_handled(new_app, small, app_db) -> None:
    fay, ids = small
    at = new_app("en", fay, PAGE)
    open_tab(at, "step7_tab", NUMBERS_TAB)
    add_numbers(at, ids["Sales"], -100, 10)
    assert "Revenue from external customers: must be between 0 and 1,000,000,000,000." in texts(at)
    add_numbers(at, ids["Sales"], 100, 10, period=" ")
    assert "Period: this field is required." in texts(at)
    add_numbers(at, ids["Sales"], 100, 10, period="pilot")
    save_table(at, "economics", {0: {"direct_costs": float("nan"), "growth_actual_pct": 5000}})
    assert "Growth actual, %: must be between −1,000 and 1,000." in texts(at)
    assert "We cannot tell how long the period “pilot” is" in texts(at)
    row = read.rows(app_db, workshop_id=fay.workshop_id, entity_name="economics")[0]
    assert row["direct_costs"] == 10  # nothing half-written: the row was refused as a whole


def test_step7_in_russian_on_the_demo(new_app, app_db) -> None:
    from db.services import Actor
    from db.workshops import participants

    workshop_id = build_demo(app_db, "ru")
    fay = next(p for p in participants(app_db, workshop_id=workshop_id) if p["role"] == "facilitator")
    at = new_app("ru", Actor(workshop_id, fay["id"], fay["display_name"]), PAGE)
    assert not at.exception
    shown = texts(at)
    assert "Шаг 7 · Метрика успеха команды и экономика" in shown
    assert "Покрывает ли созданная ценность затраты?" in shown
    assert "Внутренние цены в часах считаются деньгами" in shown  # the demo sets an hourly rate
    assert "Проданные часы в прибыль не входят" not in shown
    open_tab(at, "step7_tab", "📊 Графики")
    assert len(at.get("vega_lite_chart")) == 2
