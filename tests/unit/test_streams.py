"""Value streams: stages in order with their departments, the drawing, moving a stage, the static SVG."""

import xml.etree.ElementTree as ET

from cvm_core import streams as vs

SCRIPTY = "<img src=x onerror=window.__xss=1><b>x</b><script>window.__xss=2</script>"


def snapshot() -> dict:
    return {
        "customer": [{"id": 7, "name": "Restaurants", "customer_value": 60000, "ltv": 18000}],
        "department": [{"id": 1, "name": "Sales"}, {"id": 2, "name": "IT"}, {"id": 3, "name": "Logistics"}],
        "value_stream": [
            {"id": 1, "customer_id": 7, "name": "Next-morning delivery", "leader": "Anna", "version": 2},
            {"id": 2, "customer_id": 7, "name": "A first stream", "leader": "", "version": 1},
        ],
        "value_stream_stage": [
            {"id": 10, "stream_id": 1, "name": "Proposition", "position": 2, "version": 1},
            {"id": 11, "stream_id": 1, "name": "Research", "position": 0, "version": 1},
            {"id": 12, "stream_id": 1, "name": "Design", "position": 1, "version": 1},
            {"id": 13, "stream_id": 1, "name": "Development", "position": 2, "version": 1},  # a tie: by id
        ],
        "stage_department": [
            {"id": 1, "stage_id": 11, "department_id": 1},
            {"id": 2, "stage_id": 11, "department_id": 2},
            {"id": 3, "stage_id": 13, "department_id": 3},
            {"id": 4, "stage_id": 13, "department_id": 99},  # a deleted department is left out
        ],
    }


def test_streams_by_name_with_stages_in_order() -> None:
    found = vs.streams(snapshot())
    assert [s.name for s in found] == ["A first stream", "Next-morning delivery"]
    stream = found[1]
    assert [s.name for s in stream.stages] == ["Research", "Design", "Proposition", "Development"]
    assert stream.stages[0].departments == ((2, "IT"), (1, "Sales"))
    assert stream.stages[3].departments == ((3, "Logistics"),)
    assert (stream.customer, stream.customer_value, stream.ltv, stream.gap) == ("Restaurants", 60000, 18000, 42000)
    assert stream.department_ids == {1, 2, 3}
    assert found[0].stages == () and found[0].gap == 42000


def test_the_drawing_runs_left_to_right_from_the_leader_to_the_customer() -> None:
    stream = vs.streams(snapshot())[1]
    drawing = vs.drawing(stream, "en")
    nodes = {n.id: n for n in drawing.nodes}
    chain = ["l1", "s11", "s12", "s10", "s13", "c7"]
    assert [nodes[n].x for n in chain] == sorted(nodes[n].x for n in chain)
    flows = [(e.source, e.target) for e in drawing.edges if e.kind == "flow"]
    assert flows == list(zip(chain, chain[1:], strict=False))
    assert nodes["l1"].label == "Leader: Anna"
    assert {"m11x1", "m11x2", "m13x3"} <= set(nodes)
    assert nodes["m11x2"].x == nodes["s11"].x and nodes["m11x2"].y > nodes["s11"].y
    assert "Customer value 60,000 · LTV 18,000" in nodes["c7"].tip
    assert vs.drawing(vs.streams(snapshot())[0], "ru").nodes[0].label == "Лидер не назначен"


def test_member_nodes_name_their_department() -> None:
    assert vs.member_id(12, 5) == "m12x5"
    assert vs.department_of("m12x5") == 5
    assert vs.department_of("s12") is None and vs.department_of("mx") is None


def test_moving_a_stage_is_clamped_at_both_ends() -> None:
    order = [11, 12, 10, 13]
    assert vs.moved(order, 10, -1) == [11, 10, 12, 13]
    assert vs.moved(order, 10, 1) == [11, 12, 13, 10]
    assert vs.moved(order, 11, -1) == order
    assert vs.moved(order, 13, 5) == order
    assert vs.moved(order, 99, 1) == order


def test_default_stages_in_both_languages() -> None:
    assert vs.default_stage_names("en") == ["Research", "Design", "Proposition", "Development"]
    assert vs.default_stage_names("ru")[0] == "Исследование"
    assert len(set(vs.default_stage_names("ru"))) == 4


def test_stream_svg_escapes_user_text() -> None:
    data = snapshot()
    data["value_stream"][0]["name"] = SCRIPTY
    data["department"][0]["name"] = SCRIPTY
    text = vs.stream_svg(data, 1, "en")
    assert "<script" not in text and "<img" not in text
    root = ET.fromstring(text.split("\n", 1)[1])
    shown = [el.text for el in root.iter("{http://www.w3.org/2000/svg}text")]
    assert SCRIPTY in shown  # the title, as text
    assert vs.stream_svg(data, 99, "en") == ""
