"""The summary page: every section of the demo workshop on one screen, the exports offered, the PDF
prepared behind a progress bar, in both languages, for participants as well as the facilitator."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from cvm_core import exports
from db import demo, workshops
from db.services import Actor
from tests.apptest.conftest import press, texts
from tests.helpers import create

PAGE = "pages/summary.py"


def person(engine: Engine, workshop_id: int, role: str) -> Actor:
    found = next(p for p in workshops.participants(engine, workshop_id=workshop_id) if p["role"] == role)
    return Actor(workshop_id, found["id"], found["display_name"])


@pytest.fixture
def demo_en(app_db: Engine) -> int:
    return demo.build_demo(app_db, "en")


def downloads(at) -> dict[str, object]:  # noqa: ANN001
    return {d.proto.label: d.proto for d in at.get("download_button")}


def test_the_demo_summary_shows_every_section(new_app, app_db, demo_en) -> None:  # noqa: ANN001
    at = new_app("en", person(app_db, demo_en, "facilitator"), PAGE)
    assert not at.exception
    assert at.title[0].value == "Workshop summary"
    assert at.subheader[0].value == "Progress over the nine steps"
    tabs = [tab.label for tab in at.tabs]
    assert tabs == [
        "Customers and their top pains",
        "Strategy canvas",
        "Promises to customers",
        "Department network",
        "Value streams",
        "Economics and bonus pools",
        "Golden thread and money at risk",
        "Experiments",
        "Decisions and actions",
        "Since the last round",
        "Decisions and notes",
    ]
    shown = texts(at)
    assert "Independent restaurants and cafés" in shown  # the canvas heading
    assert "What makes the offer unique" in shown
    assert len(at.dataframe) >= 8
    assert any(m.label == "Steps done" and m.value == "5 / 9" for m in at.metric)


def test_each_export_is_offered_and_the_pdf_is_prepared_on_demand(new_app, app_db, demo_en, monkeypatch) -> None:  # noqa: ANN001
    at = new_app("en", person(app_db, demo_en, "facilitator"), PAGE)
    offered = downloads(at)
    assert set(offered) == {"Excel", "Markdown", "CSV (zip)", "JSON backup"}
    assert offered["Excel"].ignore_rerun
    heard = []
    real = exports.export
    monkeypatch.setattr(exports, "export", lambda key, *a, **kw: heard.append(sorted(kw)) or real(key, *a, **kw))
    press(at, "Prepare the PDF")
    assert not at.exception
    assert ["progress"] in heard  # the page hands the export a progress bar to fill
    pdf = downloads(at)["PDF"]
    assert pdf.url.endswith(".pdf")
    assert at.session_state["summary_pdf"][1].startswith(b"%PDF")
    at.run()
    assert "PDF" in downloads(at)  # still offered while the workshop has not changed
    create(app_db, person(app_db, demo_en, "facilitator"), "offering", name="New")
    at.run()
    assert "PDF" not in downloads(at)  # the workshop changed: a PDF of the old state is not offered
    assert "Prepare the PDF" in [b.label for b in at.button]


def test_a_participant_reads_it_in_russian(new_app, app_db) -> None:  # noqa: ANN001
    ru = demo.build_demo(app_db, "ru")
    at = new_app("ru", person(app_db, ru, "participant"), PAGE)
    assert not at.exception
    assert at.title[0].value == "Итоги мастерской"
    assert "Клиенты и их главные боли" in [tab.label for tab in at.tabs]
    assert "Подготовить PDF" in [b.label for b in at.button]
    offered = downloads(at)
    assert "JSON (ваш вид)" in offered and "Резервная копия JSON" not in offered  # a view, never the backup


def test_an_empty_workshop(new_app, facilitated) -> None:  # noqa: ANN001
    _, actor = facilitated
    at = new_app("en", actor, PAGE)
    assert not at.exception
    assert "Nothing here yet." in texts(at)
    assert "JSON backup" in downloads(at)
