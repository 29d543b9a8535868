"""Issue 17's controls on the pages, in both languages: the list of people, invitations, roles, resets,
picking one's name, entering for someone, and every confirmation with its undo (move, reveal, hand over,
archive, remove, table deletes)."""

from __future__ import annotations

import re

import pytest

from cvm_core import i18n
from db import live, read, roster, workshops
from db import pains as votes
from db import people as pp
from tests.apptest.conftest import open_tab, press, texts
from tests.helpers import create, settings

CONSOLE, HOME, STEP1, STEP2 = "pages/console.py", "pages/home.py", "pages/step1_customers.py", "pages/step2_pains.py"
LANGS = ["en", "ru"]


def tr(lang: str, key: str, **params) -> str:
    return i18n.t(key, lang, **params)


def shown(at, lang: str, key: str, **params) -> bool:
    """The catalogue's text for `key` is on the page (Markdown stars aside)."""
    return tr(lang, key, **params).replace("**", "") in texts(at).replace("**", "")


def people(app_db, info) -> dict[str, dict]:
    return {p["display_name"]: p for p in workshops.participants(app_db, workshop_id=info["id"])}


@pytest.fixture
def workshop(facilitated, app_db):
    info, fay = facilitated
    pat = workshops.join(app_db, code=info["join_code"], display_name="Pat", throttle_keys=["roles-pat"])
    return info, fay, pat


@pytest.mark.parametrize("lang", LANGS)
def test_pasting_a_list_adds_people_or_names_the_bad_lines(new_app, workshop, app_db, lang) -> None:
    info, fay, _ = workshop
    console = new_app(lang, fay, CONSOLE)
    console.text_area(key="roster_text").input("Anna Lee, Sales\nanna lee")
    press(console, tr(lang, "roster.add.button"))
    assert shown(console, lang, "roster.err.twice", line=2, name="anna lee", first=1)
    assert "Anna Lee" not in people(app_db, info)
    console.text_area(key="roster_text").input("Anna Lee, Sales\nBoris")
    press(console, tr(lang, "roster.add.button"))
    assert not console.exception
    assert shown(console, lang, "roster.add.done", count=2)
    assert {"Anna Lee", "Boris"} <= set(people(app_db, info))
    assert console.selectbox(key="people_person").options  # the list shows them, "not here yet"
    assert any(tr(lang, "roster.not_here_yet") in o for o in console.selectbox(key="people_person").options)


@pytest.mark.parametrize("lang", LANGS)
def test_an_invitation_gives_a_code_that_brings_a_cofacilitator_to_the_console(new_app, workshop, app_db, lang):
    info, fay, _ = workshop
    console = new_app(lang, fay, CONSOLE)
    console.text_input(key="invite_name").input("Cody")
    console.radio(key="invite_role").set_value("cofacilitator")
    press(console, tr(lang, "roster.invite.button"))
    assert not console.exception
    assert shown(
        console, lang, "roster.invite.code_for", name="Cody", role=tr(lang, "choices.role.cofacilitator"), hours=72
    )
    code, link = [c.value for c in console.code][-2:]
    assert link.endswith(f"?rejoin={code.replace('-', '')}")
    home = new_app(lang)
    home.text_input(key="rejoin_code").input(code)
    press(home, tr(lang, "people.rejoin.button"))
    cody = home.session_state["joined"][info["id"]]
    assert people(app_db, info)["Cody"]["role"] == "cofacilitator"
    theirs = new_app(lang, cody, CONSOLE)
    assert not theirs.exception
    assert shown(theirs, lang, "console.move") and not shown(theirs, lang, "console.facilitator_only")


@pytest.mark.parametrize("lang", LANGS)
def test_changing_a_role_and_resetting_a_person(new_app, workshop, app_db, lang) -> None:
    info, fay, pat = workshop
    token = live.issue_token(app_db, actor=pat)
    console = new_app(lang, fay, CONSOLE)
    console.selectbox(key="people_person").select(pat.participant_id)
    console.run()
    console.selectbox(key=f"role_{pat.participant_id}").select("scribe")
    console.run()
    console.button(key="role_set").click()
    console.run()
    assert shown(console, lang, "roster.role.done", name="Pat", role=tr(lang, "choices.role.scribe"))
    assert people(app_db, info)["Pat"]["role"] == "scribe"
    console.button(key="ask_reset_person").click()
    console.run()
    assert shown(console, lang, "confirm.reset.body", name="Pat")
    assert live.resume(app_db, token=token) is not None  # asked first: nothing happened yet
    console.button(key="yes_reset_person").click()
    console.run()
    assert not console.exception
    assert shown(console, lang, "confirm.reset.done", name="Pat")
    assert live.resume(app_db, token=token) is None and people(app_db, info)["Pat"]["claimed_at"] is None


@pytest.mark.parametrize("lang", LANGS)
def test_removing_asks_first_and_can_be_undone(new_app, workshop, app_db, lang) -> None:
    info, fay, pat = workshop
    console = new_app(lang, fay, CONSOLE)
    console.selectbox(key="people_person").select(pat.participant_id)
    console.run()
    console.button(key="ask_remove_person").click()
    console.run()
    assert shown(console, lang, "confirm.remove.body", name="Pat") and "Pat" in people(app_db, info)
    console.button(key="no_remove_person").click()  # cancel: nothing happens
    console.run()
    assert "Pat" in people(app_db, info) and not shown(console, lang, "confirm.remove.body", name="Pat")
    console.button(key="ask_remove_person").click()
    console.run()
    console.button(key="yes_remove_person").click()
    console.run()
    assert "Pat" not in people(app_db, info)
    console.button(key="people_bring_back").click()
    console.run()
    assert shown(console, lang, "people.console.brought_back", name="Pat") and "Pat" in people(app_db, info)


@pytest.mark.parametrize("lang", LANGS)
def test_moving_the_room_asks_first_and_goes_back(new_app, workshop, app_db, lang) -> None:
    info, fay, _ = workshop
    console = new_app(lang, fay, CONSOLE)
    move_to = next(s for s in console.selectbox if s.label == tr(lang, "console.current_step"))
    move_to.select(3)
    console.run()
    console.button(key="ask_move").click()
    console.run()
    assert shown(console, lang, "confirm.move.body", step=tr(lang, "steps.3"), was=tr(lang, "steps.1"))
    assert workshops.workshop(app_db, workshop_id=info["id"])["current_step"] == 1
    console.button(key="yes_move").click()
    console.run()
    assert not console.exception
    assert workshops.workshop(app_db, workshop_id=info["id"])["current_step"] == 3
    back = console.button(key="move_back")
    assert back.label == tr(lang, "confirm.move.back", step=1)
    back.click()
    console.run()
    assert workshops.workshop(app_db, workshop_id=info["id"])["current_step"] == 1


@pytest.mark.parametrize("lang", LANGS)
def test_handing_over_asks_first(new_app, workshop, app_db, lang) -> None:
    info, fay, pat = workshop
    roster.add_people(app_db, actor=fay, text="Nobody Yet")
    console = new_app(lang, fay, CONSOLE)
    options = console.selectbox(key="hand_to").options
    assert "Nobody Yet" not in options  # only someone who came in can take the room
    console.selectbox(key="hand_to").select(pat.participant_id)
    console.run()
    console.button(key="ask_hand_over").click()
    console.run()
    assert shown(console, lang, "confirm.hand_over.body", name="Pat")
    assert people(app_db, info)["Pat"]["role"] == "participant"
    console.button(key="yes_hand_over").click()
    console.run()
    assert people(app_db, info)["Pat"]["role"] == "facilitator" and people(app_db, info)["Fay"]["role"] == "participant"


@pytest.mark.parametrize("lang", LANGS)
def test_archiving_asks_first_and_is_undone_in_the_same_place(new_app, workshop, app_db, lang) -> None:
    info, fay, _ = workshop
    home = new_app(lang, fay)
    home.button(key="ask_archive").click()
    home.run()
    assert shown(home, lang, "confirm.archive.body", name="Apptest")
    assert workshops.workshop(app_db, workshop_id=info["id"])["archived_at"] is None
    home.button(key="yes_archive").click()
    home.run()
    assert workshops.workshop(app_db, workshop_id=info["id"])["archived_at"] is not None
    home.button(key="archive").click()  # "Restore this workshop"
    home.run()
    assert workshops.workshop(app_db, workshop_id=info["id"])["archived_at"] is None


@pytest.mark.parametrize("lang", LANGS)
def test_a_listed_person_picks_their_name_once(new_app, workshop, app_db, lang) -> None:
    info, fay, _ = workshop
    roster.add_people(app_db, actor=fay, text="Bob, Sales\nDana")
    home = new_app(lang)
    home.text_input(key="claim_code").input(info["join_code"])
    home.button(key="claim_show").click()
    home.run()
    pick = home.selectbox(key="claim_person")
    assert pick.options == ["Bob · Sales", "Dana"]
    bob = people(app_db, info)["Bob"]["id"]
    pick.select(bob)
    home.run()
    home.button(key="claim_me").click()
    home.run()
    assert not home.exception
    assert home.session_state["joined"][info["id"]].participant_id == bob
    again = new_app(lang)
    again.text_input(key="claim_code").input(info["join_code"])
    again.button(key="claim_show").click()
    again.run()
    assert again.selectbox(key="claim_person").options == ["Dana"]


def test_a_join_link_fills_the_code_of_the_list_in(new_app, workshop) -> None:
    from streamlit.testing.v1 import AppTest

    from tests.apptest.conftest import APP

    info, _, _ = workshop
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["lang"] = "en"
    at.query_params["join"] = info["join_code"]
    at.run()
    assert at.text_input(key="claim_code").value == info["join_code"]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("role", ["facilitator", "scribe"])
def test_entering_a_pain_and_dots_for_someone(new_app, workshop, app_db, lang, role) -> None:
    info, fay, pat = workshop
    customer = create(app_db, fay, "customer", name="Shops")["id"]
    settings(app_db, fay, voting_open=True, dots_per_person=3)
    roster.add_people(app_db, actor=fay, text="Bob")
    bob = people(app_db, info)["Bob"]["id"]
    if role == "scribe":
        roster.set_role(app_db, actor=fay, participant_id=pat.participant_id, role="scribe")
    actor = fay if role == "facilitator" else pat
    at = new_app(lang, actor, STEP2)
    picker = at.selectbox(key="entering_for")
    others = ["Pat"] if role == "facilitator" else []  # participants who came in, not oneself
    assert picker.options == [tr(lang, "onbehalf.myself"), tr(lang, "onbehalf.no_device", name="Bob"), *others]
    picker.select(bob)
    at.run()
    assert shown(at, lang, "onbehalf.now", name="Bob")
    open_tab(at, "s2_tab", tr(lang, "step2.tab.pains"))
    at.text_input(key="s2_new_text").input("Queues at the desk")
    press(at, tr(lang, "step2.add.submit"))
    assert not at.exception
    row = read.rows(app_db, workshop_id=info["id"], entity_name="pain")[0]
    assert (row["author_id"], row["entered_by_id"]) == (bob, actor.participant_id)
    authors = at.data_editor(key=f"pains_{customer}__ed0").value.iloc[:, -2].tolist()
    assert authors == [tr(lang, "onbehalf.entered_by", name="Bob", by=tr(lang, "onbehalf.you"))]
    open_tab(at, "s2_tab", tr(lang, "step2.tab.ranking"))
    assert shown(at, lang, "onbehalf.dots", name="Bob", left=3, count=3)
    at.button(key=f"s2_plus_{row['id']}").click()
    at.run()
    vote = read.rows(app_db, workshop_id=info["id"], entity_name="vote")[0]
    assert (vote["participant_id"], vote["entered_by_id"], vote["dots"]) == (bob, actor.participant_id, 1)
    assert shown(at, lang, "onbehalf.dots", name="Bob", left=2, count=3)


@pytest.mark.parametrize("lang", LANGS)
def test_a_participant_has_no_picker_and_adds_a_person_on_the_spot_only_as_scribe(new_app, workshop, app_db, lang):
    info, fay, pat = workshop
    create(app_db, fay, "customer", name="Shops")
    at = new_app(lang, pat, STEP2)
    assert not [s for s in at.selectbox if s.key == "entering_for"]
    roster.set_role(app_db, actor=fay, participant_id=pat.participant_id, role="scribe")
    at = new_app(lang, pat, STEP2)
    at.text_input(key="onbehalf_name").input("Walk-in")
    at.text_input(key="onbehalf_department").input("Sales")
    press(at, tr(lang, "onbehalf.add.button"))
    assert not at.exception
    toasts = [re.sub(r"\\(.)", r"\1", toast.value) for toast in at.toast]  # Markdown escapes aside
    assert toasts == [tr(lang, "onbehalf.add.done", name="Walk-in")]
    walk_in = people(app_db, info)["Walk-in"]
    assert walk_in["claimed_at"] is None and at.selectbox(key="entering_for").value == walk_in["id"]


@pytest.mark.parametrize("lang", LANGS)
def test_a_reveal_is_hidden_again_until_someone_acts_on_it(new_app, workshop, app_db, lang) -> None:
    info, fay, pat = workshop
    customer = create(app_db, fay, "customer", name="Shops")["id"]
    settings(app_db, fay, brainstorm_private=True, voting_open=True)
    secret = create(app_db, pat, "pain", customer_id=customer, text="Secret")
    console = new_app(lang, fay, CONSOLE)
    console.button(key="ask_reveal").click()
    console.run()
    assert shown(console, lang, "confirm.reveal.body", count=1)
    console.button(key="yes_reveal").click()
    console.run()
    assert not read.row(app_db, workshop_id=info["id"], entity_name="pain", row_id=secret["id"])["hidden"]
    hide = console.button(key="s2_hide_again")
    assert hide.label == tr(lang, "step2.fac.hide_again", count=1)
    hide.click()
    console.run()
    assert read.row(app_db, workshop_id=info["id"], entity_name="pain", row_id=secret["id"])["hidden"]
    votes.reveal(app_db, actor=fay)
    votes.set_dots(app_db, actor=pat, pain_id=secret["id"], dots=1)
    console.run()
    assert shown(console, lang, "step2.fac.cannot_hide", count=1)
    assert not [b for b in console.button if b.key == "s2_hide_again"]


@pytest.mark.parametrize("lang", LANGS)
def test_deleting_table_rows_asks_first(new_app, workshop, app_db, lang) -> None:
    info, fay, _ = workshop
    for name in ("Corner shops", "Chains"):
        create(app_db, fay, "customer", name=name)
    at = new_app(lang, fay, STEP1)
    at.session_state["customers__ed0"] = {"edited_rows": {}, "added_rows": [], "deleted_rows": [0]}
    at.run()
    press(at, tr(lang, "common.save"))
    assert shown(at, lang, "confirm.delete.body", count=1, names="Corner shops")
    assert len(read.rows(app_db, workshop_id=info["id"], entity_name="customer")) == 2
    at.button(key="yes_customers__delete").click()
    at.run()
    assert not at.exception
    assert [c["name"] for c in read.rows(app_db, workshop_id=info["id"], entity_name="customer")] == ["Chains"]


@pytest.mark.parametrize("lang", LANGS)
def test_a_cofacilitator_is_refused_what_is_the_facilitators(new_app, workshop, app_db, lang) -> None:
    info, fay, pat = workshop
    code = roster.invite(app_db, actor=fay, name="Cody", role="cofacilitator")
    cody = pp.redeem_rejoin_code(app_db, code=code, throttle_keys=["roles-cody"])
    console = new_app(lang, cody, CONSOLE)
    console.selectbox(key="people_person").select(fay.participant_id)
    console.run()
    console.button(key="people_rejoin").click()
    console.run()
    assert shown(console, lang, "policy.err.lead_only")
