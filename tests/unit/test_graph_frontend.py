"""The graph component's page loads streamlit-agraph's build by name: every file it names exists in the
installed (pinned) package, so a new agraph version cannot leave the graphs blank unnoticed."""

from __future__ import annotations

import re
from pathlib import Path

import streamlit_agraph

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "ui" / "graph_frontend" / "index.html"
BUILD = Path(streamlit_agraph.__file__).with_name("frontend") / "build"
AGRAPH = "../streamlit_agraph.agraph/"


def test_every_file_the_page_names_is_in_agraphs_build() -> None:
    named = re.findall(r'(?:src|href)="([^"]+)"', PAGE.read_text(encoding="utf-8"))
    borrowed = [n.removeprefix(AGRAPH) for n in named if n.startswith(AGRAPH)]
    assert len(borrowed) == 4  # two style sheets, webpack's runtime and the vendor chunk
    for name in borrowed:
        assert (BUILD / name).is_file(), name
    assert [n for n in named if not n.startswith(AGRAPH)] == ["graph.js"]


def test_our_entry_point_takes_the_place_of_agraphs() -> None:
    """graph.js registers the module agraph's runtime starts from, with the vendor modules agraph's own
    entry point uses (react, react-dom, streamlit-component-lib, the vis wrapper)."""
    ours = (PAGE.parent / "graph.js").read_text(encoding="utf-8")
    (theirs,) = (BUILD / "static" / "js").glob("main.*.chunk.js")
    for module in ("5", "25", "13", "30"):
        assert f"require({module})" in ours and f"n({module})" in theirs.read_text(encoding="utf-8")
    assert "innerHTML" not in ours.split("*/", 1)[1] and "window.open" not in ours.split("*/", 1)[1]
