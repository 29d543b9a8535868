"""Step 2 page: pains added and edited, dot voting with its budget, private brainstorm, ranking, messages."""

import pytest

from db import read, workshops
from tests.apptest.conftest import press, save_table, texts
from tests.helpers import create, settings

PAGE = "pages/step2_pains.py"
EN = {"ranking": "Ranking and dots", "pains": "Add and edit pains", "add": "Add the pain"}
RU = {"ranking": "Рейтинг и голоса", "pains": "Добавить и править боли", "add": "Добавить боль"}


@pytest.fixture
def shop(app_db, facilitated):
    info, fay = facilitated
    customer = create(app_db, fay, "customer", name="Shops")
    pat = workshops.join(
        app_db, code=info["join_code"], display_name="Pat", new_department="Sales", throttle_keys=["s2"]
    )
    return info, fay, pat, customer["id"]


def tab(at, label: str) -> None:
    at.session_state["s2_tab"] = label
    at.run()


def add_pain(at, text: str, words: dict = EN) -> None:
    at.text_input(key="s2_new_text").input(text)
    press(at, words["add"])


def toggle(at, label: str, value: bool) -> None:
    next(w for w in at.toggle if w.label == label).set_value(value)
    at.run()


def pains(app_db, workshop_id: int) -> dict[str, dict]:
    return {p["text"]: p for p in read.rows(app_db, workshop_id=workshop_id, entity_name="pain")}


def test_add_pains_vote_close_and_the_step_is_done(new_app, shop, app_db) -> None:
    info, fay, pat, _ = shop
    facilitator = new_app("en", fay, PAGE)
    assert "Shops has no pains yet." in texts(facilitator)
    tab(facilitator, EN["pains"])
    add_pain(facilitator, "Late deliveries")
    add_pain(facilitator, "Wrong invoices")
    assert not facilitator.exception
    assert set(pains(app_db, info["id"])) == {"Late deliveries", "Wrong invoices"}
    assert "Nobody has put a dot on a pain of Shops yet." in texts(facilitator)
    toggle(facilitator, "Voting open", True)
    assert workshops.workshop(app_db, workshop_id=info["id"])["voting_open"]

    participant = new_app("en", pat, PAGE)
    tab(participant, EN["ranking"])
    assert "you have 5 of 5 dots left" in texts(participant)
    invoices = pains(app_db, info["id"])["Wrong invoices"]["id"]
    for _ in range(2):
        participant.button(key=f"s2_plus_{invoices}").click()
        participant.run()
    assert "you have 3 of 5 dots left" in texts(participant)
    assert participant.dataframe[0].value["text"].tolist() == ["Wrong invoices", "Late deliveries"]
    assert [v["dots"] for v in read.rows(app_db, workshop_id=info["id"], entity_name="vote")] == [2]

    facilitator.run()
    toggle(facilitator, "Voting open", False)
    assert "The step's criterion is met." in texts(facilitator)


def test_budget_closed_voting_and_named_votes_on_the_page(new_app, shop, app_db) -> None:
    info, fay, pat, customer = shop
    row = create(app_db, fay, "pain", customer_id=customer, text="Slow answers")
    settings(app_db, fay, voting_open=True, dots_per_person=1)
    at = new_app("en", pat, PAGE)
    at.button(key=f"s2_plus_{row['id']}").click()
    at.run()
    assert "you have 0 of 1 dot left" in texts(at)
    assert at.button(key=f"s2_plus_{row['id']}").disabled
    settings(app_db, fay, voting_anonymous=False)
    at.run()
    assert at.dataframe[0].value["voters"].tolist() == ["Pat (1)"]
    settings(app_db, fay, voting_open=False)
    at.button(key=f"s2_minus_{row['id']}").click()  # the page still shows the buttons from before
    at.run()
    assert "Voting is closed. The facilitator opens it when the room is ready." in texts(at)
    assert [v["dots"] for v in read.rows(app_db, workshop_id=info["id"], entity_name="vote")] == [1]


def test_private_brainstorm_hides_pains_until_the_facilitator_reveals_them(new_app, shop, app_db) -> None:
    info, fay, pat, customer = shop
    settings(app_db, fay, brainstorm_private=True)
    participant = new_app("en", pat, PAGE)
    assert "the pains you add stay hidden from the others" in texts(participant)
    tab(participant, EN["pains"])
    add_pain(participant, "Secret pain")
    assert pains(app_db, info["id"])["Secret pain"]["hidden"]
    assert participant.data_editor(key=f"pains_{customer}__ed0").value["text"].tolist() == ["Secret pain"]
    kim = workshops.join(app_db, code=info["join_code"], display_name="Kim", throttle_keys=["s2k"])
    other = new_app("en", kim, PAGE)
    tab(other, EN["pains"])
    assert "Secret pain" not in texts(other) and "No pains for this customer yet." in texts(other)
    facilitator = new_app("en", fay, PAGE)
    shown = texts(facilitator)
    assert "1 pain is hidden until you reveal it" in shown and "Secret pain" not in shown
    press(facilitator, "Reveal 1 hidden pain")
    assert "1 hidden pain becomes visible to everyone" in texts(facilitator)  # asked first
    assert pains(app_db, info["id"])["Secret pain"]["hidden"]
    facilitator.button(key="yes_reveal").click()
    facilitator.run()
    assert not pains(app_db, info["id"])["Secret pain"]["hidden"]
    other.run()
    assert other.data_editor(key=f"pains_{customer}__ed0").value["text"].tolist() == ["Secret pain"]


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        ({"text": ""}, "Pain: this field is required."),
        ({"text": "x" * 10_001}, "too long: 10,001 characters, at most 300."),
        ({"severity": 9}, "Severity (1–5): must be between 1 and 5."),
        ({"frequency": "often"}, "Frequency (1–5): enter a number, e.g. 12 or 3.5."),
        ({"text": " late  DELIVERIES "}, "an item with this text already exists"),
    ],
)
def test_bad_edits_show_the_message_next_to_the_table(new_app, shop, app_db, edit, message) -> None:
    info, fay, _, customer = shop
    for text in ("Late deliveries", "Wrong invoices"):
        create(app_db, fay, "pain", customer_id=customer, text=text)
    at = new_app("en", fay, PAGE)
    tab(at, EN["pains"])
    save_table(at, f"pains_{customer}", {1: edit})
    assert message in texts(at)
    assert set(pains(app_db, info["id"])) == {"Late deliveries", "Wrong invoices"}


def test_bad_input_in_the_form_and_in_russian(new_app, shop, app_db) -> None:
    info, _, pat, _ = shop
    at = new_app("ru", pat, PAGE)
    assert "Шаг 2 · Что болит у клиента?" in texts(at)
    tab(at, RU["pains"])
    add_pain(at, "", RU)
    assert "Боль: обязательное поле." in texts(at)
    add_pain(at, "Опоздания", RU)
    add_pain(at, " опоздания ", RU)
    assert "уже есть" in texts(at)
    add_pain(at, "д" * 10_001, RU)
    assert "слишком длинно: 10\u00a0001 знак," in texts(at)
    assert list(pains(app_db, info["id"])) == ["Опоздания"]
    tab(at, RU["ranking"])
    assert "Голосование закрыто." in texts(at)


def live_list(at) -> dict:  # noqa: ANN001
    """The data of the page's live list (ui/live_list.py), as its component got it."""
    import json

    found = [e for e in at.main if getattr(e, "type", "") == "bidi_component" and "cvm_list" in e.proto.component_name]
    assert len(found) == 1
    return json.loads(found[0].proto.json)


def test_with_voting_closed_the_ranked_list_follows_the_room_in_the_rooms_language(new_app, shop, app_db) -> None:
    """No dots to click: the ranked list is a live list (its rows come on the change stream, web/lists.py),
    ranked, with its headings in the room's language and a note for while it is empty."""
    info, fay, pat, customer = shop
    participant = new_app("ru", pat, PAGE)
    empty = live_list(participant)
    assert empty["rows"] == [] and empty["none"] == "У этого клиента пока нет болей. Добавьте первую ниже."
    create(app_db, fay, "pain", customer_id=customer, text="Опоздания", severity=2, frequency=2)
    create(app_db, fay, "pain", customer_id=customer, text="Ошибки в счетах", severity=3, frequency=3)
    participant.run()
    data = live_list(participant)
    assert [r["text"] for r in data["rows"]] == ["Ошибки в счетах", "Опоздания"]
    assert data["spec"] == {"kind": "ranking", "customer": customer}
    assert [c["label"] for c in data["columns"]][:2] == ["№", "Боль"]
    assert all(not c["label"].isascii() for c in data["columns"])  # every heading from the ru catalogue
    settings(app_db, fay, voting_open=True)
    participant.run()
    assert participant.dataframe[0].value["text"].tolist() == ["Ошибки в счетах", "Опоздания"]  # dots: a fragment
