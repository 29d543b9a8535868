"""The home page: create a workshop, join it from another session, errors in both languages."""

from tests.apptest.conftest import press, texts


def test_create_a_workshop_then_join_it_from_another_session(new_app, app_db) -> None:
    facilitator = new_app("en")
    facilitator.text_input(key="new_name").input("Spring planning")
    facilitator.text_input(key="new_passcode").input("secret-1")
    facilitator.text_input(key="new_facilitator").input("Fay")
    press(facilitator, "Create the workshop")
    assert not facilitator.exception
    (workshop_id,) = facilitator.session_state["joined"]
    assert facilitator.session_state["new_passcode"] == ""  # the passcode is not kept after use
    code = next(m.value for m in facilitator.metric)
    assert "Spring planning" in texts(facilitator)

    participant = new_app("en")
    participant.text_input(key="join_code").input(code.lower())
    participant.text_input(key="join_name").input("Pat")
    participant.text_input(key="join_department").input("Sales")
    press(participant, "Join")
    assert list(participant.session_state["joined"]) == [workshop_id]
    assert "Step 1 · Who is the customer?" in texts(participant)  # landed on the room's step
    assert any("You are in “Spring planning”" in toast.value for toast in participant.toast)


def test_a_wrong_code_and_an_empty_name_get_clear_messages(new_app) -> None:
    at = new_app("en")
    at.text_input(key="join_code").input("ZZZZZZ")
    at.text_input(key="join_name").input("Pat")
    press(at, "Join")
    assert "No open workshop has this code" in texts(at)
    at.text_input(key="new_name").input("")
    at.text_input(key="new_passcode").input("secret-1")
    at.text_input(key="new_facilitator").input("Fay")
    press(at, "Create the workshop")
    assert "Workshop name: this field is required." in texts(at)
    assert "joined" not in at.session_state or not at.session_state["joined"]


def test_messages_are_in_russian_for_a_russian_session(new_app) -> None:
    at = new_app("ru")
    assert "Мастерская клиентократии" in texts(at)
    at.text_input(key="new_passcode").input("secret-1")
    at.text_input(key="new_facilitator").input("Фая")
    press(at, "Создать мастерскую")
    assert "Название мастерской: обязательное поле." in texts(at)


def test_a_join_link_fills_in_the_code(new_app, facilitated) -> None:
    from streamlit.testing.v1 import AppTest

    from tests.apptest.conftest import APP

    info, _ = facilitated
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["lang"] = "en"
    at.query_params["join"] = info["join_code"]
    at.run()
    assert at.text_input(key="join_code").value == info["join_code"]
    assert info["join_code"] in texts(at)
