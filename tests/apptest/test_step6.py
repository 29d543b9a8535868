"""Step 6 page: internal promises with their links, the promise tree, the team; bad input is refused."""

from db import read
from tests.apptest.conftest import open_tab, press, save_table, texts
from tests.apptest.steps69 import widget
from tests.helpers import create

PAGE = "pages/step6_internal.py"
PROMISES_TAB = "🤝 Internal promises"


def add_internal(at, supplier: int, client: int, text: str, price=None, supports: list[int] = ()) -> None:
    widget(at, "selectbox", "Supplier").set_value(supplier)
    widget(at, "selectbox", "Client").set_value(client)
    at.text_input(key="new_internal_text").input(text)
    at.number_input(key="new_internal_price").set_value(price)
    at.multiselect(key="new_internal_up_promises").set_value(list(supports))
    press(at, "Add an internal promise")


def test_the_tree_flags_an_unbacked_promise_until_an_internal_promise_backs_it(new_app, small, app_db) -> None:
    fay, ids = small
    at = new_app("en", fay, PAGE)
    assert not at.exception
    assert "“Next-day delivery” has no internal promise under it." in texts(at)
    assert "Customer promises with nothing under them: 1" in texts(at)
    open_tab(at, "step6_tab", PROMISES_TAB)
    add_internal(at, ids["IT"], ids["Sales"], "Order portal up 99.5 %", price=40, supports=[ids["promise"]])
    assert not at.exception
    assert "The step's criterion is met." in texts(at)
    rows = read.rows(app_db, workshop_id=fay.workshop_id, entity_name="promise_support")
    assert len(rows) == 1 and rows[0]["parent_promise_id"] is not None
    open_tab(at, "step6_tab", "🌳 Promise trees")
    tree = texts(at)
    assert ":green[●] **Next-day delivery** — Shops" in tree  # its metric is met
    assert "- :gray[○] Order portal up 99.5 % · _IT → Sales_" in tree  # no metric yet: no data


def test_negative_price_self_promise_and_nan_are_handled(new_app, small, app_db) -> None:
    fay, ids = small
    at = new_app("en", fay, PAGE)
    open_tab(at, "step6_tab", PROMISES_TAB)
    add_internal(at, ids["IT"], ids["Sales"], "Priced below zero", price=-5)
    assert "Internal price: must be between 0 and 1,000,000,000,000." in texts(at)
    add_internal(at, ids["IT"], ids["IT"], "Promise to ourselves")
    assert "Client: a department cannot make a promise to itself." in texts(at)
    assert read.rows(app_db, workshop_id=fay.workshop_id, entity_name="internal_promise") == []
    add_internal(at, ids["IT"], ids["Sales"], "Fine one", price=10)
    save_table(at, "internal_promises", {0: {"price_amount": float("nan"), "metric_target": -3}})
    assert not at.exception
    row = read.rows(app_db, workshop_id=fay.workshop_id, entity_name="internal_promise")[0]
    assert row["price_amount"] is None and row["metric_target"] == -3


def test_a_cycle_between_internal_promises_is_refused(new_app, small, app_db) -> None:
    fay, ids = small
    a, b = (
        create(
            app_db,
            fay,
            "internal_promise",
            supplier_department_id=ids["IT"],
            client_department_id=ids["Sales"],
            text=text,
        )["id"]
        for text in ("Alpha", "Beta")
    )
    create(app_db, fay, "promise_support", internal_promise_id=a, parent_internal_id=b)
    at = new_app("en", fay, PAGE)
    open_tab(at, "step6_tab", PROMISES_TAB)
    at.selectbox(key="step6_support_of").set_value(b)
    at.run()
    at.multiselect(key=f"supports_internal_{b}").set_value([a])
    press(at, "Save the links")
    assert "a promise cannot support itself, directly or through others." in texts(at)


def test_team_members_share_of_150_is_refused_and_shares_are_checked(new_app, small, app_db) -> None:
    fay, ids = small
    create(app_db, fay, "team_member", department_id=ids["IT"], name="Ivy", bonus_share=60)
    at = new_app("en", fay, PAGE)
    open_tab(at, "step6_tab", "👥 Team and rules")
    assert "IT: bonus shares add up to 60%, not 100%." in texts(at)
    widget(at, "selectbox", "Team").set_value(ids["IT"])
    at.text_input(key="new_member_name").input("Max")
    at.number_input(key="new_member_share").set_value(150)
    press(at, "Add a team member")
    assert "Bonus share, %: must be between 0 and 100." in texts(at)
    at.number_input(key="new_member_share").set_value(40)
    press(at, "Add a team member")
    assert "bonus shares add up" not in texts(at)
    at.text_input(key="new_rule_what").input("Weekly review")
    press(at, "Add a rule")
    assert [r["what"] for r in read.rows(app_db, workshop_id=fay.workshop_id, entity_name="communication_rule")] == [
        "Weekly review"
    ]


def test_step6_in_russian(new_app, small, app_db) -> None:
    fay, _ = small
    at = new_app("ru", fay, PAGE)
    assert not at.exception
    assert "Шаг 6 · Внутренние обещания и команда" in texts(at)
    assert "Под обещанием «Next-day delivery» нет ни одного внутреннего обещания." in texts(at)
    open_tab(at, "step6_tab", "🤝 Внутренние обещания")
    press(at, "Добавить внутреннее обещание")
    assert "Внутреннее обещание: обязательное поле." in texts(at)
