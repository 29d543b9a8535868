"""Step 3 page: value factors added and edited, which pains they answer, the unanswered top pains, messages."""

import pytest

from db import read, workshops
from tests.apptest.conftest import open_tab, press, save_table, texts
from tests.helpers import create, settings

PAGE = "pages/step3_value.py"


@pytest.fixture
def voted(app_db, facilitated):
    """A customer with three pains, two of them voted (the top pains)."""
    info, fay = facilitated
    customer = create(app_db, fay, "customer", name="Shops")["id"]
    ids = [
        create(app_db, fay, "pain", customer_id=customer, text=text)["id"]
        for text in ("Late deliveries", "Wrong invoices", "Rude drivers")
    ]
    settings(app_db, fay, voting_open=True)
    for pain, dots in ((ids[0], 3), (ids[1], 1)):
        create(app_db, fay, "vote", pain_id=pain, participant_id=1, dots=dots)
    settings(app_db, fay, voting_open=False)
    return info, fay, customer, ids


def factors(app_db, workshop_id: int) -> dict[str, dict]:
    return {f["name"]: f for f in read.rows(app_db, workshop_id=workshop_id, entity_name="value_factor")}


def add_factor(at, name: str, answers: list[int] | None = None, label: str = "Add the factor") -> None:
    if not any(w.key == "s3_new_name" for w in at.text_input):
        at.session_state["s3_add"] = True  # unfold "Add a value factor"
        at.run()
    at.text_input(key="s3_new_name").input(name)
    if answers:
        at.multiselect(key="s3_new_answers").set_value(answers)
    press(at, label)


def test_factors_answer_the_top_pains_and_the_step_is_done(new_app, voted, app_db) -> None:
    info, fay, customer, (late, invoices, _) = voted
    at = new_app("en", fay, PAGE)
    shown = texts(at)
    assert "Shops: no factor answers “Late deliveries”." in shown
    assert "**#1** Late deliveries · no factor answers it yet" in shown
    add_factor(at, "Next-morning delivery", [late])
    assert not at.exception
    assert "answered by Next-morning delivery" in texts(at)
    shown = texts(at)
    assert "Shops: no factor answers “Wrong invoices”." in shown
    assert "Shops: no factor answers “Late deliveries”." not in shown
    factor = factors(app_db, info["id"])["Next-morning delivery"]["id"]
    open_tab(at, "s3_tab", "Which factor answers which pain")
    at.session_state[f"answers_{customer}__ed0"] = {"edited_rows": {1: {f"c{factor}": True}}}
    at.run()
    press(at, "Save")
    links = read.rows(app_db, workshop_id=info["id"], entity_name="factor_pain")
    assert {(link["factor_id"], link["pain_id"]) for link in links} == {(factor, late), (factor, invoices)}
    assert "The step's criterion is met." in texts(at)


def test_the_links_grid_keeps_my_edit_on_the_pain_i_ticked(new_app, voted, app_db) -> None:
    info, fay, customer, (late, invoices, rude) = voted
    factor = create(app_db, fay, "value_factor", customer_id=customer, name="Speed")
    at = new_app("en", fay, PAGE)
    open_tab(at, "s3_tab", "Which factor answers which pain")
    at.session_state[f"answers_{customer}__ed0"] = {"edited_rows": {2: {f"c{factor['id']}": True}}}  # Rude drivers
    at.run()
    # meanwhile someone votes for "Rude drivers", which moves it up the ranking: the tick must stay on it
    pat = workshops.join(app_db, code=info["join_code"], display_name="Pat", throttle_keys=["s3"])
    settings(app_db, fay, voting_open=True)
    create(app_db, pat, "vote", pain_id=rude, participant_id=pat.participant_id, dots=5)
    at.run()
    press(at, "Save")
    links = read.rows(app_db, workshop_id=info["id"], entity_name="factor_pain")
    assert [(link["factor_id"], link["pain_id"]) for link in links] == [(factor["id"], rude)]


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        ({"name": ""}, "Value factor: this field is required."),
        ({"name": "y" * 10_001}, "too long: 10,001 characters, at most 80."),
        ({"weight": 11}, "Importance (1–10): must be between 1 and 10."),
        ({"weight": "heavy"}, "Importance (1–10): enter a number, e.g. 12 or 3.5."),
        ({"name": "PRICE "}, "an item with this text already exists"),
    ],
)
def test_bad_edits_show_the_message(new_app, voted, app_db, edit, message) -> None:
    info, fay, customer, _ = voted
    for name in ("Price", "Speed"):
        create(app_db, fay, "value_factor", customer_id=customer, name=name)
    at = new_app("en", fay, PAGE)
    save_table(at, f"factors_{customer}", {1: edit})
    assert message in texts(at)
    assert set(factors(app_db, info["id"])) == {"Price", "Speed"}


def test_form_messages_in_russian(new_app, voted, app_db) -> None:
    info, fay, _, _ = voted
    at = new_app("ru", fay, PAGE)
    assert "Шаг 3 · Почему клиент выбирает?" in texts(at)
    add_factor(at, "", label="Добавить фактор")
    assert "Фактор ценности: обязательное поле." in texts(at)
    add_factor(at, "Цена", label="Добавить фактор")
    add_factor(at, "цена ", label="Добавить фактор")
    assert "уже есть" in texts(at)
    assert list(factors(app_db, info["id"])) == ["Цена"]
