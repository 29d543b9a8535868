"""The projector view in both languages: the facilitator's screen shows the workshop, the step and its question,
the join code with its QR code, and no room bar or sidebar; a participant is told it is the facilitator's; user
text stays text."""

import base64
import re

import pytest

from cvm_core.i18n import t
from db import live, workshops
from db.pains import set_dots
from tests.apptest.conftest import texts
from tests.helpers import create, join, settings

PAGE = "pages/projector.py"


def bodies(at) -> str:  # noqa: ANN001
    return "\n".join(h.proto.body for h in at.get("html"))


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_facilitator_sees_the_room_on_the_big_screen(new_app, app_db, facilitated, lang: str) -> None:
    info, fay = facilitated
    live.set_current_step(app_db, actor=fay, step=3)
    live.start_timer(app_db, actor=fay, minutes=5)
    at = new_app(lang, fay, PAGE)
    assert not at.exception
    shown = bodies(at)
    for text in (info["name"], info["join_code"], t("steps.3", lang), t("step3.guide.question", lang)):
        assert text in shown, text
    assert t("projector.scan", lang) in shown
    assert t("projector.ready", lang, ready=0, total=0) in shown
    found = re.search(r'id="cvm-qr"[^>]*src="data:image/svg\+xml;base64,([^"]+)"', shown)
    svg = base64.b64decode(found.group(1)).decode()
    assert svg.startswith("<svg ") and "<script" not in svg
    assert 'data-testid="stSidebar"' in shown and "display: none" in shown  # no sidebar on the big screen
    assert shown.count('id="cvm-clock"') == 1  # the projector's own clock; the room bar is not drawn
    assert t("live.you_are_here", lang, step=t("steps.3", lang)) not in texts(at)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_participant_is_told_it_is_the_facilitators(new_app, app_db, facilitated, lang: str) -> None:
    info, _ = facilitated
    pat = workshops.join(app_db, code=info["join_code"], display_name="Pat", throttle_keys=["apptest"])
    at = new_app(lang, pat, PAGE)
    assert not at.exception
    assert t("projector.facilitator_only", lang) in texts(at)
    assert info["join_code"] not in bodies(at)


def test_user_text_stays_text_and_the_vote_is_listed(new_app, app_db) -> None:
    hostile = '<img src=x onerror="alert(1)"><b>Room</b>'
    info, fay = workshops.create_workshop(
        app_db, data={"name": hostile, "language": "en"}, passcode="pass-1", facilitator_name="Fay"
    )
    shops = create(app_db, fay, "customer", name="<i>Shops</i>")["id"]
    pain = create(app_db, fay, "pain", customer_id=shops, text="<script>x</script>")
    pat = join(app_db, info, "Pat")
    settings(app_db, fay, voting_open=True, brainstorm_private=True)
    create(app_db, pat, "pain", customer_id=shops, text="Hidden idea of Pat")
    set_dots(app_db, actor=pat, pain_id=pain["id"], dots=2)
    at = new_app("en", fay, PAGE)
    assert not at.exception
    shown = bodies(at)
    assert hostile not in shown and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&lt;b&gt;Room&lt;/b&gt;" in shown
    assert "<script>x</script>" not in shown and "&lt;script&gt;x&lt;/script&gt;" in shown
    assert "&lt;i&gt;Shops&lt;/i&gt;" in shown
    assert t("projector.voting_anonymous", "en") in shown and t("projector.dots", "en", count=2) in shown
    assert "Hidden idea of Pat" not in shown and t("projector.hidden", "en", count=1) in shown
    assert "Pat" not in shown  # anonymous voting: no names
