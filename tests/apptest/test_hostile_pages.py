"""Hostile input typed into a page: the message in the user's language, nothing invalid stored, and
stored text shown as text (Markdown and HTML escaped) wherever the page writes it."""

import pytest

from db import read
from tests.apptest.conftest import texts
from tests.apptest.test_step1 import PAGE, add_customer
from tests.helpers import create

HTML = "<script>window.x=1</script><b>bold</b>"
LINK = "[click me](javascript:alert(1))"


@pytest.mark.parametrize(
    ("lang", "typed", "message"),
    [
        ("en", "", "Customer: this field is required."),
        ("en", "\u200b\u200b", "Customer: this field is required."),
        ("en", "x" * 100_000, "too long: 100,000 characters, at most 80."),
        ("ru", "", "Клиент: обязательное поле."),
        ("ru", "я" * 81, "слишком длинно: 81 знак, можно не больше 80."),
    ],
    ids=["empty", "zero-width", "100k characters", "empty (ru)", "too long (ru)"],
)
def test_refused_on_the_page_with_its_message(new_app, facilitated, app_db, lang, typed, message) -> None:
    _, fay = facilitated
    at = new_app(lang, fay, PAGE)
    add_customer(at, typed, label="Add a customer" if lang == "en" else "Добавить клиента")
    assert message in texts(at)
    assert read.rows(app_db, workshop_id=fay.workshop_id, entity_name="customer") == []


@pytest.mark.parametrize("name", [HTML, LINK, "=cmd|' /C calc'!A0", "Sales\x00\u202eTeam"])
def test_stored_text_is_shown_as_text(new_app, facilitated, app_db, name) -> None:
    _, fay = facilitated
    create(app_db, fay, "department", name="Logistics")
    at = new_app("en", fay, PAGE)
    add_customer(at, name)
    (stored,) = read.rows(app_db, workshop_id=fay.workshop_id, entity_name="customer")
    assert "\x00" not in stored["name"] and "\u202e" not in stored["name"]
    bodies = [e.value for kind in ("markdown", "caption", "success", "info", "error") for e in getattr(at, kind)]
    for body in bodies:  # wherever the name reaches Markdown it is escaped, so no tag or link is formed
        assert "<script>" not in body and "](javascript:" not in body
    labels = [w.label for w in at.multiselect] + [w.label for w in at.selectbox]
    assert all("<script>" not in label and "](javascript:" not in label for label in labels)


def test_the_name_does_reach_markdown_escaped(new_app, facilitated, app_db) -> None:
    _, fay = facilitated
    create(app_db, fay, "department", name="Logistics")
    at = new_app("en", fay, PAGE)
    add_customer(at, LINK)
    shown = [e.value for e in at.markdown] + [w.label for w in at.multiselect] + [str(e.value) for e in at.toast]
    assert any("\\[click me\\]\\(javascript\\:alert\\(1\\)\\)" in s for s in shown), shown
