"""The facilitator console shows money at risk now (what today's broken and at-risk promises put at risk), in
both languages, and links to the golden thread."""

import pytest

from cvm_core import risk
from db import read
from db.services import Actor
from tests.apptest.conftest import texts
from tests.helpers import demo_facilitator

PAGE = "pages/console.py"


@pytest.mark.parametrize(("lang", "title"), [("en", "Money at risk now"), ("ru", "Деньги под угрозой сейчас")])
def test_money_at_risk_now_on_the_console(new_app, app_db, lang: str, title: str) -> None:
    fay = demo_facilitator(app_db, lang)
    at = new_app(lang, fay, PAGE)
    assert not at.exception
    assert title in texts(at)
    model = risk.model(read.backup(app_db, actor=Actor.system(fay.workshop_id)))
    now = risk.now(model)
    assert now.revenue > 0
    shown = [m.value for m in at.metric]
    money = [risk.money(v, lang, model.net.currency) for v in (now.revenue, now.ltv)]
    assert all(m in shown for m in money) and all(("€" if lang == "en" else "₽") in m for m in money)
    assert [link.proto.page for link in at.get("page_link") if link.proto.page == "thread"] == ["thread"]
