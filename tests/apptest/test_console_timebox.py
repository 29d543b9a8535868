"""The console's end-of-timebox controls in both languages: "over time by m:ss", the sound switch, the short round
(start, more time, end) and the link to the projector view."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import update

from cvm_core.i18n import t
from db import live
from db.models import Workshop, utcnow
from tests.apptest.conftest import button, press

CONSOLE = "pages/console.py"


def metric(at, label: str) -> str:  # noqa: ANN001
    return next(m.value for m in at.metric if m.label == label)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_console_says_how_far_over_time_the_room_is(new_app, app_db, facilitated, lang: str) -> None:
    info, fay = facilitated
    live.start_timer(app_db, actor=fay, minutes=5)
    before = utcnow()
    with app_db.begin() as conn:
        ended = before - timedelta(seconds=65)
        conn.execute(update(Workshop.__table__).where(Workshop.id == info["id"]).values(timer_end=ended))
    at = new_app(lang, fay, CONSOLE)
    took = (utcnow() - before).total_seconds()
    assert not at.exception
    shown = metric(at, t("console.timer", lang))
    minutes, seconds = re.search(r"(\d+):(\d\d)", shown).groups()
    assert shown == t("live.over_by", lang, time=f"{minutes}:{seconds}")
    assert 65 <= int(minutes) * 60 + int(seconds) <= 65 + took + 1  # however long the page took to run
    assert metric(at, t("console.round_metric", lang)) == "--:--"


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_sound_switch_is_kept_on_the_workshop(new_app, app_db, facilitated, lang: str) -> None:
    info, fay = facilitated
    at = new_app(lang, fay, CONSOLE)
    switch = at.toggle(key="clock_sound_True")
    assert switch.label == t("console.sound", lang) and switch.value is True
    switch.set_value(False).run()
    assert not at.exception
    assert live.room(app_db, workshop_id=info["id"]).clock_sound is False
    at.toggle(key="clock_sound_False").set_value(True).run()
    assert live.room(app_db, workshop_id=info["id"]).clock_sound is True


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_short_round_starts_gets_more_time_and_ends(new_app, app_db, facilitated, lang: str) -> None:
    info, fay = facilitated
    at = new_app(lang, fay, CONSOLE)
    assert button(at, t("console.round_more", lang, seconds=30)).disabled
    assert button(at, t("console.round_stop", lang)).disabled
    kind = at.selectbox(key="round_kind")
    assert kind.label == t("console.round_kind", lang) and kind.options == [
        t("live.round_voting", lang),
        t("live.round_brainstorm", lang),
    ]
    kind.select("voting")
    length = at.selectbox(key="round_length")
    assert t("console.mins_secs", lang, minutes=1, seconds=30) in length.options
    length.select(60)
    press(at, t("console.round_start", lang))
    assert not at.exception
    room = live.room(app_db, workshop_id=info["id"])
    assert room.round_kind == "voting" and 55 <= room.round_left <= 60
    assert metric(at, t("console.round_metric", lang)) in {f"00:{n}" for n in range(55, 61)} | {"01:00"}

    press(at, t("console.round_more", lang, seconds=30))
    assert 85 <= live.room(app_db, workshop_id=info["id"]).round_left <= 90
    press(at, t("console.round_stop", lang))
    assert live.room(app_db, workshop_id=info["id"]).round_left is None
    assert button(at, t("console.round_stop", lang)).disabled


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_projector_opens_from_the_console(new_app, facilitated, lang: str) -> None:
    _, fay = facilitated
    at = new_app(lang, fay, CONSOLE)
    links = [b.proto for b in at.get("link_button")]
    assert [(b.label, b.url) for b in links] == [(t("console.projector", lang), "projector")]
