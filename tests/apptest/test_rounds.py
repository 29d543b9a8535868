"""The pages between workshops in both languages: a new workshop from a past one and templates on the home
page, the Rounds page, and merging pains on step 2."""

import json

import pytest

from db import pains as dots
from db import read, rounds, workshops
from tests.apptest.conftest import open_tab, press, texts
from tests.helpers import agreed_promise, create, join, settings, update

WORDS = {
    "en": {"create": "Create the new workshop", "linked": "as the next round of", "merge": "Merge", "undo": "Undo"},
    "ru": {
        "create": "Создать новую мастерскую",
        "linked": "как следующий раунд",
        "merge": "Объединить",
        "undo": "Отменить",
    },
}


@pytest.fixture
def first_round(app_db, facilitated):
    """Round 1: a customer with a broken promise, an open action."""
    info, fay = facilitated
    shops = create(app_db, fay, "customer", name="Shops")
    for text, current in (("On time", 70), ("Complete orders", 99)):
        agreed_promise(app_db, fay, shops["id"], text, current)
    create(app_db, fay, "action", text="Second van", owner_participant_id=fay.participant_id)
    return info, fay, shops["id"]


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_start_the_next_round_from_the_home_page(new_app, first_round, app_db, lang) -> None:
    info, fay, _ = first_round
    at = new_app(lang, fay)
    at.text_input(key="nr_name").input("Round 2")
    at.checkbox(key="nr_item_actions").uncheck()
    press(at, WORDS[lang]["create"])
    assert not at.exception
    new_id = at.session_state["workshop_id"]
    assert new_id != info["id"] and WORDS["en"]["linked"] in texts(at)  # now in the new (English) room's language
    new = workshops.workshop(app_db, workshop_id=new_id)
    assert (new["name"], new["predecessor_id"]) == ("Round 2", info["id"])
    assert read.rows(app_db, workshop_id=new_id, entity_name="action") == []  # unticked
    assert len(read.rows(app_db, workshop_id=new_id, entity_name="promise")) == 2
    assert workshops.sign_in(app_db, code=new["join_code"], passcode="pass-1", display_name="Fay", throttle_keys=["t"])


def test_a_participant_is_offered_nothing_to_copy(new_app, first_round, app_db) -> None:
    info, _, _ = first_round
    pat = join(app_db, info, "Pat")
    at = new_app("en", pat)
    assert "Sign in as the facilitator of a workshop to start its next round" in texts(at)
    assert not any(b.label == WORDS["en"]["create"] for b in at.button)


def test_the_facilitator_offers_the_workshop_as_a_template(new_app, first_round, app_db) -> None:
    info, fay, _ = first_round
    at = new_app("en", fay)
    at.toggle(key=f"template_{info['id']}").set_value(True).run()
    assert not at.exception and workshops.workshop(app_db, workshop_id=info["id"])["is_template"]
    _, sid = workshops.create_workshop(
        app_db, data={"name": "Elsewhere"}, passcode="other-pass", facilitator_name="Sid"
    )
    other = new_app("en", sid)
    offered = other.selectbox(key="nr_from").options
    assert any("Apptest" in o and "template" in o for o in offered)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_rounds_page_shows_both_rounds(new_app, first_round, app_db, lang) -> None:
    info, fay, _ = first_round
    second = rounds.start_from(
        app_db, source_id=info["id"], name="Round 2", by=fay, facilitator_name="Fay", passcode="pass-2"
    )
    for promise in read.rows(app_db, workshop_id=second.actor.workshop_id, entity_name="promise"):
        update(app_db, second.actor, "promise", promise["id"], metric_current=96)
    at = new_app(lang, second.actor, "pages/rounds.py")
    assert not at.exception
    shown = texts(at)
    assert "Apptest" in shown and "Round 2" in shown
    health = at.dataframe[0].value
    assert list(health.columns[1:]) == ["Apptest", "Round 2"]
    met, broken = {"en": ("Met", "Broken"), "ru": ("Выполнено", "Нарушено")}[lang]
    assert list(health.iloc[0])[1:] == [broken, met]
    grid = json.loads(at.get("vega_lite_chart")[0].proto.spec)  # the coloured grid: a rect per promise and round
    assert grid["mark"]["type"] == "rect" and "#c62828" in grid["encoding"]["color"]["scale"]["range"]


def test_the_rounds_page_of_a_first_round_points_to_the_next(new_app, first_round) -> None:
    _, fay, _ = first_round
    at = new_app("en", fay, "pages/rounds.py")
    assert not at.exception and "This workshop is the first of its line" in texts(at)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_merge_two_pains_on_step_2_and_undo(new_app, first_round, app_db, lang) -> None:
    info, fay, shops = first_round
    pains = [
        create(app_db, fay, "pain", customer_id=shops, text=text)["id"]
        for text in ("Late deliveries", "Deliveries late")
    ]
    pat = join(app_db, info, "Pat")
    settings(app_db, fay, voting_open=True)
    for pain in pains:
        dots.set_dots(app_db, actor=pat, pain_id=pain, dots=2)
    at = new_app(lang, fay, "pages/step2_pains.py")
    open_tab(at, "s2_tab", at.tabs[1].label)
    at.multiselect(key="mg_pick").set_value(pains).run()
    at.radio(key="mg_text").set_value(pains[1])
    press(at, WORDS[lang]["merge"])
    assert not at.exception
    live = read.rows(app_db, workshop_id=info["id"], entity_name="pain")
    assert [p["text"] for p in live] == ["Deliveries late"]
    assert [v["dots"] for v in read.rows(app_db, workshop_id=info["id"], entity_name="vote")] == [2]
    press(at, WORDS[lang]["undo"])
    assert not at.exception
    assert sorted(p["id"] for p in read.rows(app_db, workshop_id=info["id"], entity_name="pain")) == sorted(pains)
    assert [v["dots"] for v in read.rows(app_db, workshop_id=info["id"], entity_name="vote")] == [2, 2]
