"""Removing people, changing the passcode and one's own sessions, as the pages show them, in both languages."""

import pytest

from db import live, sessions, workshops
from db import people as pp
from tests.apptest.conftest import button, press, texts

STEP1 = "pages/step1_customers.py"
CONSOLE = "pages/console.py"

REMOVED = {"en": "The facilitator removed you from this workshop", "ru": "Ведущий удалил вас из этой мастерской"}
ENDED = {"en": "This session was ended", "ru": "Этот сеанс завершён"}


def with_token(at, token: str):  # noqa: ANN001, ANN201
    at.session_state["token"] = token
    at.run()
    return at


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_removed_participants_next_page_says_so_instead_of_the_page(new_app, facilitated, app_db, lang) -> None:
    info, fay = facilitated
    pat = workshops.join(app_db, code=info["join_code"], display_name="Pat", throttle_keys=["r1"])
    page = with_token(new_app(lang, pat, STEP1), live.issue_token(app_db, actor=pat))
    assert not page.exception and not page.warning
    pp.remove(app_db, actor=fay, participant_id=pat.participant_id)
    page.run()
    assert REMOVED[lang] in texts(page)
    assert not page.session_state["joined"]
    assert not page.text_input  # no form of the step is drawn


def sessions_box():  # noqa: ANN201
    """ui.sessions.render on a page of its own (AppTest does not show the sidebar of a navigation app)."""
    from ui import sessions

    sessions.render()


@pytest.mark.parametrize(
    ("lang", "this_one", "end_others"),
    [("en", "This browser", "End all other sessions"), ("ru", "Этот браузер", "Завершить все остальные сеансы")],
)
def test_a_person_sees_and_ends_their_other_sessions(new_app, facilitated, app_db, lang, this_one, end_others) -> None:
    from streamlit.testing.v1 import AppTest

    info, _ = facilitated
    pat = workshops.join(app_db, code=info["join_code"], display_name="Pat", throttle_keys=["r2"])
    here, other, third = (live.issue_token(app_db, actor=pat) for _ in range(3))
    box = AppTest.from_function(sessions_box, default_timeout=30)
    box.session_state["lang"] = lang
    box.session_state["token"] = here
    box.run()
    assert not box.exception
    rows = [c.value for c in box.caption]
    assert len(rows) == 3 and rows[0].startswith(this_one)
    next(b for b in box.button if b.key.startswith("end_session_")).click()
    box.run()
    assert len(box.caption) == 2
    press(box, end_others)
    assert [c.value.startswith(this_one) for c in box.caption] == [True]
    assert [sessions.standing(app_db, actor=pat, token=t).status for t in (here, other, third)].count("ended") == 2
    phone = with_token(new_app(lang, pat, STEP1), other)
    assert ENDED[lang] in texts(phone)
    assert not phone.session_state["joined"]


def test_the_console_removes_a_person_after_a_confirmation(new_app, facilitated, app_db) -> None:
    info, fay = facilitated
    pat = workshops.join(app_db, code=info["join_code"], display_name="Pat", throttle_keys=["r3"])
    console = new_app("en", fay, CONSOLE)
    console.selectbox(key="people_person").select(pat.participant_id)
    console.run()
    console.button(key="ask_remove_person").click()
    console.run()
    assert "Pat** leaves the workshop" in texts(console)  # asked first: nobody removed yet
    assert len(workshops.participants(app_db, workshop_id=info["id"])) == 2
    console.button(key="yes_remove_person").click()
    console.run()
    assert not console.exception
    assert "Pat was removed" in texts(console)
    assert [p["display_name"] for p in workshops.participants(app_db, workshop_id=info["id"])] == ["Fay"]
    button(console, "Bring Pat back").click()  # the undo, right after
    console.run()
    assert "Pat is back" in texts(console)
    assert [p["display_name"] for p in workshops.participants(app_db, workshop_id=info["id"])] == ["Fay", "Pat"]


@pytest.mark.parametrize(
    ("lang", "change", "wrong", "done"),
    [
        ("en", "Change the passcode", "the current passcode is wrong", "The passcode is changed"),
        ("ru", "Сменить пароль", "текущий пароль неверен", "Пароль сменён"),
    ],
)
def test_the_console_changes_the_passcode(new_app, facilitated, app_db, lang, change, wrong, done) -> None:
    info, fay = facilitated
    console = with_token(new_app(lang, fay, CONSOLE), live.issue_token(app_db, actor=fay))
    console.text_input(key="passcode_current").input("not-it")
    console.text_input(key="passcode_new").input("fresh-pass")
    press(console, change)
    assert wrong in texts(console)
    console.text_input(key="passcode_current").input("pass-1")
    console.text_input(key="passcode_new").input("fresh-pass")
    press(console, change)
    assert done in texts(console)
    assert console.session_state["joined"] == {info["id"]: fay}  # this session stays
    workshops.sign_in(app_db, code=info["join_code"], passcode="fresh-pass", display_name="Fay", throttle_keys=["r4"])
