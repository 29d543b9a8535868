"""Step 5 page: promises added, negotiated to agreed with who and when, authority, health, messages."""

import pytest

from db import read
from tests.apptest.conftest import open_tab, press, save_table, texts
from tests.helpers import create

PAGE = "pages/step5_promises.py"


@pytest.fixture
def shop(app_db, facilitated):
    info, fay = facilitated
    customer = create(app_db, fay, "customer", name="Shops")["id"]
    factor = create(app_db, fay, "value_factor", customer_id=customer, name="Speed")
    department = create(app_db, fay, "department", name="Logistics")
    return info, fay, customer, factor["id"], department["id"]


def promises(app_db, workshop_id: int) -> dict[str, dict]:
    return {p["text"]: p for p in read.rows(app_db, workshop_id=workshop_id, entity_name="promise")}


def tab(at, label: str) -> None:
    open_tab(at, "s5_tab", label)


def add_promise(at, text: str, label: str = "Add the promise", **numbers) -> None:
    if not any(w.key == "s5_new_text" for w in at.text_input):
        at.session_state["s5_add"] = True
        at.run()
    at.text_input(key="s5_new_text").input(text)
    at.text_input(key="s5_new_metric").input("On-time share")
    for key, value in numbers.items():
        at.number_input(key=f"s5_new_{key}").set_value(value)
    press(at, label)


def test_negotiate_a_promise_to_agreed_and_the_step_is_done(new_app, shop, app_db) -> None:
    info, fay, customer, factor, department = shop
    at = new_app("en", fay, PAGE)
    assert "No promise is agreed yet." in texts(at)
    add_promise(at, "Orders by 6 pm arrive by 10 am", target=95.0, current=97.0)
    assert not at.exception
    stored = promises(app_db, info["id"])["Orders by 6 pm arrive by 10 am"]
    assert (stored["status"], stored["status_by"], stored["metric_target"]) == ("draft", "Fay", 95)
    save_table(
        at, f"promises_{customer}", {0: {"status": "agreed", "factor_id": factor, "owner_department_id": department}}
    )
    assert not at.exception
    stored = promises(app_db, info["id"])["Orders by 6 pm arrive by 10 am"]
    assert (stored["status"], stored["factor_id"], stored["owner_department_id"]) == ("agreed", factor, department)
    assert "“Orders by 6 pm arrive by 10 am” is agreed but the authority it needs is not granted." in texts(at)
    stamp = at.data_editor(key=f"promises_{customer}__ed1").value["status_set"].tolist()[0]
    assert stamp.startswith("Fay · ") and stamp.endswith("UTC")
    tab(at, "Metrics and health")
    assert at.data_editor(key=f"metrics_{customer}__ed0").value["health"].tolist() == ["✅ Met"]
    save_table(at, f"metrics_{customer}", {0: {"metric_current": 80}})
    assert at.data_editor(key=f"metrics_{customer}__ed1").value["health"].tolist() == ["❌ Broken"]
    tab(at, "Promises and negotiation")
    save_table(at, f"promises_{customer}", {0: {"authority_granted": True}})
    assert "The step's criterion is met." in texts(at)
    assert ":green-badge[✅ Met: 0] :orange-badge[⚠️ At risk: 0] :red-badge[❌ Broken: 1]" in texts(at)


@pytest.mark.parametrize(
    ("table", "edit", "message"),
    [
        ("promises", {"text": ""}, "Promise: this field is required."),
        ("promises", {"text": "w" * 10_001}, "too long: 10,001 characters, at most 300."),
        ("metrics", {"metric_target": "lots"}, "Target: enter a number, e.g. 12 or 3.5."),
        ("metrics", {"metric_current": 1e13}, "Current: must be between −1,000,000,000,000 and 1,000,000,000,000."),
        ("promises", {"text": "SECOND promise"}, "an item with this text already exists"),
    ],
)
def test_bad_edits_show_the_message(new_app, shop, app_db, table, edit, message) -> None:
    info, fay, customer, _, _ = shop
    for text in ("First promise", "Second promise"):
        create(app_db, fay, "promise", customer_id=customer, text=text)
    at = new_app("en", fay, PAGE)
    if table == "metrics":
        tab(at, "Metrics and health")
    save_table(at, f"{table}_{customer}", {0: edit})
    assert message in texts(at)
    stored = promises(app_db, info["id"])
    assert set(stored) == {"First promise", "Second promise"}
    assert stored["First promise"]["metric_target"] is None and stored["First promise"]["metric_current"] is None


def test_form_messages_in_russian(new_app, shop, app_db) -> None:
    info, fay, _, _, _ = shop
    at = new_app("ru", fay, PAGE)
    assert "Шаг 5 · Обещания клиенту" in texts(at)
    add_promise(at, "", label="Добавить обещание")
    assert "Обещание: обязательное поле." in texts(at)
    add_promise(at, "Привозим до 10:00", label="Добавить обещание")
    add_promise(at, "привозим  до 10:00", label="Добавить обещание")
    assert "уже есть" in texts(at)
    assert list(promises(app_db, info["id"])) == ["Привозим до 10:00"]
