"""The room speaks the workshop's language; a person's own choice wins and is stored with them.

(AppTest runs app.py, and so the sidebar, on a session's first run only: later runs run the page. So
the sidebar's language box is read on first runs, and a reload is a new session.)"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from cvm_core.errors import ValidationError
from db import workshops
from db.demo import DEMO_PASSCODE, build_demo
from db.services import Actor
from tests.apptest.conftest import APP, press, texts


def english_browser() -> AppTest:
    """A fresh session that reads English before it joins anything (as an English browser would)."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["lang"] = "en"
    at.session_state["_lang_for"] = None
    at.run()
    assert "Clientocracy Workshop" in texts(at)
    return at


def returning(actor: Actor) -> AppTest:
    """A new session of someone already in the workshop (a reload, or another app server)."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["joined"] = {actor.workshop_id: actor}
    at.session_state["workshop_id"] = actor.workshop_id
    at.run()
    assert not at.exception
    return at


def sidebar_language(at: AppTest) -> str:
    return at.sidebar.selectbox(key="lang_choice").value


def test_an_english_participant_joining_the_russian_demo_reads_russian(app_db) -> None:
    build_demo(app_db, "ru")
    at = english_browser()
    at.text_input(key="join_code").input("demoru")
    at.text_input(key="join_name").input("Pat")
    press(at, "Join")
    assert not at.exception
    assert "Шаг 6 · Внутренние обещания и команда" in texts(at) and at.session_state["lang"] == "ru"  # the room's step
    (actor,) = at.session_state["joined"].values()
    assert workshops.participant(app_db, actor=actor)["language"] is None  # nobody chose: the workshop's language
    assert sidebar_language(returning(actor)) == "ru"


def test_the_facilitator_signing_in_reads_the_workshops_language(app_db) -> None:
    build_demo(app_db, "ru")
    at = english_browser()
    at.text_input(key="fac_code").input("DEMORU")
    at.text_input(key="fac_passcode").input(DEMO_PASSCODE)
    at.text_input(key="fac_name").input("Fay")
    press(at, "Sign in as facilitator")
    assert not at.exception
    assert "Пульт ведущего" in texts(at) and at.session_state["lang"] == "ru"  # landed on the console


def test_a_choice_in_the_sidebar_wins_and_is_remembered_for_the_person(app_db) -> None:
    build_demo(app_db, "ru")
    pat = workshops.join(app_db, code="DEMORU", display_name="Pat", throttle_keys=["t"])
    at = returning(pat)
    assert sidebar_language(at) == "ru" and "Ваши мастерские" in texts(at)
    at.sidebar.selectbox(key="lang_choice").set_value("en").run()
    assert not at.exception
    assert "Your workshops" in texts(at)
    assert workshops.participant(app_db, actor=pat)["language"] == "en"

    again = returning(pat)
    assert sidebar_language(again) == "en" and "Your workshops" in texts(again)
    ola = workshops.join(app_db, code="DEMORU", display_name="Ola", throttle_keys=["t"])
    assert sidebar_language(returning(ola)) == "ru"  # the choice was Pat's alone


def test_a_choice_made_before_joining_carries_into_the_workshop(app_db) -> None:
    build_demo(app_db, "en")
    at = english_browser()
    at.sidebar.selectbox(key="lang_choice").set_value("ru").run()
    assert "Мастерская клиентократии" in texts(at)
    at.text_input(key="join_code").input("DEMOEN")
    at.text_input(key="join_name").input("Пётр")
    press(at, "Присоединиться")
    assert not at.exception and at.session_state["lang"] == "ru"
    (actor,) = at.session_state["joined"].values()
    assert workshops.participant(app_db, actor=actor)["language"] == "ru"
    assert sidebar_language(returning(actor)) == "ru"


def test_only_a_language_of_the_catalogues_is_stored(app_db) -> None:
    build_demo(app_db, "ru")
    pat = workshops.join(app_db, code="DEMORU", display_name="Pat", throttle_keys=["t"])
    with pytest.raises(ValidationError):
        workshops.set_language(app_db, actor=pat, language="de")
    workshops.set_language(app_db, actor=pat, language="en")
    workshops.set_language(app_db, actor=pat, language=None)
    assert workshops.participant(app_db, actor=pat)["language"] is None
