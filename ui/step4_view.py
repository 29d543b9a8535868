"""Step 4 on screen: the canvas chart with its reading and downloads, the tagline, the scores grid, the
ERRC grid and the offerings. The page script (pages/step4_canvas.py) puts these together."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

import pyarrow as pa
import streamlit as st

from cvm_core import canvas as core
from cvm_core import i18n
from cvm_core.schema import ERRC_ACTIONS, OFFERING_KINDS
from db import canvas as canvas_db
from ui import state
from ui.forms import add, choose
from ui.frame import Frame
from ui.grid import grid
from ui.state import t
from ui.table import Col, edit_rows, editable_table
from ui.widgets import md


def labels() -> core.ChartLabels:
    return core.ChartLabels(
        factor=t("step4.chart.factor"),
        score=t("step4.chart.score"),
        curve=t("step4.chart.curve"),
        lower_is_better=t("step4.chart.lower"),
    )


def chart(canvas: core.Canvas, customer: dict[str, Any]) -> None:
    """The curves (as-is solid, to-be dashed), PNG and SVG downloads, and the reading."""
    if not canvas.factors:
        st.info(t("step4.no_factors"), icon="🧩")
        st.page_link("pages/step3_value.py", label=t("step4.go_step3"), icon="➡️")
        return
    if not any(c.scored for c in canvas.curves):
        st.caption(t("step4.no_scores"))
        return
    names = labels()
    spec, points = _chart(canvas, names)
    st.vega_lite_chart(points, json.loads(spec), width="stretch", height=620)
    st.caption(t("step4.chart.legend"))
    title = t("step4.canvas", customer=customer["name"])
    row = st.container(horizontal=True)
    for label, render, suffix, mime, icon in (
        (t("step4.download_png"), core.png, "png", "image/png", "🖼️"),
        (t("step4.download_svg"), core.svg, "svg", "image/svg+xml", "📐"),
    ):
        row.download_button(
            label,
            lambda render=render: render(core.export_spec(canvas, names, title)),
            file_name=f"canvas-{customer['id']}.{suffix}",
            mime=mime,
            icon=icon,
            on_click="ignore",
            key=f"s4_download_{suffix}",
        )
    reading = _reading(canvas, state.lang())
    if reading is not None:
        st.markdown(reading)


@lru_cache(maxsize=64)
def _chart(canvas: core.Canvas, names: core.ChartLabels) -> tuple[str, pa.Table]:
    """The chart's spec (as JSON) and its points as an Arrow table, built once per canvas and language:
    cheaper to hand to Streamlit on every rerun than a spec with inline rows."""
    spec = core.spec(canvas, names, height=420)
    points = pa.Table.from_pylist(spec.pop("data")["values"])
    return json.dumps(spec), points


@lru_cache(maxsize=64)
def _reading(canvas: core.Canvas, lang: str) -> str | None:
    """The reading of a canvas as Markdown in `lang` (the session's language), kept for any session: a pure
    function of the two, written out once instead of on every rerun."""
    reading = core.reading_of(canvas)
    if reading is None:
        return None
    heading = "step4.read.title_to_be" if reading.curve.kind == core.TO_BE else "step4.read.title_as_is"
    lines = "\n".join(f"- {md(i18n.t(key, lang, **params))}" for key, params in core.describe(reading, canvas, lang))
    return f"**{i18n.t(heading, lang)}**\n\n{lines}"


def scores(page: Frame, canvas: core.Canvas) -> None:
    """Factors × offerings, each cell saved against the version it was read at."""
    offerings = sorted(page.data["offering"], key=lambda o: (core.KIND_ORDER.get(o["kind"], 9), o["id"]))
    if not offerings or not canvas.factors:
        st.caption(t("step4.scores_need"))
        return
    st.caption(t("step4.scores_help", max=canvas.scale_max))
    ids = {f.id for f in canvas.factors}
    lower = t("step4.chart.lower")
    engine, actor = state.engine(), page.here.actor
    grid(
        key=f"scores_{canvas.customer_id}",
        corner=t("step4.chart.factor"),
        rows=[(f.id, f.name if f.high_is_good else f"{f.name} {lower}") for f in canvas.factors],
        cols=[(o["id"], o["name"]) for o in offerings],
        cells={
            (s["factor_id"], s["offering_id"]): (s["score"], s["version"])
            for s in page.data["canvas_score"]
            if s["factor_id"] in ids
        },
        kind="number",
        save=lambda factor_id, offering_id, value, version: canvas_db.set_score(
            engine, actor=actor, offering_id=offering_id, factor_id=factor_id, score=value, version=version
        ),
        theirs=lambda exc: exc.current.get("score"),
        max_value=canvas.scale_max,
        read_only=page.read_only,
    )


def errc(page: Frame, canvas: core.Canvas) -> None:
    """The four boxes (eliminate, reduce, raise, create), contradictions, and the actions to edit."""
    names = {f.id: f.name for f in canvas.factors}
    rows = [e for e in page.data["errc_action"] if e["factor_id"] in names]
    boxes = st.columns(len(ERRC_ACTIONS))
    for box, action in zip(boxes, ERRC_ACTIONS, strict=True):
        inside = box.container(border=True)
        named = [md(names[e["factor_id"]]) for e in rows if e["action"] == action]
        inside.markdown(f"**{t(f'choices.action.{action}')}**  \n" + ("  \n".join(named) or t("common.none")))
    for key, params in core.errc_warnings(canvas, rows):
        st.warning(md(t(key, **params)), icon="↕️")
    if not names:
        return
    st.caption(t("step4.errc_help"))
    if not page.read_only:
        _add_errc(page, {f: n for f, n in names.items() if f not in {e["factor_id"] for e in rows}})
    editable_table(
        key=f"errc_{canvas.customer_id}",
        entity_name="errc_action",
        rows=rows,
        cols=[
            Col("factor_id", "select", options=names, required=True),
            Col("action", "select", options={a: t(f"choices.action.{a}") for a in ERRC_ACTIONS}, required=True),
            Col("target_score", "number"),
            Col("note", width="large"),
        ],
        actor=page.here.actor,
        label_field="action",
        read_only=page.read_only,
    )


def offerings(page: Frame) -> None:
    """Ours, competitors and substitutes: shared by every customer's canvas."""
    kinds = {k: t(f"choices.kind.{k}") for k in OFFERING_KINDS}
    st.caption(t("step4.offerings_help"))
    edit_rows(
        page.here,
        "offerings",
        "offering",
        page.data["offering"],
        [Col("name", required=True), Col("kind", "select", options=kinds), Col("description", width="large")],
        read_only=page.read_only,
        label_field="name",
        bin_key="offerings_bin",
        defaults={"kind": "competitor"},
    )
    if page.read_only:
        return
    with st.form("s4_add_offering", clear_on_submit=True):
        name_col, kind_col = st.columns([2, 1])
        name = name_col.text_input(t("fields.offering.name"), key="s4_new_offering")
        kind = choose(t("fields.offering.kind"), kinds, where=kind_col, first="competitor")
        row = {"name": name, "kind": kind}
        add(t("step4.add_offering"), page.here.actor, "offering", row, done=lambda r: t("step4.added", name=r["name"]))


def _add_errc(page: Frame, free: dict[int, str]) -> None:
    """One more ERRC action, for a factor that has none yet."""
    if not free:
        return
    actions = {a: t(f"choices.action.{a}") for a in ERRC_ACTIONS}
    with st.form("s4_add_errc", clear_on_submit=True):
        factor_col, action_col, target_col = st.columns([2, 2, 1])
        factor = choose(t("fields.errc_action.factor_id"), free, where=factor_col)
        action = action_col.segmented_control(
            t("fields.errc_action.action"),
            list(actions),
            format_func=actions.get,
            default="raise",
            key="s4_errc_action",
        )
        target = target_col.number_input(t("fields.errc_action.target_score"), value=None, key="s4_errc_target")
        note = st.text_input(t("fields.errc_action.note"), key="s4_errc_note")
        row = {"factor_id": factor, "action": action, "target_score": target, "note": note}
        add(
            t("step4.add_errc"),
            page.here.actor,
            "errc_action",
            row,
            done=lambda created: t("step4.errc_added", factor=free[factor], action=actions[created["action"]]),
        )
