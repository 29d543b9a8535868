"""Network page: the graph handed to the component (our ids, no node titles), filters, the impact path
and the service card, a click on the graph, and an empty workshop."""

import json
import re

import pytest

from cvm_core import graph as g
from db import read
from db.services import Actor
from tests.apptest.conftest import texts
from tests.helpers import create, demo_facilitator

PAGE = "pages/network.py"
GRAPH_KEY = "net_graph_None__None_0"  # no stream, all healths, no focus, no select-box pick yet


@pytest.fixture
def demo(app_db) -> Actor:
    return demo_facilitator(app_db, "en")


def demo_network(engine, actor: Actor) -> g.Network:
    return g.network(read.backup(engine, actor=Actor.system(actor.workshop_id)))


def pick_it(at) -> dict[str, str]:
    """Pick IT in the network's department box; the graph's node ids by label."""
    nodes = {n["label"]: n["id"] for n in graph_args(at)[0]["nodes"]}
    at.selectbox(key="net_node").set_value(nodes["IT"]).run()
    return nodes


def graph_args(at) -> tuple[dict, dict]:
    found = [e for e in at.main if type(e).__name__ == "UnknownElement"]
    assert found, "no graph component on the page"
    args = json.loads(found[0].proto.json_args)
    return json.loads(args["data"]), json.loads(args["config"])


def test_the_graph_gets_our_ids_and_no_node_titles(new_app, demo, app_db) -> None:
    at = new_app("en", demo, PAGE)
    assert not at.exception
    data, config = graph_args(at)
    ids = [n["id"] for n in data["nodes"]]
    assert len(ids) == len(demo_network(app_db, demo).nodes) and all(re.fullmatch(r"[dc]\d+", i) for i in ids)
    assert all("title" not in n for n in data["nodes"])  # the component would put a title through innerHTML
    assert {n["group"] for n in data["nodes"]} <= set(config["groups"])
    sales = next(n for n in data["nodes"] if n["label"] == "Sales")
    assert config["groups"][sales["id"]]["title"].startswith("Sales\nInternal promises: supplies")
    assert all(re.fullmatch(r"[ip]\d+", e["id"]) for e in data["edges"])
    assert config["physics"] == {"enabled": False}
    assert "loop" in texts(at)


def test_picking_a_department_shows_its_impact_and_card(new_app, demo, app_db) -> None:
    at = new_app("en", demo, PAGE)
    nodes = pick_it(at)
    assert not at.exception
    shown = texts(at)
    assert "If IT fails" in shown and "IT as a service" in shown
    net = demo_network(app_db, demo)
    assert at.metric[0].value == str(g.at_risk_count(net, nodes["IT"])) != "0"
    data, _ = graph_args(at)
    wide = {e["id"] for e in data["edges"] if e["width"] > 4}
    assert wide and all(e["color"] != "#d9dce1" for e in data["edges"] if e["id"] in wide)
    promises = at.selectbox(key="net_promise").options
    assert len(promises) == 1 + len(g.promises_of(net, nodes["IT"]))  # all its promises, or one of them


def test_a_click_on_the_graph_selects_the_node(new_app, demo) -> None:
    at = new_app("en", demo, PAGE)
    nodes = {n["label"]: n["id"] for n in graph_args(at)[0]["nodes"]}
    at.session_state[GRAPH_KEY] = nodes["Warehouse"]
    at.run()
    assert not at.exception
    assert at.selectbox(key="net_node").value == nodes["Warehouse"]
    assert "Warehouse as a service" in texts(at)


def test_health_filter_keeps_only_those_edges(new_app, demo) -> None:
    at = new_app("en", demo, PAGE)
    everything = graph_args(at)[0]["edges"]
    at.button_group(key="net_health").set_value(["broken"]).run()
    broken = graph_args(at)[0]["edges"]
    assert 0 < len(broken) < len(everything)
    assert {e["color"] for e in broken} == {"#d62839"}


def test_markup_in_a_name_reaches_the_page_as_text(new_app, demo, app_db) -> None:
    name = "<b>Bold</b> & <i>co</i>"
    row = create(app_db, demo, "department", name=name)
    at = new_app("en", demo, PAGE)
    at.selectbox(key="net_node").set_value(f"d{row['id']}").run()
    assert f"{name} as a service" in texts(at)
    data, config = graph_args(at)
    assert next(n for n in data["nodes"] if n["id"] == f"d{row['id']}")["label"] == name


def test_an_empty_workshop_says_where_the_network_comes_from(new_app, facilitated) -> None:
    _, fay = facilitated
    at = new_app("ru", fay, PAGE)
    assert not at.exception
    assert "Сеть подразделений" in texts(at)
    assert "Подразделений пока нет" in texts(at)


def test_money_at_risk_beside_if_it_fails_and_a_link_to_the_thread(new_app, demo, app_db) -> None:
    at = new_app("en", demo, PAGE)
    nodes = pick_it(at)
    assert not at.exception
    assert "Money at risk when IT fails" in texts(at)
    revenue = next(m for m in at.metric if m.label.startswith("Segments' revenue at risk"))
    assert revenue.value not in ("0", "—")
    assert not [link for link in at.get("page_link") if link.proto.page == "thread"]  # a department has no thread
    promise = g.promises_of(demo_network(app_db, demo), nodes["IT"])[0]
    at.selectbox(key="net_promise").set_value(promise).run()
    [link] = [link for link in at.get("page_link") if link.proto.page == "thread"]
    assert link.proto.query_string == f"of={promise}"


def test_money_at_risk_in_russian(new_app, app_db) -> None:
    actor = demo_facilitator(app_db, "ru")
    at = new_app("ru", actor, PAGE)
    departments = [n["id"] for n in graph_args(at)[0]["nodes"] if n["id"].startswith("d")]
    at.selectbox(key="net_node").set_value(departments[0]).run()
    assert not at.exception
    assert "Деньги под угрозой, если откажет" in texts(at)
