"""A newcomer on a fresh install: the home page offers the demo workshops (one click puts them inside, as a
participant on the room's step or as facilitator on the console), in both languages; the offer goes once a
real workshop exists, or when the operator turns it off."""

import pytest
from streamlit.testing.v1 import AppTest

from db import workshops
from db.demo import build_demo
from db.trial import CODES
from tests.apptest.conftest import APP, button, texts

WORDS = {
    "en": ("Try the demo", "As a participant", "As facilitator", "Step 6 · ", "Facilitator console", "Guest "),
    "ru": ("Попробуйте демо", "Участником", "Ведущим", "Шаг 6 · ", "Пульт ведущего", "Гость "),
}


@pytest.fixture
def demos(app_db):
    return {lang: build_demo(app_db, lang) for lang in CODES}


def newcomer(lang: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["lang"], at.session_state["_lang_for"] = lang, None
    return at.run()


def demo_buttons(at: AppTest, label: str) -> list:
    return [b for b in at.button if b.label == label]


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_one_click_puts_a_newcomer_inside_a_demo_as_a_participant(app_db, demos, lang: str) -> None:
    title, participant, facilitator, step, _, guest = WORDS[lang]
    at = newcomer(lang)
    assert title in texts(at)
    assert len(demo_buttons(at, participant)) == len(demo_buttons(at, facilitator)) == 2  # a demo per language
    at.button(key=f"demo_pat_{lang}").click().run()  # the second action (the first opened the app)
    assert not at.exception
    assert list(at.session_state["joined"]) == [demos[lang]]
    (actor,) = at.session_state["joined"].values()
    assert actor.name.startswith(guest)
    assert step in texts(at)  # the demo room is on step 6: the participant lands there
    person = workshops.participant(app_db, actor=actor)
    assert person["role"] == "participant"


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_one_click_makes_a_newcomer_the_demos_facilitator(app_db, demos, lang: str) -> None:
    other = "ru" if lang == "en" else "en"
    at = newcomer(lang)
    at.button(key=f"demo_fac_{other}").click().run()  # the other language's demo, from this browser
    assert not at.exception
    assert list(at.session_state["joined"]) == [demos[other]]
    assert WORDS[other][4] in texts(at)  # on the console, in the demo's language
    assert workshops.participant(app_db, actor=at.session_state["joined"][demos[other]])["role"] == "facilitator"


def test_two_guests_get_two_names(app_db, demos) -> None:
    first, second = newcomer("en"), newcomer("en")
    for at in (first, second):
        at.button(key="demo_pat_en").click().run()
        assert not at.exception
    names = {next(iter(at.session_state["joined"].values())).name for at in (first, second)}
    assert len(names) == 2


def test_no_offer_without_demos_once_a_real_workshop_exists_or_when_turned_off(app_db, monkeypatch) -> None:
    assert "Try the demo" not in texts(newcomer("en"))  # an empty database: nothing to offer
    build_demo(app_db, "en")
    assert "Try the demo" in texts(newcomer("en"))
    monkeypatch.setenv("CVM_DEMO_OFFER", "off")
    assert "Try the demo" not in texts(newcomer("en"))
    monkeypatch.delenv("CVM_DEMO_OFFER")
    at = newcomer("en")
    at.text_input(key="new_name").input("Our own workshop")
    at.text_input(key="new_passcode").input("secret-1")
    at.text_input(key="new_facilitator").input("Fay")
    button(at, "Create the workshop").click().run()
    assert not at.exception
    assert "Try the demo" not in texts(newcomer("en"))
