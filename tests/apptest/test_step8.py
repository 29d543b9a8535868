"""Step 8 page: a team picks a variant, the pool and its formula show, the split warns; bad input refused."""

from db import read
from tests.apptest.conftest import open_tab, press, save_table, texts
from tests.apptest.steps69 import widget
from tests.helpers import create

PAGE = "pages/step8_motivation.py"
PLANS_TAB = "🎯 Choose a variant"


def numbers(engine, fay, department: int, revenue: float, direct: float) -> None:
    data = {
        "department_id": department,
        "period": "2026-Q3",
        "success_metric_name": "Margin",
        "revenue_external": revenue,
        "direct_costs": direct,
    }
    create(engine, fay, "economics", **data)


def choose(at, department: int, variant: int, share: float | None = 20) -> None:
    widget(at, "selectbox", "Team").set_value(department)
    at.radio(key="new_plan_variant").set_value(variant)
    at.number_input(key="new_plan_share").set_value(share)
    press(at, "Choose a variant for a team")


def test_a_team_chooses_a_variant_and_sees_its_pool_and_split(new_app, small, app_db) -> None:
    fay, ids = small
    numbers(app_db, fay, ids["Sales"], 50_000, 10_000)
    numbers(app_db, fay, ids["IT"], 1_000, 5_000)
    for name, share in (("Ann", 70), ("Bob", 50)):
        member = {"department_id": ids["Sales"], "name": name, "bonus_share": share}
        create(app_db, fay, "team_member", **member)
    at = new_app("en", fay, PAGE)
    assert "No team has chosen a variant yet. Choose one below." in texts(at)
    open_tab(at, "step8_tab", PLANS_TAB)
    choose(at, ids["Sales"], 1)
    choose(at, ids["IT"], 1)
    assert not at.exception
    open_tab(at, "step8_tab", "💰 Bonus pools")
    assert [m.value for m in at.metric][:3] == ["2 / 2", "8,000", "2"]
    formulas = list(at.dataframe[0].value["Formula"])
    assert formulas == ["net profit −4,000 is not above zero → pool 0", "20% × net profit 40,000 = 8,000"]
    at.session_state["step8_tab"] = "🔎 One team up close"
    at.session_state["step8_team"] = ids["Sales"]
    at.run()
    shown = texts(at)
    assert at.code[0].value == "20% × net profit 40,000 = 8,000"
    assert "Members' bonus shares add up to 120%, not 100%: the pool is split in proportion." in shown
    split = at.dataframe[0].value
    assert list(split["Bonus"].round(2)) == [4666.67, 3333.33]
    at.session_state["step8_team"] = ids["IT"]
    at.run()
    assert "Net profit is −4,000: there is no bonus in a loss period." in texts(at)
    open_tab(at, "step8_tab", "📊 All variants side by side")
    table = at.dataframe[0].value
    assert list(table.columns) == ["Team", "Net profit ✓", "Growth", "Company profit", "Promises kept"]


def test_share_of_150_negative_baseline_and_nan(new_app, small, app_db) -> None:
    fay, ids = small
    numbers(app_db, fay, ids["Sales"], 50_000, 10_000)
    at = new_app("en", fay, PAGE)
    open_tab(at, "step8_tab", PLANS_TAB)
    choose(at, ids["Sales"], 1, share=150)
    assert "Share, %: must be between 0 and 100." in texts(at)
    choose(at, ids["Sales"], 2, share=25)
    save_table(at, "motivation_plans", {0: {"baseline_profit": -5000, "share_pct": float("nan")}})
    assert not at.exception
    plan = read.rows(app_db, workshop_id=fay.workshop_id, entity_name="motivation_plan")[0]
    assert plan["baseline_profit"] == -5000 and plan["share_pct"] is None
    at.session_state["step8_tab"] = "🔎 One team up close"
    at.session_state["step8_team"] = ids["Sales"]
    at.run()
    shown = texts(at)
    assert "No share is set: the standard 20% is used." in shown
    assert "The baseline is a loss (−5,000): growth is counted from zero" in shown
    assert at.code[0].value == "20% × (net profit 40,000 − baseline 0) = 20% × 40,000 = 8,000"


def test_step8_in_russian(new_app, small, app_db) -> None:
    fay, ids = small
    create(app_db, fay, "motivation_plan", department_id=ids["IT"], variant=3)
    at = new_app("ru", fay, PAGE)
    assert not at.exception
    shown = texts(at)
    assert "Шаг 8 · Финансовая мотивация" in shown
    assert "Sales не выбрала вариант." in shown
    at.session_state["step8_tab"] = "🔎 Одна команда подробно"
    at.session_state["step8_team"] = ids["IT"]
    at.run()
    assert at.code[0].value == "пока не посчитано: не хватает исходных данных"
    assert "Укажите прибыль компании за период." in texts(at)
