"""What a page keeps of its derived data across changes of other rows (page.once with `uses`/`also`) still
follows the rows it reads: the network kept across a team's new description shows the new one, and a new
name redraws it."""

from db import read, services
from tests.apptest.conftest import texts
from tests.apptest.test_network import PAGE, demo, graph_args  # noqa: F401 (demo is a fixture)


def _it(app_db, demo) -> dict:  # noqa: F811
    return read.rows(app_db, workshop_id=demo.workshop_id, entity_name="department", where={"name": "IT"})[0]


def test_a_new_description_shows_on_the_kept_network_and_a_new_name_redraws_it(new_app, demo, app_db) -> None:  # noqa: F811
    at = new_app("en", demo, PAGE)
    nodes = {n["label"]: n["id"] for n in graph_args(at)[0]["nodes"]}
    at.selectbox(key="net_node").set_value(nodes["IT"]).run()
    it = _it(app_db, demo)
    changed = {"description": "Keeps the lights on, now with a new line"}
    services.update_row(
        app_db, actor=demo, entity_name="department", row_id=it["id"], version=it["version"], changes=changed
    )
    at.run()
    assert not at.exception
    assert "Keeps the lights on, now with a new line" in texts(at)
    it = _it(app_db, demo)
    changes = {"name": "Tech"}
    services.update_row(
        app_db, actor=demo, entity_name="department", row_id=it["id"], version=it["version"], changes=changes
    )
    at.run()
    labels = {n["label"] for n in graph_args(at)[0]["nodes"]}
    assert "Tech" in labels and "IT" not in labels
