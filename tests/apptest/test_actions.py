"""The decisions and actions page in both languages: add (past due flagged), move the status, the history,
the rights on screen, one click from a broken promise, and the console's list of actions to chase."""

import secrets
from datetime import date, timedelta

import pytest

from db import read, workshops
from tests.apptest.conftest import press, texts
from tests.helpers import agreed_promise, create

PAGE = "pages/actions.py"
WORDS = {
    "en": {
        "add": "Add the action",
        "overdue": "Its due date has passed",
        "doing": "Doing",
        "history": "Status history",
    },
    "ru": {
        "add": "Добавить действие",
        "overdue": "Срок уже прошёл",
        "doing": "В работе",
        "history": "История статусов",
    },
}


@pytest.fixture
def room(app_db, facilitated):
    info, fay = facilitated
    logistics = create(app_db, fay, "department", name="Logistics")
    ola = workshops.join(
        app_db,
        code=info["join_code"],
        display_name="Ola",
        department_id=logistics["id"],
        throttle_keys=[secrets.token_hex(3)],
    )
    return info, fay, ola, logistics["id"]


def actions(app_db, workshop_id: int) -> list[dict]:
    return read.rows(app_db, workshop_id=workshop_id, entity_name="action")


def add(at, text: str, due: date | None = None, lang: str = "en") -> None:
    at.session_state["act_new_text"] = text
    if due is not None:
        at.date_input(key="act_new_due").set_value(due)
    press(at, WORDS[lang]["add"])


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_add_an_action_due_in_the_past_is_flagged_then_moved_along(new_app, room, app_db, lang) -> None:
    info, fay, _, _ = room
    at = new_app(lang, fay, PAGE)
    assert not at.exception
    add(at, "Second van on Fridays", date.today() - timedelta(days=3), lang)
    assert not at.exception
    (stored,) = actions(app_db, info["id"])
    assert stored["due"] == (date.today() - timedelta(days=3)).isoformat()
    assert WORDS[lang]["overdue"] in " ".join(str(t.value) for t in at.toast) + texts(at)
    assert "⚠️" in at.dataframe[0].value.to_string()
    at.button_group(key=f"act_status_{stored['id']}_{stored['version']}").set_value("doing").run()
    assert not at.exception
    assert actions(app_db, info["id"])[0]["status"] == "doing"
    shown = texts(at)
    assert WORDS[lang]["history"] in shown and WORDS[lang]["doing"] in shown and "Fay" in shown


def test_a_participant_sees_the_status_but_cannot_move_what_is_not_theirs(new_app, room, app_db) -> None:
    info, fay, ola, logistics = room
    mine = create(app_db, fay, "action", text="Ola's", owner_department_id=logistics)
    create(app_db, fay, "action", text="Not Ola's", owner_participant_id=fay.participant_id)
    at = new_app("en", ola, PAGE)
    at.selectbox(key="act_pick").set_value(mine["id"]).run()
    assert not at.button_group(key=f"act_status_{mine['id']}_1").disabled  # her department owns it
    other = next(a for a in actions(app_db, info["id"]) if a["text"] == "Not Ola's")
    at.selectbox(key="act_pick").set_value(other["id"]).run()
    assert at.button_group(key=f"act_status_{other['id']}_1").disabled
    assert "Its owners and the facilitator change the status." in texts(at)
    assert not any(b.label == "Delete the action" for b in at.button)


def test_filters_by_owner_status_and_overdue(new_app, room, app_db) -> None:
    _, fay, ola, logistics = room
    past = (date.today() - timedelta(days=1)).isoformat()
    create(app_db, fay, "action", text="Late one", owner_department_id=logistics, due=past)
    create(app_db, fay, "action", text="Fay's", owner_participant_id=fay.participant_id)
    at = new_app("en", fay, PAGE)
    at.toggle(key="act_f_overdue").set_value(True).run()
    assert list(at.dataframe[0].value["Action"]) == ["Late one"]
    at.toggle(key="act_f_overdue").set_value(False).run()
    at.selectbox(key="act_f_owner").set_value(fay.participant_id).run()
    assert list(at.dataframe[0].value["Action"]) == ["Fay's"]
    at.selectbox(key="act_f_owner").set_value(None).run()
    at.selectbox(key="act_f_department").set_value(logistics).run()
    assert list(at.dataframe[0].value["Action"]) == ["Late one"]


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_one_click_from_a_broken_promise_opens_a_prefilled_action(new_app, room, app_db, lang) -> None:
    info, fay, _, logistics = room
    shops = create(app_db, fay, "customer", name="Shops")
    promise = agreed_promise(app_db, fay, shops["id"], "On time", 60, owner_department_id=logistics)
    at = new_app(lang, fay, "pages/step5_promises.py")
    next(b for b in at.button if b.key == f"s5_act_promise_{promise['id']}").click()
    at.run()
    assert not at.exception
    at.switch_page(PAGE)  # AppTest does not follow a page switch by itself
    at.run()
    assert "On time" in at.session_state["act_new_text"]
    at.text_area(key="act_new_text").input("Second van on Fridays")  # the person may reword it
    press(at, WORDS[lang]["add"])
    (stored,) = actions(app_db, info["id"])
    assert (stored["text"], stored["source"], stored["promise_id"]) == (
        "Second van on Fridays",
        "promise",
        promise["id"],
    )
    assert stored["owner_department_id"] == logistics


def test_the_console_lists_overdue_and_soon_due_actions(new_app, room, app_db) -> None:
    _, fay, _, logistics = room
    soon = (date.today() + timedelta(days=2)).isoformat()
    create(app_db, fay, "action", text="Late one", owner_department_id=logistics, due="2020-01-01")
    create(app_db, fay, "action", text="Soon one", due=soon)
    at = new_app("en", fay, "pages/console.py")
    shown = texts(at)
    assert "Actions to chase" in shown and "Late one" in shown and "Soon one" in shown
    assert "1 open action(s) have no owner." in shown


HOSTILE = "[click me](javascript:alert(1)) <script>x</script>"


def test_hostile_texts_are_shown_as_text_on_the_register_and_the_buttons(new_app, room, app_db) -> None:
    info, fay, _, logistics = room
    shops = create(app_db, fay, "customer", name="Shops")
    promise = agreed_promise(app_db, fay, shops["id"], HOSTILE, 10)
    create(
        app_db, fay, "action", text=HOSTILE, source="promise", promise_id=promise["id"], owner_department_id=logistics
    )
    for page in (PAGE, "pages/step5_promises.py", "pages/console.py"):
        at = new_app("en", fay, page)
        assert not at.exception
        bodies = [e.value for kind in ("markdown", "caption", "info", "warning") for e in getattr(at, kind)]
        bodies += [b.label for b in at.button]
        assert HOSTILE.split(" <")[0] not in "\n".join(bodies), page  # never a live link
        assert "<script>" not in "\n".join(bodies), page
