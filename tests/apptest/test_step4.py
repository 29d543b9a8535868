"""Step 4 page: offerings, scores, the ERRC grid, the chart with its reading, the tagline, messages."""

import json

import pyarrow as pa
import pytest

from db import canvas as canvas_svc
from db import read
from tests.apptest.conftest import open_tab, press, save_table, texts
from tests.helpers import create, update

PAGE = "pages/step4_canvas.py"


@pytest.fixture
def factors(app_db, facilitated):
    """A customer with two value factors: price (lower is better) and speed."""
    info, fay = facilitated
    customer = create(app_db, fay, "customer", name="Shops")["id"]
    price = create(app_db, fay, "value_factor", customer_id=customer, name="Price", high_is_good=False)
    speed = create(app_db, fay, "value_factor", customer_id=customer, name="Speed")
    return info, fay, customer, [price["id"], speed["id"]]


def tab(at, label: str) -> None:
    open_tab(at, "s4_tab", label)


def add_offering(at, name: str, kind: str = "competitor", label: str = "Add the offering") -> None:
    at.text_input(key="s4_new_offering").input(name)
    next(s for s in at.selectbox if s.label in ("Kind", "Тип")).set_value(kind)
    press(at, label)


def chart_rows(at) -> list[dict]:
    """The points the canvas chart draws (Streamlit sends a chart's inline data as Arrow datasets)."""
    (chart,) = at.get("vega_lite_chart")
    assert "layer" in json.loads(chart.proto.spec)
    blobs = [chart.proto.data.data, *(named.data.data for named in chart.proto.datasets)]
    return [row for blob in blobs if blob for row in pa.ipc.open_stream(blob).read_all().to_pylist()]


def offerings(app_db, workshop_id: int) -> dict[str, int]:
    return {o["name"]: o["id"] for o in read.rows(app_db, workshop_id=workshop_id, entity_name="offering")}


def test_fill_the_canvas_and_the_step_is_done(new_app, factors, app_db) -> None:
    info, fay, customer, (price, speed) = factors
    at = new_app("en", fay, PAGE)
    assert "Fill the ERRC grid for a customer to draw the to-be curve." in texts(at)
    tab(at, "Offerings")
    add_offering(at, "Northwind", "ours")
    add_offering(at, "MegaWholesale")
    assert not at.exception
    ids = offerings(app_db, info["id"])
    tab(at, "Scores")
    save_table(
        at,
        f"scores_{customer}",
        {
            0: {f"c{ids['Northwind']}": 6, f"c{ids['MegaWholesale']}": 5},
            1: {f"c{ids['Northwind']}": 5, f"c{ids['MegaWholesale']}": 5},
        },
    )
    assert not at.exception
    stored = {
        (s["offering_id"], s["factor_id"]): s["score"]
        for s in read.rows(app_db, workshop_id=info["id"], entity_name="canvas_score")
    }
    assert stored == {
        (ids["Northwind"], price): 6,
        (ids["MegaWholesale"], price): 5,
        (ids["Northwind"], speed): 5,
        (ids["MegaWholesale"], speed): 5,
    }
    assert {row["curve"] for row in chart_rows(at)} == {"Northwind", "MegaWholesale"}
    assert "Too close to MegaWholesale" in texts(at)  # the reading of our curve as it is
    tab(at, "ERRC grid")
    at.session_state[f"errc_{customer}__ed0"] = {
        "edited_rows": {},
        "added_rows": [{"factor_id": speed, "action": "raise", "target_score": 9}],
        "deleted_rows": [],
    }
    at.run()
    press(at, "Save")
    assert not at.exception
    assert "The step's criterion is met." in texts(at)
    shown = texts(at)
    assert "Reading of the to-be curve" in shown
    assert "Against MegaWholesale: better for the customer on Speed (+4)" in shown
    assert "What makes the offer unique: Speed (+4)." in shown
    values = chart_rows(at)
    assert {row["factor"] for row in values} == {"Price ↓", "Speed"}
    assert {(row["factor"], row["score"]) for row in values if row["kind"] == "to_be"} == {("Price ↓", 6), ("Speed", 9)}
    at.text_input(key=f"tagline_{customer}__in").input("Fast, every morning")
    at.run()
    press(at, "Save")
    assert (
        read.row(app_db, workshop_id=info["id"], entity_name="customer", row_id=customer)["tagline"]
        == "Fast, every morning"
    )


@pytest.mark.parametrize(
    ("score", "message"),
    [(11, "must be between 0 and 10."), (-1, "must be between 0 and 10."), ("high", "enter a number, e.g. 12 or 3.5.")],
)
def test_scores_off_the_scale_show_the_message(new_app, factors, app_db, score, message) -> None:
    info, fay, customer, _ = factors
    ours = create(app_db, fay, "offering", name="Ours", kind="ours")["id"]
    at = new_app("en", fay, PAGE)
    save_table(at, f"scores_{customer}", {1: {f"c{ours}": score}})
    assert "Speed · Ours" in texts(at) and message in texts(at)
    assert read.rows(app_db, workshop_id=info["id"], entity_name="canvas_score") == []


def test_a_score_changed_meanwhile_is_a_conflict_and_can_keep_mine(new_app, factors, app_db) -> None:
    info, fay, customer, (price, speed) = factors
    ours = create(app_db, fay, "offering", name="Ours", kind="ours")["id"]
    version = canvas_svc.set_score(app_db, actor=fay, offering_id=ours, factor_id=speed, score=3, version=None)
    at = new_app("en", fay, PAGE)
    at.session_state[f"scores_{customer}__ed0"] = {"edited_rows": {1: {f"c{ours}": 8}}}
    at.run()
    canvas_svc.set_score(app_db, actor=fay, offering_id=ours, factor_id=speed, score=5, version=version)
    press(at, "Save")
    shown = texts(at)
    assert "Someone saved this before you" in shown and "Saved by someone else: 5 · Yours: 8" in shown
    press(at, "Keep mine")
    assert [s["score"] for s in read.rows(app_db, workshop_id=info["id"], entity_name="canvas_score")] == [8]


def test_offering_names_are_checked(new_app, factors, app_db) -> None:
    info, fay, _, _ = factors
    at = new_app("ru", fay, PAGE)
    assert "Шаг 4 · Стратегическая канва" in texts(at)
    tab(at, "Предложения")
    add_offering(at, "", label="Добавить предложение")
    assert "Предложение: обязательное поле." in texts(at)
    add_offering(at, "z" * 10_001, label="Добавить предложение")
    assert "слишком длинно: 10\u00a0001 знак," in texts(at)
    add_offering(at, "МегаОпт", label="Добавить предложение")
    add_offering(at, "мегаопт ", label="Добавить предложение")
    assert "уже есть" in texts(at)
    assert list(offerings(app_db, info["id"])) == ["МегаОпт"]


def test_a_duplicate_errc_action_per_factor_is_refused(new_app, factors, app_db) -> None:
    info, fay, customer, (price, _) = factors
    create(app_db, fay, "errc_action", factor_id=price, action="reduce", target_score=4)
    at = new_app("en", fay, PAGE)
    tab(at, "ERRC grid")
    at.session_state[f"errc_{customer}__ed0"] = {
        "edited_rows": {},
        "added_rows": [{"factor_id": price, "action": "eliminate"}],
        "deleted_rows": [],
    }
    at.run()
    press(at, "Save")
    assert "already exists" in texts(at)
    assert len(read.rows(app_db, workshop_id=info["id"], entity_name="errc_action")) == 1


def test_a_tagline_saved_meanwhile_shows_both_and_can_take_theirs(new_app, factors, app_db) -> None:
    info, fay, customer, _ = factors
    at = new_app("en", fay, PAGE)
    at.text_input(key=f"tagline_{customer}__in").input("Mine: fast and kind")
    at.run()
    current = read.row(app_db, workshop_id=info["id"], entity_name="customer", row_id=customer)
    update(app_db, fay, "customer", customer, version=current["version"], tagline="Theirs")
    press(at, "Save")
    shown = texts(at)
    assert "Someone saved this before you" in shown and "Saved by someone else: Theirs" in shown
    assert "Yours: Mine: fast and kind" in shown
    press(at, "Take theirs")
    assert at.text_input(key=f"tagline_{customer}__in").value == "Theirs"
    assert read.row(app_db, workshop_id=info["id"], entity_name="customer", row_id=customer)["tagline"] == "Theirs"
    at.text_input(key=f"tagline_{customer}__in").input("x" * 10_001)
    at.run()
    press(at, "Save")
    assert "too long: 10,001 characters, at most 200." in texts(at)


def test_a_score_off_the_scale_is_refused_not_clamped_and_stays_typed(new_app, factors, app_db) -> None:
    """The score editor sets no min/max (the grid would silently turn 15 into 10): the service refuses
    15 with its message, nothing is stored, and the typed 15 is still in the editor to correct."""
    info, fay, customer, _ = factors
    ours = create(app_db, fay, "offering", name="Ours", kind="ours")["id"]
    at = new_app("en", fay, PAGE)
    (editor,) = [e for e in at.dataframe if f"scores_{customer}__ed" in e.proto.id]
    column = json.loads(editor.proto.columns)[f"c{ours}"]
    assert column["type_config"] == {"type": "number"}  # no min_value / max_value for the grid to clamp to
    assert column["help"] == "From 0 to 10."
    save_table(at, f"scores_{customer}", {1: {f"c{ours}": 15}})
    assert "Speed · Ours" in texts(at) and "must be between 0 and 10." in texts(at)
    assert read.rows(app_db, workshop_id=info["id"], entity_name="canvas_score") == []
    assert at.session_state[f"scores_{customer}__ed0"]["edited_rows"] == {1: {f"c{ours}": 15}}
