"""The department network: nodes, edges, health, sizes, impact paths (through cycles and long chains),
loops between departments, filters, layout, the service card and the static SVG."""

import re
import time
import xml.etree.ElementTree as ET

from cvm_core import graph as g
from cvm_core import health as h
from cvm_core.graph_svg import network_svg, svg
from cvm_core.service_card import card

SCRIPTY = "<img src=x onerror=window.__xss=1><b>x</b><script>window.__xss=2</script>"


def dep(i: int, name: str) -> dict:
    return {"id": i, "name": name, "description": f"{name} serves", "takes_part": True}


def internal(i: int, supplier: int, client: int, current: float | None = 95, **extra) -> dict:
    return {
        "id": i,
        "supplier_department_id": supplier,
        "client_department_id": client,
        "text": f"Service {i}",
        "metric_name": "Level",
        "metric_unit": "%",
        "metric_direction": "higher",
        "metric_target": 95,
        "metric_current": current,
        "price_amount": 1200,
        "price_unit": "money",
        "price_period": "month",
    } | extra


def promise(i: int, customer: int, owner: int | None, current: float | None = 95, status: str = "agreed") -> dict:
    return {
        "id": i,
        "customer_id": customer,
        "owner_department_id": owner,
        "text": f"Promise {i}",
        "metric_direction": "higher",
        "metric_target": 95,
        "metric_current": current,
        "status": status,
    }


def up(i: int, child: int, *, promise_id: int | None = None, internal_id: int | None = None) -> dict:
    return {"id": i, "internal_promise_id": child, "parent_promise_id": promise_id, "parent_internal_id": internal_id}


def workshop() -> dict:
    """IT → Warehouse → Logistics → restaurants; Sales ⇄ Warehouse; Sales is also an internal customer."""
    return {
        "department": [dep(1, "IT"), dep(2, "Warehouse"), dep(3, "Logistics"), dep(4, "Sales")],
        "customer": [
            {"id": 1, "name": "Restaurants", "kind": "external"},
            {"id": 2, "name": "Sales team", "kind": "internal", "department_id": 4},
        ],
        "promise": [
            promise(1, 1, 3, current=80),  # broken
            promise(2, 1, 2, current=None),  # no data
            promise(3, 2, 2, current=99),  # to the internal customer Sales, met
            promise(4, 1, 3, status="rejected"),
        ],
        "internal_promise": [
            internal(1, 1, 2),  # IT -> Warehouse, met
            internal(2, 2, 3, current=90),  # Warehouse -> Logistics, at risk
            internal(3, 4, 2, current=None, price_amount=3000, price_period="quarter"),  # Sales -> Warehouse
            internal(4, 2, 4, price_unit="hours", price_amount=10),  # Warehouse -> Sales
        ],
        "promise_support": [
            up(1, 2, promise_id=1),  # Warehouse->Logistics supports the window promise
            up(2, 1, internal_id=2),  # IT->Warehouse supports Warehouse->Logistics
            up(3, 3, promise_id=3),
            up(4, 4, promise_id=3),
        ],
        "value_stream": [{"id": 1, "customer_id": 1, "name": "Restaurants", "leader": "Anna"}],
        "value_stream_stage": [{"id": 1, "stream_id": 1, "name": "Delivery", "position": 0}],
        "stage_department": [
            {"id": 1, "stage_id": 1, "department_id": 2},
            {"id": 2, "stage_id": 1, "department_id": 3},
        ],
        "feedback": [
            {"id": 1, "round_id": 1, "client_department_id": 3, "supplier_department_id": 2, "score": 8},
            {"id": 2, "round_id": 1, "client_department_id": 4, "supplier_department_id": 2, "score": 5},
        ],
        "feedback_round": [{"id": 1, "name": "Round 1"}],
    }


def test_nodes_and_edges_use_our_ids_and_follow_the_promises() -> None:
    net = g.network(workshop())
    assert set(net.nodes) == {"d1", "d2", "d3", "d4", "c1"}  # the internal customer is Sales itself
    assert all(re.fullmatch(r"[dc]\d+", nid) for nid in net.nodes)
    assert (net.edges["i1"].source, net.edges["i1"].target, net.edges["i1"].kind) == ("d1", "d2", g.INTERNAL)
    assert (net.edges["p1"].source, net.edges["p1"].target, net.edges["p1"].kind) == ("d3", "c1", g.EXTERNAL)
    assert (net.edges["p3"].source, net.edges["p3"].target) == ("d2", "d4")  # to the department behind the client
    assert "p4" not in net.edges and "p4" not in net.bits  # a rejected promise is no promise


def test_edges_are_coloured_by_health() -> None:
    net = g.network(workshop())
    expected = {"i1": h.MET, "i2": h.AT_RISK, "p1": h.BROKEN, "p2": h.NO_DATA}
    for eid, health in expected.items():
        assert net.edges[eid].health == health
        assert net.edges[eid].colour == g.HEALTH_COLOURS[health]
    assert net.edges["p2"].dashed and not net.edges["i1"].dashed


def test_node_size_grows_with_the_promises_that_depend_on_it() -> None:
    net = g.network(workshop())
    # Warehouse supplies i2 (under p1), i4 (under p3), owns p2 and p3: 4 promises plus p1 above i2
    assert net.dependents["d2"] == 5
    assert net.dependents["d1"] == 3  # i1, and i2 and p1 above it
    assert net.nodes["d2"].size > net.nodes["d1"].size > net.nodes["d3"].size >= g.NODE_SIZE_MIN
    assert net.dependents["c1"] == 2  # p1 and p2 reach the restaurants


def test_impact_of_a_department_follows_the_tree_up_to_customer_promises() -> None:
    net = g.network(workshop())
    found = g.impact(net, "d1")
    assert found.promises == (1,)
    assert found.internal == (1, 2)
    assert found.edges == {"i1", "i2", "p1"}
    assert found.nodes == {"d1", "d2", "d3", "c1"}
    assert g.at_risk_count(net, "d2") == 3  # p1 through i2, p2 and p3 it owns


def test_impact_of_one_promise_and_of_a_customer() -> None:
    net = g.network(workshop())
    assert g.impact(net, "i2").promises == (1,) and g.impact(net, "i2").internal == (2,)
    assert g.impact(net, "p2").promises == (2,)
    customer = g.impact(net, "c1")  # what the restaurants' promises rest on
    assert customer.promises == (1, 2)
    assert customer.internal == (1, 2)
    assert g.impact(net, "nothing") is None


def test_impact_ends_on_a_cycle_in_the_promise_tree() -> None:
    data = workshop()
    data["promise_support"] = [
        up(1, 2, promise_id=1),
        up(2, 1, internal_id=2),
        up(3, 2, internal_id=1),  # bad data: i1 and i2 support each other
    ]
    net = g.network(data)
    found = g.impact(net, "i1")
    assert found.promises == (1,)
    assert found.internal == (1, 2)
    assert net.tree_cycles == [["i1", "i2"]]
    assert g.impact(net, "c1").internal == (1, 2)


def test_impact_through_a_long_chain_is_quick_and_complete() -> None:
    n = 5000
    data = {
        "department": [dep(1, "A"), dep(2, "B")],
        "customer": [{"id": 1, "name": "C", "kind": "external"}],
        "promise": [promise(1, 1, 2)],
        "internal_promise": [internal(i, 1 + i % 2, 2 - i % 2) for i in range(1, n + 1)],
        "promise_support": [up(1, 1, promise_id=1)] + [up(i, i, internal_id=i - 1) for i in range(2, n + 1)],
    }
    started = time.perf_counter()
    net = g.network(data)
    found = g.impact(net, f"i{n}")
    assert time.perf_counter() - started < 5
    assert found.promises == (1,)
    assert len(found.internal) == n


def test_departments_that_serve_each_other_form_a_loop() -> None:
    net = g.network(workshop())
    assert [c.members for c in net.cycles] == [("d2", "d4")]
    assert g.cycle_text(net, net.cycles[0]) == "Warehouse → Sales → Warehouse"
    assert net.cycle_nodes == {"d2", "d4"}
    data = workshop()
    data["department"].append(dep(5, "Finance"))
    data["internal_promise"] += [internal(5, 3, 5), internal(6, 5, 1)]  # Logistics -> Finance -> IT -> ... -> Logistics
    net = g.network(data)
    assert [set(c.members) for c in net.cycles] == [{"d1", "d2", "d3", "d4", "d5"}]
    assert len(net.cycles[0].loop) >= 2
    acyclic = workshop()
    acyclic["internal_promise"] = acyclic["internal_promise"][:2]
    assert g.network(acyclic).cycles == []


def test_filters_by_stream_health_and_neighbours() -> None:
    data = workshop()
    net = g.network(data)
    nodes, edges = g.apply(net, g.stream_filter(data, 1))
    assert {n.id for n in nodes} == {"d2", "d3", "c1"}
    assert {e.id for e in edges} == {"i2", "p1", "p2"}
    nodes, edges = g.apply(net, g.Filter(healths=frozenset({h.BROKEN})))
    assert {e.id for e in edges} == {"p1"} and {n.id for n in nodes} == {"d3", "c1"}
    nodes, edges = g.apply(net, g.Filter(focus="d1"))
    assert {n.id for n in nodes} == {"d1", "d2"} and {e.id for e in edges} == {"i1"}
    nodes, _ = g.apply(net, g.Filter(focus="d3"))
    assert {n.id for n in nodes} == {"d2", "d3", "c1"}
    assert g.stream_filter(data, 99) == g.Filter()


def test_layout_puts_suppliers_left_of_clients_and_customers_last() -> None:
    data = workshop()
    data["internal_promise"] = data["internal_promise"][:2]  # IT -> Warehouse -> Logistics
    drawing, _ = g.view(g.network(data))
    x = {n.id: n.x for n in drawing.nodes}
    assert x["d1"] <= x["d2"] <= x["d3"] < x["c1"]
    assert len({(n.x, n.y) for n in drawing.nodes}) == len(drawing.nodes)  # no two nodes on one spot
    again, _ = g.view(g.network(data))
    assert [(n.x, n.y) for n in again.nodes] == [(n.x, n.y) for n in drawing.nodes]


def test_a_view_highlights_the_impact_path_and_fades_the_rest() -> None:
    drawing, found = g.view(g.network(workshop()), selection="d1")
    assert found is not None
    nodes = {n.id: n for n in drawing.nodes}
    edges = {e.id: e for e in drawing.edges}
    assert nodes["d1"].ring == g.SELECTED_COLOUR
    assert not nodes["c1"].faded and nodes["d4"].faded
    assert edges["i2"].width > edges["i3"].width and edges["i3"].faded
    assert edges["i2"].colour == g.HEALTH_COLOURS[h.AT_RISK]
    assert [label for _, label in drawing.legend] == ["Met", "At risk", "Broken", "No data"]


def test_opposite_and_parallel_edges_bend_apart() -> None:
    data = workshop()
    data["internal_promise"].append(internal(9, 1, 2))  # a second IT -> Warehouse promise
    drawing, _ = g.view(g.network(data))
    bend = {e.id: e.bend for e in drawing.edges}
    assert bend["i9"] > bend["i1"] > 0
    assert bend["i3"] > 0 and bend["i4"] > 0  # curved the same way round: they part


def test_tips_and_labels_keep_user_text_as_it_is() -> None:
    data = workshop()
    data["department"][0]["name"] = SCRIPTY
    net = g.network(data, "en")
    drawing, _ = g.view(net)
    node = next(n for n in drawing.nodes if n.id == "d1")
    assert node.tip.splitlines()[0] == SCRIPTY
    assert node.label == g.short(SCRIPTY)
    assert net.edges["i1"].id == "i1"
    tip = next(e for e in drawing.edges if e.id == "i1").tip
    assert tip.startswith(f"{SCRIPTY} → Warehouse") and "Price: 1,200 per month" in tip


def test_svg_escapes_every_text_and_is_well_formed() -> None:
    data = workshop()
    data["department"][0]["name"] = SCRIPTY
    drawing, _ = g.view(g.network(data, "ru"), selection="d1")
    text = svg(drawing, title="<b>Title</b> & co", subtitle="<i>x</i>")
    assert "<script" not in text and "<img" not in text and "<b>" not in text
    assert "&lt;script&gt;" in text
    root = ET.fromstring(text.split("\n", 1)[1])
    shown = [el.text for el in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "<b>Title</b> & co" in shown and g.short(SCRIPTY) in shown
    assert "Выполнено" in shown or "Под угрозой" in shown or any("Нет данных" in (s or "") for s in shown)
    assert network_svg(data, "en").startswith("<?xml")


def test_service_card_offers_purchases_feedback_and_internal_pnl() -> None:
    data = workshop()
    net = g.network(data)
    found = card(data, net, 2)
    assert found is not None and found.name == "Warehouse"
    assert [o.other for o in found.offers] == ["Logistics", "Sales"]
    assert [o.other for o in found.purchases] == ["IT", "Sales"]
    assert [o.customer for o in found.owned] == ["Restaurants", "Sales team"]
    assert found.feedback == 6.5 and found.feedback_count == 2
    assert found.flows.sales == 1200  # to Logistics; the hours to Sales are counted apart
    assert found.flows.sales_hours == 10
    assert found.flows.purchases == 1200 + 1000  # from IT, and 3000 a quarter from Sales
    assert found.flows.net == -1000
    assert found.health == {h.BROKEN: 0, h.AT_RISK: 1, h.NO_DATA: 1, h.MET: 2}
    assert found.at_risk == 3
    assert card(data, net, 99) is None


def test_choices_name_everything_selectable_as_plain_text() -> None:
    net = g.network(workshop())
    assert g.choices_label(net, "d1") == "IT" and g.choices_label(net, "c1") == "Restaurants (customer)"
    assert g.choices_label(net, "i1") == "IT → Warehouse: Service 1"
    assert g.promises_of(net, "d2") == ["p2", "p3", "i2", "i4"]
    assert g.promises_of(net, "c1") == ["p1", "p2"]
    rows = g.impact_rows(net, g.impact(net, "d2"))
    assert [r["health"] for r in rows] == [h.BROKEN, h.NO_DATA, h.MET]
    assert g.path_rows(net, g.impact(net, "d1"))[0] == {
        "supplier": "IT",
        "client": "Warehouse",
        "promise": "Service 1",
        "health": h.MET,
    }


def test_prices_read_as_an_amount_per_period() -> None:
    assert g.price_text(1200, "money", "month", "en") == "1,200 per month"
    assert g.price_text(1200, "money", "month", "en", "€") == "€1,200 per month"
    assert g.price_text(1200.5, "hours", "quarter", "ru", "₽") == "1\u00a0200,5 ч за квартал"
    assert g.price_text(30, "hours", "quarter", "ru") == "30 ч за квартал"
    assert g.price_text(None, "money", "month", "en") == "—"
    assert g.per_month({"price_amount": 3000, "price_period": "quarter"}) == 1000
