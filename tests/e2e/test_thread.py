"""In a real browser: from a pain on step 2, "follow the thread" opens the golden thread, which runs from the
customer down to the teams and their bonus; a click on a promise in the graph follows the thread from there
and shows what its failure costs. With SCREENSHOTS=1 (`make screenshots`) the pictures of the guide are kept."""

from __future__ import annotations

import os

from db import read, workshops
from db.demo import build_demo
from db.services import Actor
from tests.e2e.conftest import ROOT, join_workshop, nav, wait_idle
from tests.e2e.test_graphs import graph_frame, node_point

KEEP = os.environ.get("SCREENSHOTS") == "1"
LABELS_JS = "() => window.__net.body.nodeIndices.map(id => [id, window.__net.body.nodes[id].options.label])"


def test_follow_a_thread_from_a_pain_to_a_bonus(server, new_page, tmp_path) -> None:  # noqa: ANN001
    engine = server.engine
    wid = build_demo(engine, "en")
    code = workshops.workshop(engine, workshop_id=wid)["join_code"]
    data = read.backup(engine, actor=Actor.system(wid))
    pain = next(p for p in data["pain"] if p["text"].startswith("Deliveries arrive outside"))
    planner = next(p for p in data["internal_promise"] if p["text"].startswith("Route planner"))
    shots = ROOT / "docs" / "screenshots" if KEEP else tmp_path

    page = new_page(height=1500)
    join_workshop(page, server.url, code, "Tess", "Logistics")
    nav(page, "2. Pains")
    pick = page.get_by_test_id("stSelectbox").filter(has_text="Follow the thread of")
    pick.click()
    page.get_by_role("option", name=pain["text"]).click()
    wait_idle(page)
    page.get_by_role("link", name="Follow the thread").click()
    page.get_by_role("heading", name="The golden thread").wait_for()
    wait_idle(page)
    assert f"of=n{pain['id']}" in page.url

    frame, handle = graph_frame(page)
    labels = dict(frame.evaluate(LABELS_JS))
    assert labels[f"c{pain['customer_id']}"].startswith("Independent")  # up to the customer
    teams = {nid: label for nid, label in labels.items() if nid.startswith("d")}
    assert teams and all("\nprofit " in label and " · bonus " in label for label in teams.values())
    assert any(not label.endswith("bonus 0") for label in teams.values())  # a bonus that is paid
    ends = page.get_by_test_id("stDataFrame").filter(has_text="Bonus pool")
    ends.wait_for()
    page.wait_for_timeout(800)
    page.screenshot(path=str(shots / "thread.png"))

    x, y = node_point(page, frame, handle, f"i{planner['id']}")  # IT's route planner, on the way to the bonus
    page.mouse.click(x, y)
    wait_idle(page)
    title = page.get_by_text("Money at risk if this promise fails")
    title.wait_for()
    assert f"of=i{planner['id']}" in page.url
    lost = page.get_by_test_id("stMetric").filter(has_text="Internal sales lost").get_by_test_id("stMetricValue")
    assert lost.inner_text().strip() not in ("0", "—")  # IT stops earning what Logistics stops paying
    title.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    page.screenshot(path=str(shots / "thread-money.png"))
    assert page.get_by_test_id("stException").count() == 0
