"""In a real browser: the network and value stream graphs draw on the demo workshop, a click on a node
shows its card, a department named with markup and script stays plain text (hover, click, double-click),
clicks and double-clicks anywhere on a graph log no error, a long label at the edge is drawn whole, and
the 200-department graph appears in a measured time."""

from __future__ import annotations

import secrets
import time
from pathlib import Path

import pytest

from bench.bench_graph import synthetic, write
from cvm_core.graph import network, short
from db import read, services, workshops
from db.demo import build_demo
from db.services import Actor
from tests.e2e.conftest import join_workshop, nav, wait_idle
from tests.helpers import person
from ui.graph import FRAME_TITLE

SCRIPTY = "<img src=x onerror=window.__xss=1><b>x</b><script>window.__xss=2</script>"
FRAME = f'iframe[title="{FRAME_TITLE}"]'

# The vis-network instance behind the component's React wrapper (a function component that keeps the
# network in a state hook), found by walking React's fiber and hooks up from the container.
NETWORK_JS = """() => {
  const box = document.querySelector('.vis-network');
  if (!box) return null;
  const holder = box.parentElement;
  const key = Object.keys(holder).find(k => k.startsWith('__reactInternalInstance') || k.startsWith('__reactFiber'));
  for (let fiber = key ? holder[key] : null; fiber; fiber = fiber.return) {
    for (let hook = fiber.memoizedState; hook && typeof hook === 'object'; hook = hook.next) {
      const kept = hook.memoizedState;
      if (kept && typeof kept.canvasToDOM === 'function' && kept.body) {
        window.__net = kept;
        return kept.body.nodeIndices.length;
      }
    }
  }
  return null;
}"""
DRAWN_JS = """() => {
  const canvas = document.querySelector('.vis-network canvas');
  if (!canvas || !canvas.width) return 0;
  const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let inked = 0;
  for (let i = 3; i < pixels.length; i += 16) if (pixels[i] > 0) inked++;
  return inked;
}"""


def graph_frame(page, timeout_s: float = 30.0):  # noqa: ANN001, ANN201
    """The graph component's frame once its vis network exists and has drawn."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        handle = page.query_selector(FRAME)
        frame = handle.content_frame() if handle else None
        if frame is not None:
            try:
                if frame.evaluate(NETWORK_JS) and frame.evaluate(DRAWN_JS) > 50:
                    return frame, handle
            except Exception:  # noqa: BLE001 - the frame may be reloading
                pass
        time.sleep(0.05)
    raise AssertionError("the graph did not draw")


def node_point(page, frame, handle, node_id: str) -> tuple[float, float]:  # noqa: ANN001
    """Where node `node_id` is on the page."""
    inside = frame.evaluate(
        """(id) => {
          const c = window.__net.canvasToDOM(window.__net.getPositions([id])[id]);
          const r = document.querySelector('.vis-network canvas').getBoundingClientRect();
          return [r.left + c.x, r.top + c.y];
        }""",
        node_id,
    )
    box = handle.bounding_box()
    return box["x"] + inside[0], box["y"] + inside[1]


@pytest.fixture(scope="module")
def demo(server) -> dict:  # noqa: ANN001
    """The English demo workshop plus a department named with markup and script, serving Sales."""
    engine = server.engine
    wid = build_demo(engine, "en")
    fac = person(engine, wid)
    bad = services.create(engine, actor=fac, entity_name="department", data={"name": SCRIPTY})
    sales = next(d for d in read.rows(engine, workshop_id=wid, entity_name="department") if d["name"] == "Sales")
    services.create(
        engine,
        actor=fac,
        entity_name="internal_promise",
        data={
            "supplier_department_id": bad["id"],
            "client_department_id": sales["id"],
            "text": SCRIPTY,
            "metric_target": 90,
            "metric_current": 95,
        },
    )
    nodes = len(network(read.backup(engine, actor=Actor.system(wid))).nodes)
    return {"code": workshops.workshop(engine, workshop_id=wid)["join_code"], "bad": f"d{bad['id']}", "nodes": nodes}


def test_network_draws_and_user_text_stays_text(server, new_page, demo) -> None:  # noqa: ANN001
    page = new_page()
    popups = []
    page.context.on("page", lambda opened: popups.append(opened))
    join_workshop(page, server.url, demo["code"], f"Pat {secrets.token_hex(2)}")  # a rerun needs a free name
    nav(page, "Department network")
    frame, handle = graph_frame(page)
    assert frame.evaluate(NETWORK_JS) == demo["nodes"]  # every department and external customer
    assert frame.evaluate("(id) => window.__net.body.nodes[id].options.label", demo["bad"]) == short(SCRIPTY)
    x, y = node_point(page, frame, handle, demo["bad"])

    page.mouse.move(x, y)
    tooltip = frame.locator(".vis-tooltip")
    tooltip.wait_for(state="visible")
    assert tooltip.inner_text().splitlines()[0] == SCRIPTY
    assert frame.evaluate("document.querySelectorAll('.vis-tooltip *:not(br)').length") == 0  # lines, no markup

    page.mouse.click(x, y)
    wait_idle(page)
    page.get_by_text(f"{SCRIPTY} as a service").wait_for()
    frame, handle = graph_frame(page)
    x, y = node_point(page, frame, handle, demo["bad"])
    page.mouse.dblclick(x, y)
    page.wait_for_timeout(800)
    page.screenshot(
        path=str(Path(server.database_url.removeprefix("sqlite:///")).parent / "network.png"), full_page=True
    )

    assert popups == []
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert frame.evaluate("typeof window.__xss") == "undefined"
    assert frame.evaluate("document.querySelectorAll('img, b, script:not([src])').length") <= 1  # only webpack's
    assert page.get_by_text(f"If {SCRIPTY} fails").is_visible()
    # the control: the same text handed to innerHTML does run, so the checks above could have failed
    frame.evaluate("(html) => { document.createElement('div').innerHTML = html; }", SCRIPTY)
    frame.wait_for_function("() => window.__xss === 1", timeout=5_000)


def test_value_stream_draws_and_a_click_shows_the_department(server, new_page, demo) -> None:  # noqa: ANN001
    page = new_page()
    join_workshop(page, server.url, demo["code"], f"Val {secrets.token_hex(2)}")
    nav(page, "Value streams")
    frame, handle = graph_frame(page)
    member = frame.evaluate("() => window.__net.body.nodeIndices.find(id => id.startsWith('m'))")
    name = frame.evaluate("(id) => window.__net.body.nodes[id].options.label", member)
    x, y = node_point(page, frame, handle, member)
    page.mouse.click(x, y)
    wait_idle(page)
    page.get_by_text(f"{name} as a service").wait_for()


EDGE_POINT_JS = """(id) => {
  const middle = window.__net.body.edges[id].edgeType.getPoint(0.5);
  const c = window.__net.canvasToDOM(middle);
  const r = document.querySelector('.vis-network canvas').getBoundingClientRect();
  return [r.left + c.x, r.top + c.y];
}"""
EMPTY_SPOTS = ((0.02, 0.04), (0.5, 0.97), (0.98, 0.5), (0.98, 0.04))  # parts of the frame, corners and edges


def barrier(page, frame, errors: list[str]) -> None:  # noqa: ANN001
    """Every error the page raised so far has been counted: one thrown now inside the graph's frame is
    seen (which also proves that errors in that frame reach the count)."""
    frame.evaluate("() => setTimeout(() => { throw new Error('control error') })")
    deadline = time.monotonic() + 10
    while not any("control error" in e for e in errors):
        assert time.monotonic() < deadline, "the control error was not seen"
        page.wait_for_timeout(50)
    errors.remove(next(e for e in errors if "control error" in e))


def test_clicks_and_double_clicks_log_no_error(server, new_page, demo) -> None:  # noqa: ANN001
    page = new_page()
    errors: list[str] = []
    popups = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.context.on("page", lambda opened: popups.append(opened))
    join_workshop(page, server.url, demo["code"], f"Dot {secrets.token_hex(2)}")
    for label in ("Department network", "Value streams"):
        nav(page, label)
        frame, handle = graph_frame(page)
        box = handle.bounding_box()
        spots = [(box["x"] + box["width"] * fx, box["y"] + box["height"] * fy) for fx, fy in EMPTY_SPOTS]
        for edge in frame.evaluate("() => window.__net.body.edgeIndices.slice(0, 3)"):
            inside = frame.evaluate(EDGE_POINT_JS, edge)
            spots.append((box["x"] + inside[0], box["y"] + inside[1]))
        nodes = frame.evaluate("() => window.__net.body.nodeIndices.slice(0, 3)")
        spots += [node_point(page, frame, handle, node) for node in nodes]
        for x, y in spots:  # agraph's own handler threw "reading 'div'" on empty canvas and edges
            page.mouse.dblclick(x, y)
        barrier(page, frame, errors)
        assert len(spots) == 10 and errors == [], label
        for node in nodes:
            frame, handle = graph_frame(page)
            page.mouse.click(*node_point(page, frame, handle, node))
            wait_idle(page)
        barrier(page, graph_frame(page)[0], errors)
        assert errors == [], label
    assert popups == []


def test_a_long_label_at_the_edge_is_drawn_whole(server, new_page, demo) -> None:  # noqa: ANN001
    """The view is fitted once the labels are measured: the leftmost label lies inside the canvas."""
    page = new_page(width=1280, height=720)
    join_workshop(page, server.url, demo["code"], f"Edge {secrets.token_hex(2)}")
    nav(page, "Department network")
    frame, _ = graph_frame(page)
    frame.wait_for_function(
        """() => {
          const net = window.__net, left = Math.min(...Object.values(net.body.nodes).map(n => n.shape.boundingBox.left));
          const right = Math.max(...Object.values(net.body.nodes).map(n => n.shape.boundingBox.right));
          const width = document.querySelector('.vis-network canvas').clientWidth;
          return net.canvasToDOM({x: left, y: 0}).x >= 0 && net.canvasToDOM({x: right, y: 0}).x <= width;
        }"""
    )


def test_the_200_department_graph_appears_in_time(server, new_page, tmp_path) -> None:  # noqa: ANN001
    wid, _ = write(server.engine, synthetic(), name="Two hundred departments")
    code = workshops.workshop(server.engine, workshop_id=wid)["join_code"]
    page = new_page()
    join_workshop(page, server.url, code, "Timer")
    times = []
    for _ in range(2):  # the first visit also builds the network; the second finds it kept
        started = time.perf_counter()
        page.get_by_test_id("stSidebarNav").get_by_text("Department network", exact=True).click()
        try:
            frame, _ = graph_frame(page, timeout_s=60)
        except AssertionError:
            page.screenshot(path=str(tmp_path / "not_drawn.png"), full_page=True)
            raise
        times.append(time.perf_counter() - started)
        assert frame.evaluate(NETWORK_JS) == 220
        nav(page, "Home")
    line = (
        f"200-department network graph (220 nodes, 1,060 edges) appeared in Chromium {times[0]:.2f} s after the "
        f"click in the sidebar on the first visit, {times[1]:.2f} s on the second"
    )
    print(f"\n{line}")
    (tmp_path / "graph_timing.txt").write_text(line + "\n")
    Path(server.database_url.removeprefix("sqlite:///")).parent.joinpath("graph_timing.txt").write_text(line + "\n")
    assert max(times) < 30
