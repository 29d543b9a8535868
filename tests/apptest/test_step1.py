"""Step 1 page: add customers, see them listed, see errors, completion changes."""

from db import read, services, workshops
from tests.apptest.conftest import open_tab, press, save_table, texts
from tests.helpers import create, update

PAGE = "pages/step1_customers.py"


def add_customer(at, name: str, label: str = "Add a customer") -> None:
    if not any(w.key == "new_customer_name" for w in at.text_input):
        at.session_state["s1_add"] = True  # unfold "Add a customer" (folded once there are customers)
        at.run()
    at.text_input(key="new_customer_name").input(name)
    press(at, label)


def test_add_a_customer_and_see_it_listed(new_app, facilitated, app_db) -> None:
    info, fay = facilitated
    create(app_db, fay, "department", name="Sales")
    at = new_app("en", fay, PAGE)
    assert not at.exception
    assert "Sales has no customer yet." in texts(at)
    add_customer(at, "Corner shops")
    assert not at.exception
    customers = read.rows(app_db, workshop_id=info["id"], entity_name="customer")
    assert [c["name"] for c in customers] == ["Corner shops"]
    editor = at.data_editor(key="customers__ed0")
    assert list(editor.value["name"]) == ["Corner shops"]


def test_empty_long_and_duplicate_names_show_messages(new_app, facilitated, app_db) -> None:
    _, fay = facilitated
    at = new_app("en", fay, PAGE)
    add_customer(at, "")
    assert "Customer: this field is required." in texts(at)
    add_customer(at, "x" * 10_001)
    assert "too long: 10,001 characters, at most 80." in texts(at)
    add_customer(at, "Retail")
    add_customer(at, " RETAIL ")
    assert "already exists" in texts(at)
    assert len(read.rows(app_db, workshop_id=fay.workshop_id, entity_name="customer")) == 1


def test_completion_changes_when_departments_get_customers(new_app, facilitated, app_db) -> None:
    _, fay = facilitated
    dept = create(app_db, fay, "department", name="IT")
    customer = create(app_db, fay, "customer", name="Sales team")
    at = new_app("en", fay, PAGE)
    assert "IT has no customer yet." in texts(at)
    served_by = {"parent": ("customer_id", customer["id"]), "child_field": "department_id", "ids": [dept["id"]]}
    services.set_links(app_db, actor=fay, entity_name="customer_department", **served_by)
    at.run()
    assert "The step's criterion is met." in texts(at)


def test_edits_in_the_table_are_saved_by_row_id(new_app, facilitated, app_db) -> None:
    _, fay = facilitated
    alpha, _, _ = (create(app_db, fay, "customer", name=n) for n in ("A", "B", "C"))
    at = new_app("en", fay, PAGE)
    at.session_state["customers__ed0"] = {"edited_rows": {2: {"ltv": 1500}}, "added_rows": [], "deleted_rows": []}
    at.run()
    # meanwhile someone deletes the first row and adds another: our edit must stay on C, not move
    services.delete(app_db, actor=fay, entity_name="customer", row_id=alpha["id"])
    create(app_db, fay, "customer", name="D")
    at.run()
    assert list(at.data_editor(key="customers__ed0").value["name"]) == ["A", "B", "C"]  # the snapshot stays
    press(at, "Save")
    rows = {r["name"]: r["ltv"] for r in read.rows(app_db, workshop_id=fay.workshop_id, entity_name="customer")}
    assert rows == {"B": None, "C": 1500, "D": None}
    assert list(at.data_editor(key="customers__ed1").value["name"]) == ["B", "C", "D"]  # fresh after saving


def test_a_stale_table_edit_shows_the_conflict_and_can_keep_mine(new_app, facilitated, app_db) -> None:
    _, fay = facilitated
    row = create(app_db, fay, "customer", name="Gamma")
    at = new_app("en", fay, PAGE)
    at.session_state["customers__ed0"] = {"edited_rows": {0: {"ltv": 10}}, "added_rows": [], "deleted_rows": []}
    at.run()
    update(app_db, fay, "customer", row["id"], version=1, ltv=99)
    press(at, "Save")
    assert "Someone saved this before you" in texts(at)
    assert read.row(app_db, workshop_id=fay.workshop_id, entity_name="customer", row_id=row["id"])["ltv"] == 99
    press(at, "Keep mine")
    assert read.row(app_db, workshop_id=fay.workshop_id, entity_name="customer", row_id=row["id"])["ltv"] == 10


def test_step1_in_russian(new_app, facilitated) -> None:
    _, fay = facilitated
    at = new_app("ru", fay, PAGE)
    assert "Шаг 1 · Кто наш клиент?" in texts(at)
    add_customer(at, "", label="Добавить клиента")
    assert "Клиент: обязательное поле." in texts(at)


def test_a_department_ticks_the_customers_it_serves(new_app, facilitated, app_db) -> None:
    info, fay = facilitated
    pat = workshops.join(
        app_db, code=info["join_code"], display_name="Pat", new_department="Logistics", throttle_keys=["s1"]
    )
    create(app_db, fay, "department", name="Accounting")
    shops = create(app_db, fay, "customer", name="Shops")
    at = new_app("en", pat, PAGE)
    assert at.selectbox(key="s1_department").value == pat_department(app_db, pat)  # their own department first
    assert "Logistics has no customer yet." in texts(at)
    next(m for m in at.multiselect if m.label.startswith("Customers that")).set_value([shops["id"]])
    at.run()
    assert not at.exception
    links = read.rows(app_db, workshop_id=info["id"], entity_name="customer_department")
    assert [(link["customer_id"], link["department_id"]) for link in links] == [
        (shops["id"], pat_department(app_db, pat))
    ]
    assert "Logistics has no customer yet." not in texts(at)
    assert at.data_editor(key="customers__ed0").value["served_by"].tolist() == ["Logistics"]


def test_bad_numbers_in_the_table_show_messages(new_app, facilitated, app_db) -> None:
    _, fay = facilitated
    create(app_db, fay, "customer", name="Shops")
    at = new_app("en", fay, PAGE)
    edit = {"segment_size": "many", "ltv": -5}
    save_table(at, "customers", {0: edit})
    shown = texts(at)
    assert "Segment size: enter a number, e.g. 12 or 3.5." in shown
    assert "Current LTV: must be between 0 and 1,000,000,000,000." in shown


def test_add_a_department(new_app, facilitated, app_db) -> None:
    _, fay = facilitated
    at = new_app("ru", fay, PAGE)
    open_tab(at, "s1_tab", "Участвующие подразделения")
    at.text_input(key="new_department_name").input("Склад")
    press(at, "Добавить подразделение")
    assert [d["name"] for d in read.rows(app_db, workshop_id=fay.workshop_id, entity_name="department")] == ["Склад"]
    assert "У подразделения «Склад» пока нет клиента." in texts(at)


def pat_department(app_db, actor) -> int:
    return workshops.participant(app_db, actor=actor)["department_id"]
