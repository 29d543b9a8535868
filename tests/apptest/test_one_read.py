"""A page run reads the rows it shows once: the sidebar's list of departments comes from the page's own
read, taken by the page's frame (one transaction fewer on every run of a page with the sidebar), and only
for that run."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from db import read, services
from ui import frame

APP = Path(__file__).with_name("one_read_app.py")


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, ...] | None]:
    """The entities of every read through the read door, in order."""
    seen: list[tuple[str, ...] | None] = []
    original = read.read

    def counted(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        entities = kwargs.get("entities", read.EVERY)
        seen.append(None if entities is None else tuple(entities))
        return original(*args, **kwargs)

    monkeypatch.setattr(read, "read", counted)
    return seen


def _app(actor, page: str) -> AppTest:  # noqa: ANN001
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.session_state["lang"] = "en"
    at.session_state["_lang_for"] = actor.workshop_id
    at.session_state["joined"] = {actor.workshop_id: actor}
    at.session_state["workshop_id"] = actor.workshop_id
    at.session_state["one_read_page"] = page
    return at


@pytest.mark.parametrize("page", ["step1_customers", "step2_pains", "step8_motivation"])
def test_the_sidebar_and_the_page_share_one_read(app_db, small, reads, page) -> None:
    fay, ids = small
    at = _app(fay, page)
    at.run()
    assert not at.exception
    reads.clear()
    at.run()
    assert len(reads) == 1  # was two: the departments for the sidebar, then the page's rows
    departments = at.selectbox(key=f"my_department_{fay.workshop_id}")
    names = {d["name"] for d in read.rows(app_db, workshop_id=fay.workshop_id, entity_name="department")}
    assert names and names <= set(departments.options)  # the options as shown
    assert frame.EARLY not in at.session_state  # taken by the page: a fragment's rerun reads for itself


def test_a_new_department_shows_in_the_sidebar_on_the_next_run(app_db, small) -> None:
    fay, _ = small
    at = _app(fay, "step2_pains")
    at.run()
    services.create(app_db, actor=fay, entity_name="department", data={"name": "Night shift"})
    at.run()
    departments = at.selectbox(key=f"my_department_{fay.workshop_id}")
    assert "Night shift" in departments.options
