"""Progress page: the nine steps with their criteria and statuses; a step whose check is missing says so."""

import sys

from cvm_core.i18n import t
from db import read
from tests.apptest.conftest import texts
from tests.helpers import create, update
from ui import registry

PAGE = "pages/progress.py"


def test_progress_lists_every_step_and_flags_disagreements(new_app, facilitated, app_db, monkeypatch) -> None:
    _, fay = facilitated
    monkeypatch.setitem(sys.modules, "cvm_core.canvas", None)  # as if step 4's check were not written yet
    step6 = read.rows(app_db, workshop_id=fay.workshop_id, entity_name="step_progress", where={"step": 6})[0]
    update(app_db, fay, "step_progress", step6["id"], version=step6["version"], status="done")
    at = new_app("en", fay, PAGE)
    assert not at.exception
    table = at.dataframe[0].value
    assert list(table["Step"]) == [t(registry.step_page(n).title, "en") for n in range(1, 10)]
    assert table["What is missing"][3] == "not available yet"
    assert table["Facilitator's status"][5] == "Done"
    assert "6. Internal promises: marked done, but its criterion is not met yet." in texts(at)
    create(app_db, fay, "department", name="Sales")
    at.run()
    assert at.dataframe[0].value["What is missing"][0] == "Sales has no customer yet."
    assert [m.value for m in at.metric][0] == "0 / 9"


def test_progress_in_russian(new_app, facilitated) -> None:
    _, fay = facilitated
    at = new_app("ru", fay, PAGE)
    assert not at.exception
    assert "Прогресс по девяти шагам" in texts(at)
    assert "Шаг" in at.dataframe[0].value.columns
