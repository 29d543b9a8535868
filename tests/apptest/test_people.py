"""Names, rejoin codes and the people section of the console, as the pages show them, in both languages."""

import re

import pytest

from db import workshops
from tests.apptest.conftest import press, texts

CONSOLE = "pages/console.py"


@pytest.mark.parametrize(
    ("lang", "join", "taken"),
    [("en", "Join", "is already taken in this workshop"), ("ru", "Присоединиться", "в этой мастерской уже занято")],
)
def test_joining_under_a_taken_name_explains_how_to_come_back(new_app, facilitated, app_db, lang, join, taken):
    info, _ = facilitated
    workshops.join(app_db, code=info["join_code"], display_name="Pat", throttle_keys=["p1"])
    at = new_app(lang)
    at.text_input(key="join_code").input(info["join_code"])
    at.text_input(key="join_name").input(" PAT ")
    press(at, join)
    assert taken in texts(at)
    assert not at.session_state["joined"]


@pytest.mark.parametrize(
    ("lang", "rejoin", "back", "welcome"),
    [
        ("en", "Personal rejoin code", "Come back", "Welcome back, Pat!"),
        ("ru", "Личный код возврата", "Вернуться", "Welcome back, Pat!"),  # back in the room: its language
    ],
)
def test_the_console_gives_a_rejoin_code_that_brings_the_person_back_once(
    new_app, facilitated, app_db, lang, rejoin, back, welcome
) -> None:
    info, fay = facilitated
    pat = workshops.join(app_db, code=info["join_code"], display_name="Pat", throttle_keys=["p2"])
    console = new_app(lang, fay, CONSOLE)
    console.selectbox(key="people_person").select(pat.participant_id)
    press(console, rejoin)
    assert not console.exception
    code, link = [c.value for c in console.code][-2:]
    assert link.endswith(f"?rejoin={code.replace('-', '')}")

    browser = new_app(lang)
    browser.text_input(key="rejoin_code").input(code)
    press(browser, back)
    assert not browser.exception
    assert browser.session_state["joined"] == {info["id"]: pat}
    assert any(welcome in re.sub(r"\\(.)", r"\1", t.value) for t in browser.toast)  # on the room's step

    again = new_app(lang)
    again.text_input(key="rejoin_code").input(code)
    press(again, back)
    assert not again.session_state["joined"]
    assert ("used already" if lang == "en" else "уже использован") in texts(again)


def test_a_rejoin_link_fills_the_code_in_without_spending_it(new_app, facilitated) -> None:
    from streamlit.testing.v1 import AppTest

    from tests.apptest.conftest import APP

    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["lang"] = "en"
    at.query_params["rejoin"] = "abcde-fghjk"
    at.run()
    assert at.text_input(key="rejoin_code").value == "ABCDEFGHJK"
    assert not at.session_state["joined"]
