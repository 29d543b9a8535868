"""Two browser sessions on one workshop: one saves, the other sees it; both edit a row, one gets the conflict."""

from db import read, workshops
from tests.apptest.conftest import press, texts

PAGE = "pages/step1_customers.py"


def test_one_saves_the_other_sees_it_and_a_second_edit_gets_the_conflict(new_app, facilitated, app_db) -> None:
    info, fay = facilitated
    pat = workshops.join(
        app_db, code=info["join_code"], display_name="Pat", new_department="Sales", throttle_keys=["2s"]
    )
    first, second = new_app("en", fay, PAGE), new_app("en", pat, PAGE)

    first.text_input(key="new_customer_name").input("Hotels")
    press(first, "Add a customer")
    assert not first.exception
    second.run()  # the shared refresh reruns the page; here we rerun by hand
    assert list(second.data_editor(key="customers__ed0").value["name"]) == ["Hotels"]

    edit = {"edited_rows": {0: {"ltv": None}}, "added_rows": [], "deleted_rows": []}
    first.session_state["customers__ed0"] = edit | {"edited_rows": {0: {"ltv": 5000}}}
    second.session_state["customers__ed0"] = edit | {"edited_rows": {0: {"ltv": 7000}}}
    first.run()
    second.run()
    press(first, "Save")
    press(second, "Save")
    shown = texts(second)
    assert "Someone saved this before you" in shown
    assert "5,000" in " ".join(
        str(v) for df in second.dataframe for v in df.value.to_numpy().ravel()
    )  # their value, as English writes it
    stored = read.rows(app_db, workshop_id=info["id"], entity_name="customer")[0]
    assert stored["ltv"] == 5000  # the second save did not overwrite the first
    press(second, "Take theirs")
    assert read.rows(app_db, workshop_id=info["id"], entity_name="customer")[0]["ltv"] == 5000
    assert "Someone saved this before you" not in texts(second)
