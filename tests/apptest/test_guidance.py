"""A page's guidance: drawn only while its expander is open, and then all of it."""

from cvm_core.i18n import t as tr
from tests.apptest.conftest import texts
from tests.helpers import create

PAGE = "pages/step2_pains.py"


def test_the_guidance_is_drawn_only_once_opened(new_app, app_db, facilitated) -> None:
    info, fay = facilitated
    create(app_db, fay, "customer", name="Shops")
    at = new_app("en", fay, PAGE)
    assert [e.label for e in at.expander if e.label == tr("common.guidance", "en")]
    assert tr("step2.guide.question", "en") not in texts(at)
    at.session_state["guide_step2"] = True  # the browser opening the expander
    at.run()
    assert not at.exception
    shown = texts(at)
    for key in ("step2.guide.question", "step2.guide.good", "step2.guide.bad", "step2.guide.mistakes"):
        assert tr(key, "en") in shown
