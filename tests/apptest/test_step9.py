"""Step 9 page: test and learning cards, the repository search, feedback rounds and the mistakes log."""

from db import read
from tests.apptest.conftest import open_tab, press, texts
from tests.apptest.steps69 import widget
from tests.helpers import create, update

PAGE = "pages/step9_experiments.py"
CARD = {
    "title": "Late cut-off",
    "believe": "Restaurants order more when they can order late",
    "verify": "Open the portal until 23:00 for ten restaurants",
    "measure": "Orders per week",
    "right_if": "Orders grow by 10 %",
}


def fill_test_card(at, department: int, card: dict) -> None:
    widget(at, "selectbox", "Team").set_value(department)
    for field, value in card.items():
        widget_kind = at.text_input if field == "title" else at.text_area
        widget_kind(key=f"new_experiment_{field}").input(value)
    press(at, "Add the test card")


def test_test_card_learning_card_and_repository(new_app, small, app_db) -> None:
    fay, ids = small
    at = new_app("en", fay, PAGE)
    assert not at.exception
    fill_test_card(at, ids["Sales"], {**CARD, "believe": "  "})
    assert "We believe that: this field is required." in texts(at)
    fill_test_card(at, ids["Sales"], CARD)
    [row] = read.rows(app_db, workshop_id=fay.workshop_id, entity_name="experiment")
    assert row["status"] == "planned" and row["title"] == "Late cut-off"
    assert "IT has no experiment yet." in texts(at)

    open_tab(at, "step9_tab", "🎓 Learning card")
    assert "Restaurants order more when they can order late" in texts(at)
    press(at, "Close with this learning card")
    assert "We observed: needed to close the experiment." in texts(at)
    assert "Decision: needed to close the experiment." in texts(at)
    at.text_area[0].input("Orders grew by 14 %")
    at.text_area[1].input("Kitchens plan after evening service")
    at.radio[0].set_value("persevere")
    press(at, "Close with this learning card")
    closed = read.row(app_db, workshop_id=fay.workshop_id, entity_name="experiment", row_id=row["id"])
    assert (closed["status"], closed["decision"]) == ("closed", "persevere")
    assert "No experiment is waiting for its learning card." in texts(at)

    open_tab(at, "step9_tab", "📚 Hypothesis repository")
    at.text_input(key="repo_text").input("KITCHENS evening")
    at.run()
    assert "Found 1 of 1 experiment · Persevere: 1" in texts(at)
    at.text_input(key="repo_text").input("hotels")
    at.run()
    assert "Found 0 of 1 experiment" in texts(at)


def test_feedback_round_rating_matrix_and_closed_round(new_app, small, app_db) -> None:
    fay, ids = small
    link = {"supplier_department_id": ids["IT"], "client_department_id": ids["Sales"], "text": "Portal"}
    create(app_db, fay, "internal_promise", **link)
    at = new_app("en", fay, PAGE)
    open_tab(at, "step9_tab", "💬 Feedback between departments")
    assert "No feedback round yet." in texts(at)
    at.text_input(key="new_round_name").input("September")
    press(at, "Open a new round")
    [round_row] = read.rows(app_db, workshop_id=fay.workshop_id, entity_name="feedback_round")
    at.selectbox(key="rate_client").set_value(ids["Sales"])
    at.run()
    key = f"{round_row['id']}_{ids['Sales']}_{ids['IT']}"
    at.number_input(key=f"score_{key}").set_value(8)
    at.text_input(key=f"comment_{key}").input("Stable portal <b>thanks</b>")
    press(at, "Save the ratings")
    assert not at.exception
    [rating] = read.rows(app_db, workshop_id=fay.workshop_id, entity_name="feedback")
    assert (rating["score"], rating["comment"]) == (8, "Stable portal <b>thanks</b>")
    assert len(at.get("vega_lite_chart")) == 1
    assert "Stable portal <b>thanks</b>" in list(at.dataframe[-2].value["Comment"])
    update(app_db, fay, "feedback_round", round_row["id"], version=1, is_open=False)
    at.run()
    assert "Rate your suppliers" not in texts(at)  # no open round: nothing to rate


def test_mistakes_log_refuses_an_empty_entry(new_app, small, app_db) -> None:
    fay, _ = small
    at = new_app("en", fay, PAGE)
    open_tab(at, "step9_tab", "🛠️ Mistakes log")
    press(at, "Add to the log")
    assert "What happened: this field is required." in texts(at)
    at.text_area(key="new_mistake_what").input("Wrong unit on a salmon order")
    at.text_area(key="new_mistake_why").input("Units typed by hand")
    press(at, "Add to the log")
    [row] = read.rows(app_db, workshop_id=fay.workshop_id, entity_name="mistake")
    assert row["why"] == "Units typed by hand"


def test_step9_in_russian(new_app, small, app_db) -> None:
    fay, ids = small
    at = new_app("ru", fay, PAGE)
    assert not at.exception
    assert "Шаг 9 · Экспериментируем и улучшаем" in texts(at)
    fill_ru = {**CARD, "right_if": ""}
    widget(at, "selectbox", "Команда").set_value(ids["IT"])
    for field, value in fill_ru.items():
        (at.text_input if field == "title" else at.text_area)(key=f"new_experiment_{field}").input(value)
    press(at, "Добавить карточку проверки")
    assert "Мы правы, если: обязательное поле." in texts(at)


def test_a_test_card_names_what_it_tests_and_the_repository_filters_by_it(new_app, small, app_db) -> None:
    fay, ids = small
    at = new_app("en", fay, PAGE)
    tests = at.selectbox(key="new_experiment_tests")
    assert tests.options[0] == "—" and "Promise · Next-day delivery (Shops)" in tests.options
    tests.set_value(("promise_id", ids["promise"]))
    fill_test_card(at, ids["Sales"], CARD)
    fill_test_card(at, ids["IT"], {**CARD, "title": "Untied"})
    tied, untied = read.rows(app_db, workshop_id=fay.workshop_id, entity_name="experiment")
    assert (tied["promise_id"], tied["pain_id"], tied["factor_id"]) == (ids["promise"], None, None)
    assert untied["promise_id"] is None

    open_tab(at, "step9_tab", "🎓 Learning card")
    at.selectbox(key="step9_close_which").set_value(tied["id"]).run()
    assert "**Promise it tests** Promise · Next-day delivery (Shops)" in texts(at)

    open_tab(at, "step9_tab", "📚 Hypothesis repository")
    assert "Found 2 of 2 experiments" in texts(at)
    at.multiselect(key="repo_tests").set_value([("promise_id", ids["promise"])]).run()
    assert "Found 1 of 2 experiments" in texts(at)
    assert at.data_editor(key="experiments__ed0").value["title"].tolist() == ["Late cut-off"]


def test_what_a_card_tests_in_russian(new_app, small, app_db) -> None:
    fay, _ = small
    at = new_app("ru", fay, PAGE)
    assert not at.exception
    assert "Обещание · Next-day delivery (Shops)" in at.selectbox(key="new_experiment_tests").options
    assert "Что проверяет" in [s.label for s in at.selectbox]
