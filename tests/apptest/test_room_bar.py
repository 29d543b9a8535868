"""The room bar on every page: while voting is open it says so with the person's dots left and links to step 2's
ranking, in both languages; the link opens the ranking tab."""

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from db import live, workshops
from db.pains import set_dots
from tests.helpers import create, settings

LINES = {
    "en": (
        "Voting is open: you have 5 of 5 dots left.",
        "Voting is open: you have 3 of 5 dots left.",
        "1 of 5 dot left",
    ),
    "ru": ("у вас осталось 5 голосов из 5", "у вас осталось 3 голоса из 5", "у вас остался 1 голос из 5"),
}
PAGES = ("step5_promises", "step9_experiments", "summary", "step2_pains")


BAR_APP = Path(__file__).with_name("room_bar_app.py")
ROOT = BAR_APP.parents[2]


@pytest.fixture
def bar(tmp_path: Path) -> Callable[..., AppTest]:
    """The room bar of `page` for `actor` (the bar's script beside a link to the app's pages)."""
    (tmp_path / "pages").symlink_to(ROOT / "pages")
    script = tmp_path / BAR_APP.name
    shutil.copy(BAR_APP, script)

    def make(lang: str, actor, page: str) -> AppTest:
        at = AppTest.from_file(str(script), default_timeout=60)
        at.session_state["lang"], at.session_state["_lang_for"] = lang, actor.workshop_id
        at.session_state["joined"], at.session_state["workshop_id"] = {actor.workshop_id: actor}, actor.workshop_id
        at.session_state["bar_page"] = page
        return at.run()

    return make


@pytest.fixture
def room(app_db, facilitated):
    info, fay = facilitated
    customer = create(app_db, fay, "customer", name="Shops")
    pain = create(app_db, fay, "pain", customer_id=customer["id"], text="Late")
    pat = workshops.join(app_db, code=info["join_code"], display_name="Pat", throttle_keys=["bar"])
    return fay, pat, pain["id"]


def voting_links(at) -> list:
    return [link.proto for link in at.get("page_link") if link.proto.page == "step2_pains"]


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_voting_shows_on_every_page_with_the_dots_left(app_db, room, bar, lang: str) -> None:
    fay, pat, pain = room
    five, three, one = LINES[lang]
    at = bar(lang, pat, PAGES[0])
    assert not at.exception
    assert not voting_links(at)  # voting closed: nothing in the bar
    settings(app_db, fay, voting_open=True)
    for page in PAGES:
        at = bar(lang, pat, page)
        assert not at.exception, page
        [link] = voting_links(at)
        assert five in link.label, (page, link.label)
        assert "tab=ranking" in link.query_string
    set_dots(app_db, actor=pat, pain_id=pain, dots=2)
    assert three in voting_links(at.run())[0].label
    set_dots(app_db, actor=pat, pain_id=pain, dots=4)
    assert one in voting_links(at.run())[0].label


def test_the_voting_link_opens_the_ranking_tab(new_app, app_db, room) -> None:
    fay, pat, _ = room
    settings(app_db, fay, voting_open=True)
    at = new_app("en", pat, "pages/step2_pains.py")
    at.session_state["s2_tab"] = "Add and edit pains"
    at.run()
    assert at.session_state["s2_tab"] == "Add and edit pains"
    at.query_params["tab"] = "ranking"  # what the link opens step 2 with
    at.run()
    assert not at.exception
    assert at.session_state["s2_tab"] == "Ranking and dots"
    assert "tab" not in at.query_params


HELD = {
    "en": ("You have unsaved text on this page: save or discard it to follow the room.", "Discard it and follow"),
    "ru": (
        "На этой странице есть несохранённый текст: сохраните или отмените его, чтобы следовать за группой.",
        "Отменить и перейти",
    ),
}


def with_table_draft(at: AppTest, page: str) -> None:
    """An edited cell of a table on `page`, not saved (as the table keeps it when its widget is gone)."""
    at.session_state["_tables"] = {"pains_1": page}
    at.session_state["pains_1__draft"] = {
        "edited": {"7": {"changes": {"text": "Typed"}, "version": 1}},
        "added": [],
        "deleted": [],
    }


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_unsaved_input_holds_a_follower_back_until_discarded(app_db, room, bar, lang: str) -> None:
    fay, pat, _ = room
    held, discard = HELD[lang]
    at = bar(lang, pat, "step2_pains")
    at.session_state["follow"] = True
    with_table_draft(at, "step2_pains")
    at.run()
    live.set_current_step(app_db, actor=fay, step=3)
    at.run()
    assert not at.exception
    assert held in [w.value for w in at.warning]  # still here: the draft holds them back
    assert at.session_state["_follow_due"]
    at.button(key="discard_follow").click().run()
    assert not at.exception
    assert "pains_1__draft" not in at.session_state  # the server's copy is gone...
    assert at.session_state["_drafts_discard"] == {"page": "step2_pains", "n": 1}  # ...and the browser's goes next
    assert "_follow_due" not in at.session_state
    assert [b.label for b in at.button if b.key == "discard_follow"] in ([], [discard])


def test_a_follower_without_unsaved_input_moves_and_a_draft_elsewhere_does_not_hold(app_db, room, bar) -> None:
    fay, pat, _ = room
    at = bar("en", pat, "step5_promises")
    at.session_state["follow"] = True
    with_table_draft(at, "step2_pains")  # kept for another page: it waits there
    at.run()
    live.set_current_step(app_db, actor=fay, step=4)
    at.run()
    assert not at.exception
    assert HELD["en"][0] not in [w.value for w in at.warning]
    assert "_follow_due" not in at.session_state  # moved (AppTest then runs the room's page on its own)
    assert at.session_state["pains_1__draft"]["edited"]["7"]["changes"] == {"text": "Typed"}
