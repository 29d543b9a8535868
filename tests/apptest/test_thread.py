"""The golden thread page in both languages: the graph handed to the component (our ids, no node titles), the
pick from a link (`?of=`), a click on the graph, the teams' profit and bonus, money at risk, the agenda of
gaps, and an empty workshop."""

import json
import re

import pytest

from db import read
from db.services import Actor
from tests.apptest.conftest import button, texts
from tests.helpers import create, demo_facilitator

PAGE = "pages/thread.py"


@pytest.fixture
def demo(app_db) -> Actor:
    return demo_facilitator(app_db, "en")


def rows(engine, actor: Actor, entity: str) -> list[dict]:
    return read.rows(engine, workshop_id=actor.workshop_id, entity_name=entity)


def graph_args(at) -> tuple[dict, dict]:
    found = [e for e in at.main if type(e).__name__ == "UnknownElement"]
    assert found, "no graph component on the page"
    args = json.loads(found[0].proto.json_args)
    return json.loads(args["data"]), json.loads(args["config"])


GRAPH_KEY = "thread_graph_0"  # no pick changed yet


def test_a_link_opens_the_thread_of_a_pain_down_to_the_bonus(new_app, demo, app_db) -> None:
    pain = next(p for p in rows(app_db, demo, "pain") if p["text"].startswith("Deliveries arrive outside"))
    at = new_app("en", demo)
    at.switch_page(PAGE)
    at.query_params["of"] = f"n{pain['id']}"
    at.run()
    assert not at.exception
    assert at.selectbox(key="thread_pick").value == f"n{pain['id']}"
    data, config = graph_args(at)
    ids = [n["id"] for n in data["nodes"]]
    assert all(re.fullmatch(r"[cnfpidx]\d+", i) for i in ids) and f"n{pain['id']}" in ids
    assert all("title" not in n for n in data["nodes"])  # tips travel in groups, shown as text
    logistics = next(n for n in data["nodes"] if n["label"].startswith("Logistics\n"))
    assert "profit" in logistics["label"] and "bonus" in logistics["label"]
    shown = texts(at)
    assert "At the end of the thread: the teams" in shown and "Money at risk if the promises on this thread" in shown
    assert any(m.label.startswith("Segments' revenue at risk") for m in at.metric)
    assert "Gaps across the workshop" in shown


def test_a_click_on_the_graph_follows_the_thread_from_there(new_app, demo) -> None:
    at = new_app("en", demo, PAGE)
    data, _ = graph_args(at)
    start = at.selectbox(key="thread_pick").value
    other = next(n["id"] for n in data["nodes"] if n["id"][0] == "i")
    at.session_state[GRAPH_KEY] = other
    at.run()
    assert not at.exception
    assert at.selectbox(key="thread_pick").value == other != start
    assert at.query_params["of"] == other
    assert "Money at risk if this promise fails" in texts(at)


def test_the_agenda_shows_a_gap_on_the_thread(new_app, demo) -> None:
    at = new_app("en", demo, PAGE)
    gap = at.selectbox(key="thread_agenda_pick").value
    assert gap.startswith("f")  # the demo's gaps: value factors nobody promises yet
    button(at, "Show").click().run()
    assert not at.exception
    assert at.selectbox(key="thread_pick").value == gap
    assert "No promise delivers it" in json.dumps(graph_args(at)[0], ensure_ascii=False)
    assert "a value factor no promise delivers" in texts(at)


def test_the_thread_in_russian(new_app, app_db) -> None:
    actor = demo_facilitator(app_db, "ru")
    at = new_app("ru", actor, PAGE)
    assert not at.exception
    shown = texts(at)
    assert "Золотая нить" in shown and "В конце нити: команды" in shown and "Разрывы по всей сессии" in shown
    assert at.selectbox(key="thread_pick").value.startswith("p")


def test_user_text_stays_text(new_app, demo, app_db) -> None:
    customer = rows(app_db, demo, "customer")[0]
    text = "<img src=x onerror=alert(1)> **bold** [link](javascript:x)"
    pain = create(app_db, demo, "pain", customer_id=customer["id"], text=text)
    at = new_app("en", demo)
    at.switch_page(PAGE)
    at.query_params["of"] = f"n{pain['id']}"
    at.run()
    assert not at.exception
    data, config = graph_args(at)
    node = next(n for n in data["nodes"] if n["id"] == f"n{pain['id']}")
    assert node["label"].startswith("<img src=x") and config["groups"][node["id"]]["title"].startswith(text)


def test_a_link_to_something_unknown_opens_a_thread_anyway(new_app, demo) -> None:
    at = new_app("en", demo)
    at.switch_page(PAGE)
    at.query_params["of"] = "<script>"
    at.run()
    assert not at.exception and at.selectbox(key="thread_pick").value.startswith("p")


def test_an_empty_workshop_says_where_the_thread_starts(new_app, facilitated) -> None:
    _, fay = facilitated
    at = new_app("ru", fay, PAGE)
    assert not at.exception
    assert "Пока нечего проследить" in texts(at)
