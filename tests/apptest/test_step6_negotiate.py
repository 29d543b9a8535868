"""Step 6, negotiate with the numbers: a slider on an internal price shows both teams' profit and their bonus
under every variant and the zero-sum check; "agree" stores the price through the service (versioned, audited)."""

import pytest

from db import read
from db.services import Actor
from tests.apptest.conftest import texts
from tests.helpers import demo_facilitator

PAGE = "pages/step6_internal.py"
TAB = {"en": "💱 Negotiate the price", "ru": "💱 Договориться о цене"}


def demo_actor(app_db, lang: str) -> Actor:
    return demo_facilitator(app_db, lang)


def test_the_slider_moves_both_teams_and_agreeing_stores_the_price(new_app, app_db) -> None:
    actor = demo_actor(app_db, "en")
    row = next(
        r
        for r in read.rows(app_db, workshop_id=actor.workshop_id, entity_name="internal_promise")
        if r["price_unit"] == "money" and r["price_amount"]
    )
    at = new_app("en", actor, PAGE)
    at.session_state["step6_tab"] = TAB["en"]
    at.run()
    at.selectbox(key="step6_haggle").set_value(row["id"]).run()
    assert not at.exception
    before = {m.label: m.value for m in at.metric}
    assert at.button(key="step6_apply_price").disabled  # nothing to agree while the price is unchanged
    at.slider(key=f"step6_price_{row['id']}").set_value(row["price_amount"] * 2).run()
    after = {m.label: m.value for m in at.metric}
    supplier = next(label for label in after if label.startswith("Supplier "))
    client = next(label for label in after if label.startswith("Client "))
    assert after[supplier] != before[supplier] and after[client] != before[client]
    deltas = {m.label: m.proto.delta for m in at.metric}
    assert deltas[supplier].lstrip("+") == deltas[client].lstrip("−-")  # what one earns the other pays
    assert "Zero-sum check" in texts(at)
    table = at.dataframe[0].value
    assert len(table) == 4 and len(table.columns) == 5 and table.iloc[:, 0].str.contains("✓").any()
    at.button(key="step6_apply_price").click().run()
    assert not at.exception
    stored = read.row(app_db, workshop_id=actor.workshop_id, entity_name="internal_promise", row_id=row["id"])
    assert stored["price_amount"] == row["price_amount"] * 2 and stored["version"] == row["version"] + 1
    events = read.audit_events(app_db, workshop_id=actor.workshop_id, limit=5)
    assert any(
        e["entity"] == "internal_promise" and e["after"] == {"price_amount": stored["price_amount"]} for e in events
    )


@pytest.mark.parametrize("lang", ["ru"])
def test_negotiating_in_russian(new_app, app_db, lang: str) -> None:
    at = new_app(lang, demo_actor(app_db, lang), PAGE)
    at.session_state["step6_tab"] = TAB[lang]
    at.run()
    assert not at.exception
    shown = texts(at)
    assert "Договориться с цифрами в руках" in shown and "Проверка нулевой суммы" in shown
    assert any(m.label.startswith("Поставщик ") for m in at.metric)
