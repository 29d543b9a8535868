"""Unsaved table edits outlive the widget: another page and back, or a new session given the draft the
browser kept (a reload), show them again; saving them still meets a conflict when the row changed meanwhile.
Drafts the browser gives back are taken only in the shape the server handed out."""

import pytest

from db import read
from tests.apptest.conftest import press, texts
from tests.helpers import create, update
from ui import drafts

STEP1, STEP3 = "pages/step1_customers.py", "pages/step3_value.py"
UNSAVED = {"en": "You have unsaved changes in this table.", "ru": "В таблице есть несохранённые изменения."}


@pytest.fixture
def shops(app_db, facilitated):
    _, fay = facilitated
    return fay, [create(app_db, fay, "customer", name=n) for n in ("Shops", "Hotels")]


def names(at, gen: int) -> list[str]:
    return list(at.data_editor(key=f"customers__ed{gen}").value["name"])


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_an_edit_survives_another_page_and_is_saved_later(new_app, app_db, shops, lang: str) -> None:
    fay, (shops_row, _) = shops
    at = new_app(lang, fay, STEP1)
    at.session_state["customers__ed0"] = {"edited_rows": {0: {"name": "Corner shops"}}}
    at.run()
    assert UNSAVED[lang] in texts(at)
    at.switch_page(STEP3).run()  # the table is not drawn: Streamlit forgets its widget
    assert "customers__ed0" not in at.session_state
    at.switch_page(STEP1).run()
    assert not at.exception
    assert names(at, 1) == ["Corner shops", "Hotels"]  # a new widget, started from the kept draft
    assert UNSAVED[lang] in texts(at)
    at.session_state["customers__ed1"] = {"edited_rows": {1: {"name": "Hotels and inns"}}}
    at.run()
    press(at, "Save" if lang == "en" else "Сохранить")
    assert not at.exception
    saved = {r["id"]: r["name"] for r in read.rows(app_db, workshop_id=fay.workshop_id, entity_name="customer")}
    assert sorted(saved.values()) == ["Corner shops", "Hotels and inns"]
    assert UNSAVED[lang] not in texts(at)


def test_a_draft_given_back_after_a_reload_shows_and_still_meets_a_conflict(new_app, app_db, shops) -> None:
    fay, (shops_row, hotels) = shops
    first = new_app("en", fay, STEP1)
    first.session_state["customers__ed0"] = {
        "edited_rows": {0: {"name": "Corner shops"}},
        "added_rows": [{"name": "Kiosks"}],
    }
    first.run()
    kept = first.session_state["customers__draft"]  # what the browser keeps for this person
    assert kept["edited"][str(shops_row["id"])] == {"changes": {"name": "Corner shops"}, "version": 1}
    assert kept["added"] == [{"name": "Kiosks"}]
    update(app_db, fay, "customer", shops_row["id"], version=1, ltv=5)

    again = new_app("en", fay)  # a reload: a new session, given the kept draft back
    again.session_state["_tables"] = {"customers": "step1_customers"}
    again.session_state["customers__draft"] = kept
    again.switch_page(STEP1).run()
    assert not again.exception
    assert names(again, 1) == ["Corner shops", "Hotels", "Kiosks"]
    press(again, "Save")
    assert "Someone saved this before you" in texts(again)  # the draft was typed over version 1
    rows = {r["name"] for r in read.rows(app_db, workshop_id=fay.workshop_id, entity_name="customer")}
    assert rows == {"Shops", "Hotels", "Kiosks"}  # the new row is saved; the stale edit waits for a choice
    press(again, "Keep mine")
    assert read.row(app_db, workshop_id=fay.workshop_id, entity_name="customer", row_id=shops_row["id"])["name"] == (
        "Corner shops"
    )


@pytest.mark.parametrize(
    "bad",
    [
        {"edited": {"x": {"changes": {}}}, "added": [], "deleted": []},
        {"edited": {"1": {"changes": "text"}}, "added": [], "deleted": []},
        {"edited": {}, "added": "row", "deleted": []},
        {"edited": {}, "added": [], "deleted": ["1"]},
        {"edited": {}, "added": [3], "deleted": []},
    ],
)
def test_a_table_draft_of_another_shape_is_not_taken(bad) -> None:
    assert not drafts._table_shape(bad)


def test_the_shapes_the_server_hands_out_are_taken() -> None:
    assert drafts._table_shape(
        {"edited": {"12": {"changes": {"name": "x"}, "version": 3}}, "added": [{}], "deleted": [4]}
    )
    assert drafts._text_shape({"value": "typed", "base": "", "version": 2})
    assert not drafts._text_shape({"value": 1, "base": "", "version": 2})
    assert not drafts._text_shape({"value": "typed", "base": "", "version": "2"})
