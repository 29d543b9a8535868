"""Hand a drawing from cvm_core to vis-network in the browser and report which node was clicked.

The component is streamlit-agraph's build (the pinned 0.0.45: vis-network 9.1.2, React, Streamlit's
component library) with an entry point of our own, ui/graph_frontend/graph.js, because agraph's own
(read from its frontend/build/static/js/main.*.chunk.js):
- for every node with a `title`, builds a detached <div> with `innerHTML = title` on every render: markup
  in a title would run at once (an <img onerror> fires without any hover);
- on a double-click looks that div up and calls `window.open(div.innerHTML)`, and throws an uncaught
  "Cannot read properties of undefined (reading 'div')" whenever the double-click lands on empty canvas
  or an edge (a page full of errors after a few double-clicks).
Ours mounts the same vis wrapper with the same arguments, returns a clicked node's `id` to Python in the
same way, does nothing on a double-click, and fits the view to the labels once they are measured.

What vis-network does with what it is given: it draws labels on the canvas (plain text unless
`font.multi` is set, which we never set) and shows a string tooltip with `innerText`. Nodes are still
handed over without a `title` (each node's tooltip travels in a vis group of its own,
`options.groups[<id>].title`, which vis merges into the node and shows as text), so no code on the way
ever sees a node's text as a title. Edge tooltips go straight to vis, as text. Ids are ours ("d12",
"s3"), never user text. The browser test tests/e2e/test_graphs.py proves it with a department named with
markup and script, and counts the page's errors over clicks and double-clicks.
"""

from __future__ import annotations

import json
from collections.abc import Hashable
from pathlib import Path
from typing import Any

import streamlit as st
import streamlit.components.v1 as components
import streamlit_agraph  # declares "streamlit_agraph.agraph", whose build our entry point's page loads

from cvm_core.graph import Drawing, Edge, Node

FRONTEND = Path(__file__).with_name("graph_frontend")
AGRAPH_BUILD = Path(streamlit_agraph.__file__).with_name("frontend") / "build"
_graph = components.declare_component("vis_graph", path=FRONTEND)
FRAME_TITLE = "ui.graph.vis_graph"  # the iframe's title in the page, for browser tests
PAYLOADS, PAYLOADS_KEPT = "_graph_payloads", 2  # the last graphs' arguments, kept for reruns


def _node(n: Node) -> dict[str, Any]:
    out: dict[str, Any] = {"id": n.id, "label": n.label, "x": round(n.x), "y": round(n.y)}
    if n.shape != "dot":
        out["shape"] = n.shape
    else:
        out["size"] = round(n.size, 1)
    out["color"] = {
        "background": n.colour,
        "border": n.ring or n.colour,
        "highlight": {"background": n.colour, "border": "#111111"},
    }
    if n.ring:
        out["borderWidth"] = 4
    if n.shape == "box":
        out["font"] = {"color": "#555555" if n.faded else "#ffffff", "strokeWidth": 0, "size": 16}
    elif n.faded:
        out["font"] = {"color": "#9aa0a6"}
    if n.tip:
        out["group"] = n.id
    return out


def _edge(e: Edge) -> dict[str, Any]:
    out: dict[str, Any] = {"id": e.id, "from": e.source, "to": e.target, "color": e.colour, "width": e.width}
    if e.dashed:
        out["dashes"] = True
    if not e.arrow:
        out["arrows"] = {"to": {"enabled": False}}
    out["smooth"] = {"roundness": e.bend} if e.bend > 0 else {"enabled": False}
    if e.tip:
        out["title"] = e.tip
    return out


def payload(drawing: Drawing, height: int) -> tuple[str, str]:
    """The component's two JSON arguments (data, config); no node carries a `title`."""
    nodes = [_node(n) for n in drawing.nodes]
    edges = [_edge(e) for e in drawing.edges]
    config = {
        "height": f"{height}px",
        "width": "100%",
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"hierarchical": {"enabled": False}, "improvedLayout": False},
        "interaction": {"hover": True, "tooltipDelay": 150, "multiselect": False, "navigationButtons": False},
        "nodes": {"shape": "dot", "borderWidth": 1, "font": {"size": 15, "strokeWidth": 4, "strokeColor": "#ffffff"}},
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.7}},
            "smooth": {"enabled": True, "type": "curvedCW"},
            "selectionWidth": 2,
            "hoverWidth": 1,
        },
        "groups": {n.id: {"title": n.tip} for n in drawing.nodes if n.tip},
    }
    compact = {"ensure_ascii": False, "separators": (",", ":")}
    return json.dumps({"nodes": nodes, "edges": edges}, **compact), json.dumps(config, **compact)


def show(drawing: Drawing, *, key: str, height: int = 560, memo: Hashable | None = None) -> str | None:
    """Draw the graph; the id of a node clicked since the last run, else None. With `memo` (anything
    that changes whenever the drawing does), the component's arguments are kept between runs."""
    kept: dict[str, tuple] = st.session_state.setdefault(PAYLOADS, {})
    found = kept.get(key)
    if memo is not None and found and found[0] == (memo, height):
        data, config = found[1]
    else:
        data, config = payload(drawing, height)
        if memo is not None:
            kept.pop(key, None)
            kept[key] = ((memo, height), (data, config))
            while len(kept) > PAYLOADS_KEPT:
                kept.pop(next(iter(kept)))
    value = _graph(data=data, config=config, key=key, default=None)
    seen = f"{key}__seen"
    last = st.session_state.get(seen)
    st.session_state[seen] = value
    known = {n.id for n in drawing.nodes}
    return value if isinstance(value, str) and value != last and value in known else None
