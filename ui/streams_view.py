"""Value streams on screen: one stream's worth, its picture (via ui.graph), and the forms that create a
stream, rename, reorder and staff its stages. The page script (pages/value_streams.py) puts these together."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import streamlit as st
from sqlalchemy import Engine

from cvm_core import fmt
from cvm_core import graph as g
from cvm_core import streams as vs
from cvm_core.graph_svg import svg, to_png
from cvm_core.service_card import card
from db import services
from db import streams as dbs
from ui import graph as drawn
from ui import service_card, state
from ui.frame import Frame, Here, flash
from ui.state import t
from ui.table import Col, editable_table, trash
from ui.widgets import attempt, md

PICK, CLICKED = "vs_pick", "vs_clicked"


@dataclass
class Streams:
    """What the page works with: who acts, the workshop's rows, and its streams."""

    here: Here
    engine: Engine
    lang: str
    data: dict[str, list[dict[str, Any]]]
    customers: dict[int, str]
    departments: dict[int, str]
    streams: list[vs.Stream]

    @property
    def read_only(self) -> bool:
        return self.here.read_only


def load(page: Frame) -> Streams:
    """The workshop's rows as this person sees them, and its value streams."""
    data = page.data
    return Streams(
        page.here,
        state.engine(),
        state.lang(),
        data,
        {c["id"]: c["name"] for c in data["customer"]},
        {d["id"]: d["name"] for d in data["department"]},
        page.once("streams", lambda: vs.streams(data)),
    )


def pick(v: Streams) -> vs.Stream | None:
    """The stream to show (the one picked last, else the first by name)."""
    if not v.streams:
        return None
    names = {s.id: s.name for s in v.streams}
    if st.session_state.get(PICK) not in names:
        st.session_state[PICK] = v.streams[0].id
    picked = st.selectbox(t("streams.pick"), list(names), format_func=names.get, key=PICK)
    return next(s for s in v.streams if s.id == picked)


def bin_and_new(v: Streams) -> None:
    """Create another stream, and bring back a deleted one."""
    if v.read_only:
        return
    with st.expander(t("streams.new"), expanded=not v.streams, icon="➕"):
        new_stream_form(v)
    trash(key="vs_bin", entity_name="value_stream", here=v.here, label=lambda r: r["name"])


def new_stream_form(v: Streams) -> None:
    """A form for a new stream: name, customer segment, leader; the default stages come with it."""
    with st.form("new_stream", clear_on_submit=True):
        name = st.text_input(t("streams.new_name"), key="vs_new_name")
        customer = st.selectbox(
            t("streams.customer"), list(v.customers), format_func=v.customers.get, key="vs_new_customer"
        )
        leader = st.text_input(t("streams.leader"), key="vs_new_leader")
        if st.form_submit_button(t("streams.create"), type="primary"):
            row = {"name": name, "customer_id": customer, "leader": leader}
            created = attempt(
                lambda: dbs.create_stream(
                    v.engine, actor=v.here.actor, data=row, stage_names=vs.default_stage_names(v.lang)
                )
            )
            if created:
                st.session_state[PICK] = created["id"]
                flash(t("streams.created", name=created["name"]))
                st.rerun()


def details_form(v: Streams, stream: vs.Stream) -> None:
    with st.form(f"vs_details_{stream.id}_{stream.version}"):
        st.markdown(f"**{t('streams.details')}**")
        name = st.text_input(t("fields.value_stream.name"), value=stream.name, key=f"vs_name_{stream.id}")
        ids = list(v.customers)
        customer = st.selectbox(
            t("streams.customer"),
            ids,
            index=ids.index(stream.customer_id) if stream.customer_id in ids else 0,
            format_func=v.customers.get,
        )
        leader = st.text_input(t("streams.leader"), value=stream.leader, key=f"vs_leader_{stream.id}")
        if st.form_submit_button(t("streams.save")):
            changes = {"name": name, "customer_id": customer, "leader": leader}
            saved = attempt(
                lambda: services.update_row(
                    v.engine,
                    actor=v.here.actor,
                    entity_name="value_stream",
                    row_id=stream.id,
                    version=stream.version,
                    changes=changes,
                )
            )
            if saved:
                flash(t("streams.saved"))
                st.rerun()


def stages_editor(v: Streams, stream: vs.Stream) -> None:
    """Stages in a table (rename, add, delete) and arrows to change their order."""
    st.markdown(f"**{t('streams.stages')}**")
    st.caption(t("streams.stages_help"))
    rows = [r for r in v.data["value_stream_stage"] if r["stream_id"] == stream.id]
    rows.sort(key=lambda r: (r["position"], r["id"]))
    editable_table(
        key=f"vs_stages_{stream.id}",
        entity_name="value_stream_stage",
        rows=rows,
        cols=[Col("name", required=True)],
        actor=v.here.actor,
        defaults={"stream_id": stream.id, "position": len(rows)},
        label_field="name",
        read_only=v.read_only,
    )
    if v.read_only:
        return
    for k, stage in enumerate(stream.stages):
        text, up, down = st.columns([6, 1, 1], vertical_alignment="center")
        text.markdown(f"{k + 1}\\. {md(stage.name)}")
        for button, offset, label, icon in ((up, -1, "streams.earlier", "↑"), (down, 1, "streams.later", "↓")):
            edge = k == 0 if offset < 0 else k == len(stream.stages) - 1
            if button.button(icon, key=f"vs_move_{stage.id}_{offset}", help=t(label), disabled=edge):
                moved = attempt(
                    lambda s=stage, o=offset: dbs.move_stage(
                        v.engine, actor=v.here.actor, stream_id=stream.id, stage_id=s.id, offset=o
                    )
                )
                if moved is not None:
                    st.rerun()


def members_editor(v: Streams, stream: vs.Stream) -> None:
    """Which departments work in each stage."""
    st.markdown(f"**{t('streams.departments')}**")
    for stage in stream.stages:
        current = [d for d, _ in stage.departments]
        chosen = st.multiselect(
            md(t("streams.departments_of", stage=stage.name)),
            list(v.departments),
            default=current,
            format_func=v.departments.get,
            key=f"vs_members_{stage.id}_{'-'.join(map(str, current))}",
            disabled=v.read_only,
        )
        if sorted(chosen) != sorted(current):
            done = attempt(
                lambda s=stage, ids=chosen: (
                    services.set_links(
                        v.engine,
                        actor=v.here.actor,
                        entity_name="stage_department",
                        parent=("stage_id", s.id),
                        child_field="department_id",
                        ids=ids,
                    )
                    or True
                )
            )
            if done:
                st.rerun()


def worth(v: Streams, stream: vs.Stream) -> None:
    """Segment, leader, customer value and LTV, with the room to grow between them."""
    segment, leader, value, ltv = st.columns([3, 2, 2, 2])
    segment.metric(t("streams.customer"), md(stream.customer) or "—")
    leader.metric(t("streams.leader"), md(stream.leader) or t("streams.no_leader"))
    money = {k: md(fmt.money(getattr(stream, k), v.lang, stream.currency)) for k in ("customer_value", "ltv", "gap")}
    value.metric(t("streams.customer_value"), money["customer_value"], help=t("streams.worth_help"))
    ltv.metric(
        t("streams.ltv"),
        money["ltv"],
        delta=f"{t('streams.gap')}: {money['gap']}" if stream.gap is not None else None,
        delta_color="off",
        help=t("streams.worth_help"),
    )


def picture(v: Streams, stream: vs.Stream) -> None:
    """The stream drawn left to right; a click on a department shows its service card."""
    if not stream.stages:
        st.info(t("streams.no_stages"), icon="🧱")
    drawing = vs.drawing(stream, v.lang)
    tallest = max((len(s.departments) for s in stream.stages), default=0)
    clicked = drawn.show(drawing, key=f"vs_graph_{stream.id}", height=min(640, 300 + 45 * tallest))
    if clicked:
        st.session_state[CLICKED] = clicked
        st.rerun()
    subtitle = f"{stream.customer} · {vs.worth(stream, v.lang)}"

    def svg_now() -> str:
        return svg(drawing, title=stream.name, subtitle=subtitle)

    hint, one, two = st.columns([6, 1, 1], vertical_alignment="center")
    hint.caption(t("streams.department_card"))
    download = {"on_click": "ignore", "icon": ":material/download:", "help": t("streams.download.help")}
    one.download_button(t("streams.download.svg"), svg_now, "value-stream.svg", "image/svg+xml", **download)
    two.download_button(
        t("streams.download.png"), lambda: to_png(svg_now()), "value-stream.png", "image/png", **download
    )
    department = vs.department_of(st.session_state.get(CLICKED) or "")
    if department in v.departments:
        found_card = card(v.data, g.network(v.data, v.lang), department)
        if found_card is not None:
            service_card.show(found_card)


def show(v: Streams, stream: vs.Stream) -> None:
    """One stream: its worth, its picture, and the forms that edit it."""
    st.subheader(md(stream.name), anchor=False)
    worth(v, stream)
    picture(v, stream)
    stages, others = st.columns(2, gap="medium")
    with stages:
        stages_editor(v, stream)
    with others:
        members_editor(v, stream)
        if not v.read_only:
            details_form(v, stream)
            if st.button(t("streams.delete"), key=f"vs_delete_{stream.id}", icon="🗑️"):
                if attempt(
                    lambda: services.delete(v.engine, actor=v.here.actor, entity_name="value_stream", row_id=stream.id)
                ):
                    flash(t("streams.deleted", name=stream.name))
                    st.rerun()
