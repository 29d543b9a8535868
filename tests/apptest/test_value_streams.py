"""Value streams page: the drawing handed to the component, creating a stream with its default stages,
renaming, moving and staffing stages, a click on a department, and a workshop without customers."""

import json
import re

import pytest

from cvm_core.streams import streams
from db import read
from db.services import Actor
from tests.apptest.conftest import press, save_table, texts
from tests.helpers import create, demo_facilitator

PAGE = "pages/value_streams.py"


@pytest.fixture
def demo(app_db) -> Actor:
    return demo_facilitator(app_db, "en")


def graph_args(at) -> tuple[dict, dict]:
    found = [e for e in at.main if type(e).__name__ == "UnknownElement"]
    assert found, "no graph component on the page"
    args = json.loads(found[0].proto.json_args)
    return json.loads(args["data"]), json.loads(args["config"])


def stages(app_db, actor: Actor) -> list[str]:
    rows = read.rows(app_db, workshop_id=actor.workshop_id, entity_name="value_stream_stage")
    return [r["name"] for r in sorted(rows, key=lambda r: (r["position"], r["id"]))]


def test_the_demo_stream_is_drawn_left_to_right(new_app, demo, app_db) -> None:
    first = streams(read.backup(app_db, actor=Actor.system(demo.workshop_id)))[0]
    at = new_app("en", demo, PAGE)
    assert not at.exception
    assert at.selectbox(key="vs_pick").value == first.id
    assert first.name in texts(at)
    value, ltv = (f"€{v:,.0f}" for v in (first.customer_value, first.ltv))  # the demo labels money with €
    assert [m.value for m in at.metric] == [first.customer, first.leader, value, ltv]
    data, config = graph_args(at)
    chain = [n["id"][0] for n in data["nodes"] if n["id"][0] in "lsc"]
    assert chain == ["l", "s", "s", "s", "s", "c"]
    assert all(re.fullmatch(r"(l|s|c)\d+|m\d+x\d+", n["id"]) for n in data["nodes"])
    assert all("title" not in n for n in data["nodes"])
    stage_x = [n["x"] for n in data["nodes"] if n["id"][0] in "lsc"]
    assert stage_x == sorted(stage_x)
    assert config["physics"] == {"enabled": False}


def test_a_new_stream_gets_the_four_stages_in_the_users_language(new_app, facilitated, app_db) -> None:
    _, fay = facilitated
    create(app_db, fay, "customer", name="Кафе")
    at = new_app("ru", fay, PAGE)
    assert "Потоков ценности пока нет" in texts(at)
    at.text_input(key="vs_new_name").input("Доставка к утру")
    at.text_input(key="vs_new_leader").input("Анна")
    press(at, "Создать поток")
    assert not at.exception
    assert stages(app_db, fay) == ["Исследование", "Проектирование", "Предложение", "Разработка"]
    assert "Доставка к утру" in texts(at)


def test_stages_are_renamed_moved_and_staffed(new_app, facilitated, app_db) -> None:
    _, fay = facilitated
    customer = create(app_db, fay, "customer", name="Shops")
    it = create(app_db, fay, "department", name="IT")
    at = new_app("en", fay, PAGE)
    at.text_input(key="vs_new_name").input("Shop supply")
    at.selectbox(key="vs_new_customer").set_value(customer["id"])
    press(at, "Create the stream")
    stream = read.rows(app_db, workshop_id=fay.workshop_id, entity_name="value_stream")[0]
    key = f"vs_stages_{stream['id']}"
    save_table(at, key, {0: {"name": "Discovery"}})
    assert stages(app_db, fay) == ["Discovery", "Design", "Proposition", "Development"]
    first = read.rows(app_db, workshop_id=fay.workshop_id, entity_name="value_stream_stage")[0]
    at.button(key=f"vs_move_{first['id']}_1").click()
    at.run()
    assert stages(app_db, fay) == ["Design", "Discovery", "Proposition", "Development"]
    members = next(m for m in at.multiselect if m.key.startswith(f"vs_members_{first['id']}_"))
    members.set_value([it["id"]])
    at.run()
    links = read.rows(app_db, workshop_id=fay.workshop_id, entity_name="stage_department")
    assert [(link["stage_id"], link["department_id"]) for link in links] == [(first["id"], it["id"])]
    assert any(n["label"] == "IT" for n in graph_args(at)[0]["nodes"])


def test_a_click_on_a_department_shows_its_card(new_app, demo) -> None:
    at = new_app("en", demo, PAGE)
    data, _ = graph_args(at)
    member = next(n for n in data["nodes"] if n["id"].startswith("m"))
    stream_id = at.selectbox(key="vs_pick").value
    at.session_state[f"vs_graph_{stream_id}"] = member["id"]
    at.run()
    assert not at.exception
    assert f"{member['label']} as a service" in texts(at)


def test_without_customers_the_page_points_to_step_1(new_app, facilitated) -> None:
    _, fay = facilitated
    at = new_app("en", fay, PAGE)
    assert "add customers on step 1 first" in texts(at)
