"""The department network on screen: filters, the graph (via ui.graph), the impact of a failure and the
department's service card. The page script (pages/network.py) puts these together."""

from __future__ import annotations

import time
from typing import Any

import pandas as pd
import streamlit as st

from cvm_core import fmt, risk
from cvm_core import graph as g
from cvm_core.graph_svg import svg, to_png
from cvm_core.health import HEALTHS
from cvm_core.service_card import card
from cvm_core.streams import streams
from ui import graph as drawn
from ui import registry, service_card, state, thread_view
from ui.frame import Frame, Here
from ui.service_card import health_label, health_legend
from ui.state import t
from ui.widgets import md

TEAM_TEXT = {"department": ("description",)}  # what nothing derived here reads (the card reads the row)
LARGE = 60  # more nodes than this: suggest the filters

NODE, PROMISE, PENDING, NONCE, VIEW = "net_node", "net_promise", "net_pending", "net_nonce", "net_view"


def build(data: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    net = g.network(data, state.lang())
    by_name = sorted(net.nodes, key=lambda nid: (net.nodes[nid].kind != g.DEPARTMENT, net.label(nid).casefold()))
    labels = {nid: g.choices_label(net, nid) for nid in [*by_name, *net.edges]}
    names = {s.id: s.name for s in streams(data)}
    return {
        "net": net,
        "risk": risk.model(data, net),
        "streams": names,
        "nodes": by_name,
        "labels": labels,
        "built": time.monotonic_ns(),
    }


def load(page: Frame) -> dict[str, Any]:
    """The network of the workshop and what the page lists (with its layouts and tooltips), rebuilt only when
    its rows change; a team's description is not part of it (the service card reads it from the rows)."""
    data = page.data
    return {**page.once("network", lambda: build(data), ignore=TEAM_TEXT), "data": data}


def departments(model: dict[str, Any]) -> list[str]:
    return [nid for nid in model["nodes"] if model["net"].nodes[nid].kind == g.DEPARTMENT]


def drawing_of(model: dict[str, Any], f: g.Filter, selection: str | None) -> tuple[g.Drawing, g.Impact | None, tuple]:
    """The drawing for these filters and this selection, kept while none of them (nor the rows) change."""
    net = model["net"]
    memo = (model["built"], f, selection)
    kept = st.session_state.get(VIEW)
    if kept and kept[0] == memo:
        return kept[1], kept[2], memo
    drawing, found = g.view(net, f, selection)
    st.session_state[VIEW] = (memo, drawing, found)
    return drawing, found, memo


def _new_graph() -> None:
    """A pick in a select box: a fresh graph, so that clicking the node clicked before counts again."""
    st.session_state[NONCE] = st.session_state.get(NONCE, 0) + 1


def filters(model: dict[str, Any]) -> g.Filter:
    """The three filters above the graph: value stream, promise health, a department and its neighbours."""
    net, stream_names, chosen_from = model["net"], model["streams"], departments(model)
    by_stream, by_health, by_focus = st.columns([2, 3, 2])
    stream_id = by_stream.selectbox(
        t("network.filter.stream"),
        [None, *stream_names],
        format_func={None: t("network.filter.all_streams"), **stream_names}.get,
        key="net_stream",
    )
    healths = by_health.pills(
        t("network.filter.health"),
        HEALTHS,
        selection_mode="multi",
        default=list(HEALTHS),
        format_func={k: t(f"choices.health.{k}") for k in HEALTHS}.get,
        key="net_health",
    )
    focus = by_focus.selectbox(
        t("network.filter.focus"),
        [None, *chosen_from],
        format_func={None: t("network.filter.everyone"), **{d: net.label(d) for d in chosen_from}}.get,
        key="net_focus",
    )
    chosen = g.stream_filter(model["data"], stream_id) if stream_id is not None else g.Filter()
    shown = None if set(healths or ()) == set(HEALTHS) else frozenset(healths or ())
    return g.Filter(chosen.departments, chosen.customers, shown, focus)


def selected(model: dict[str, Any]) -> str | None:
    """What the user asks about: a department or customer (clicked or picked), or one of its promises."""
    net, nodes = model["net"], model["nodes"]
    if PENDING in st.session_state:
        st.session_state[NODE] = st.session_state.pop(PENDING)
        st.session_state[PROMISE] = None
    if st.session_state.get(NODE) not in net.nodes:
        st.session_state[NODE] = None
    pick_node, pick_promise = st.columns(2)
    node = pick_node.selectbox(
        t("network.filter.select"),
        [None, *nodes],
        format_func={None: t("network.filter.nothing"), **model["labels"]}.get,
        key=NODE,
        help=t("network.filter.select_help"),
        placeholder=t("network.filter.nothing"),
        on_change=_new_graph,
    )
    promises = g.promises_of(net, node) if node else []
    if st.session_state.get(PROMISE) not in promises:
        st.session_state[PROMISE] = None
    promise = pick_promise.selectbox(
        t("network.filter.promise"),
        [None, *promises],
        format_func={None: t("network.filter.whole"), **model["labels"]}.get,
        key=PROMISE,
        placeholder=t("network.filter.whole"),
        disabled=not promises,
        on_change=_new_graph,
    )
    return promise or node


def picture(here: Here, drawing: g.Drawing, f: g.Filter, memo: tuple) -> None:
    """The graph (a click selects a node), its legend and the downloads."""
    if not drawing.edges and f.active:
        st.info(t("network.no_edges"), icon="🔎")
    signature = f"{st.session_state.get('net_stream')}_{'-'.join(sorted(f.healths or ()))}_{f.focus}"
    size = len(drawing.nodes)
    height = 460 if size <= 12 else (620 if size <= 40 else 780)
    if size > LARGE:
        st.caption(t("network.large", count=size))
    key = f"net_graph_{signature}_{st.session_state.get(NONCE, 0)}"
    clicked = drawn.show(drawing, key=key, height=height, memo=memo)
    if clicked:
        st.session_state[PENDING] = clicked
        st.rerun()
    legend, one, two = st.columns([6, 1, 1], vertical_alignment="center")
    legend.markdown(health_legend())
    legend.caption(f"{t('network.legend.edges')}  \n{t('network.legend.nodes')}")
    subtitle = str(here.workshop.get("name") or "")

    def svg_now() -> str:
        return svg(drawing, title=t("network.title"), subtitle=subtitle)

    download = {"on_click": "ignore", "icon": ":material/download:", "help": t("network.download.help")}
    one.download_button(t("network.download.svg"), svg_now, "department-network.svg", "image/svg+xml", **download)
    two.download_button(
        t("network.download.png"), lambda: to_png(svg_now()), "department-network.png", "image/png", **download
    )


def _table(rows: list[dict[str, str]], keys: tuple[str, ...]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=list(keys)).assign(health=[health_label(r["health"]) for r in rows])
    return frame.rename(columns={k: t(f"network.col.{k}") for k in keys})


def cost(model: dict[str, Any], selection: str | None) -> risk.Risk | None:
    """Money at risk if the selected department or promise fails (None for a customer or nothing)."""
    if selection is None or selection[0] not in "dip":
        return None
    return risk.at_risk(model["risk"], [selection])


def impact(net: g.Network, selection: str | None, found: g.Impact | None, cost: risk.Risk | None = None) -> None:
    """Which customer promises are at risk if the selection fails (and the money resting on them), and the
    internal promises on the way."""
    if found is None or selection is None:
        st.info(t("network.impact.hint"), icon="👆")
        return
    kind = selection[0]
    if kind == "d":
        heading = t("network.impact.department", name=net.label(selection))
    elif kind == "c":
        heading = t("network.impact.customer", name=net.label(selection))
    else:
        heading = t("network.impact.promise", name=g.short(str(net.rows[selection].get("text") or ""), 80))
    st.subheader(md(heading), anchor=False)
    label = t("network.impact.promises_to") if kind == "c" else t("network.impact.at_risk")
    count = fmt.integer(len(found.promises), state.lang())
    if cost is None:
        st.metric(label, count)
    else:
        promises, revenue, ltv = st.columns(3)
        promises.metric(label, count)
        period = cost.period or "—"
        revenue.metric(t("thread.money.revenue", period=period), risk.money(cost.revenue, state.lang(), net.currency))
        ltv.metric(t("thread.money.ltv"), risk.money(cost.ltv, state.lang(), net.currency))
    rows = g.impact_rows(net, found)
    if rows:
        st.dataframe(_table(rows, ("health", "customer", "promise", "owner")), hide_index=True, placeholder="—")
    else:
        st.caption(t("network.impact.none"))
    path = g.path_rows(net, found)
    if path:
        with st.expander(f"{t('network.impact.on_path')} ({len(path)})"):
            st.dataframe(_table(path, ("health", "supplier", "client", "promise")), hide_index=True, placeholder="—")


def loops(net: g.Network) -> None:
    with st.expander(f"{t('network.cycles.title')} ({len(net.cycles)})", icon="🔁"):
        if not net.cycles:
            st.caption(t("network.cycles.none"))
        for cycle in net.cycles[:10]:
            st.markdown(f"- {md(t('network.cycles.loop', count=len(cycle.members), loop=g.cycle_text(net, cycle)))}")
    if net.tree_cycles:
        names = "; ".join(
            ", ".join(g.short(str(net.rows[p].get("text") or ""), 40) for p in c) for c in net.tree_cycles
        )
        st.warning(md(t("network.cycles.tree", promises=names)), icon="⚠️")


def card_of(model: dict[str, Any], selection: str | None, f: g.Filter) -> None:
    """The service card of the selected department (or of the one a selected promise comes from)."""
    net = model["net"]
    department = next((n for n in (selection, f.focus) if n and n.startswith("d")), None)
    if department is None and selection and selection in net.edges:
        department = net.edges[selection].source
    found = card(model["data"], net, net.nodes[department].ref) if department else None
    if found is not None:
        service_card.show(found)


def money(model: dict[str, Any], selection: str | None, found: risk.Risk | None) -> None:
    """What a failure of the selected department or promise costs the segments and each team, and a link
    to its golden thread."""
    if selection is None or found is None:
        return
    net = model["net"]
    name = net.label(selection) if selection[0] == "d" else g.short(str(net.rows[selection].get("text") or ""), 80)
    st.subheader(md(t("network.money.title", name=name)), anchor=False)
    thread_view.show_risk(model["risk"], found)
    if selection[0] in "ip":
        st.page_link(
            registry.page("thread").path,
            label=t("thread.follow.link"),
            icon="🧵",
            query_params={thread_view.QUERY: selection},
            help=t("thread.follow.help"),
        )
