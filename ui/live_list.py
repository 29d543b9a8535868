"""A list that follows the room by itself: a table drawn by a small component from rows the page gives it,
then from the rows the change stream brings whenever what it shows changes (web/changes.py, made for this
person by web/lists.py). No Streamlit run, in the browser or on the server, for a change it shows: in a
room of thirty each change costs each page a few milliseconds instead of a run.

Text goes in as text (never as HTML); long text wraps instead of being cut off; the numbers are
right-aligned, and a "bar" column draws its number as a bar of the column's largest value too."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

import streamlit as st

from db.services import Actor
from ui import push
from web import lists, pushes


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str = "text"  # "text", "number", or "bar" (a number drawn as a bar too)
    help: str = ""


LIST_JS = """
function drawList(box, columns, rows, empty) {
  const table = document.createElement("table");
  const head = table.createTHead().insertRow();
  for (const column of columns) {
    const th = document.createElement("th");
    th.textContent = column.label;
    th.className = column.kind;
    if (column.help) th.title = column.help;
    head.append(th);
  }
  const body = table.createTBody();
  const top = Math.max(1, ...columns.filter((c) => c.kind === "bar").flatMap((c) => rows.map((r) => Number(r[c.key]) || 0)));
  for (const row of rows) {
    const tr = body.insertRow();
    for (const column of columns) {
      const td = tr.insertCell();
      const value = row[column.key];
      td.className = column.kind;
      if (column.kind === "bar") {
        const bar = document.createElement("span");
        bar.className = "bar";
        const fill = document.createElement("span");
        fill.style.width = `${(100 * (Number(value) || 0)) / top}%`;
        bar.append(fill);
        const number = document.createElement("span");
        number.textContent = String(value ?? 0);
        td.append(number, bar);
      } else {
        td.textContent = value === null || value === undefined || value === "" ? empty : String(value);
      }
    }
  }
  box.replaceChildren(table);
}
"""

_list = st.components.v2.component(
    "cvm_list",
    html='<div class="cvm-list"></div>',
    css="""
.cvm-list { overflow-x: auto; font-family: var(--st-font); color: var(--st-text-color); }
.cvm-list .none { margin: 0; font-size: 0.875rem; opacity: 0.7; }
.cvm-list table { border-collapse: collapse; width: 100%; font-size: 0.875rem; }
.cvm-list th { text-align: left; font-weight: 600; padding: 0.35rem 0.5rem; white-space: nowrap;
  border-bottom: 1px solid var(--st-border-color); }
.cvm-list td { padding: 0.35rem 0.5rem; vertical-align: top; overflow-wrap: break-word;
  border-bottom: 1px solid var(--st-border-color); }
.cvm-list td.text { min-width: 11rem; }
.cvm-list .number, .cvm-list th.bar { text-align: right; white-space: nowrap; width: 1%; }
.cvm-list td.bar { white-space: nowrap; width: 8rem; }
.cvm-list td.bar > span:first-child { display: inline-block; min-width: 1.5rem; text-align: right; }
.cvm-list .bar .bar { display: inline-block; width: 5rem; height: 0.5rem; margin-left: 0.4rem;
  border-radius: 0.25rem; background: var(--st-secondary-background-color); vertical-align: middle; }
@media (max-width: 640px) { .cvm-list td.bar { width: auto; } .cvm-list .bar .bar { display: none; } }
.cvm-list .bar .bar > span { display: block; height: 100%; border-radius: 0.25rem; background: var(--st-primary-color); }
""",
    js=push.HUB_JS
    + LIST_JS
    + """
export default function (component) {
  const { data, parentElement } = component;
  const box = parentElement.querySelector(".cvm-list");
  const held = box.__cvmList || (box.__cvmList = { v: -1 });
  const draw = (v, rows) => {
    if (v < held.v) return;  // rows older than those shown (a run that started before the last change)
    held.v = v;
    if (rows.length) drawList(box, data.columns, rows, data.empty);
    else {
      const none = document.createElement("p");
      none.className = "none";
      none.textContent = data.none;
      box.replaceChildren(none);
    }
  };
  draw(data.v, data.rows);
  const hub = window.__cvmChanges || (window.__cvmChanges = makeHub());
  const quiet = hub.attach(data.changes.key, data.changes, () => {});
  const unview = hub.view(data.changes.key, data.spec, (got) => draw(got.v, got.rows));
  return () => { quiet(); unview(); };
}
""",
)


def live_list(
    actor: Actor, spec: dict[str, Any], columns: Sequence[Column], made: lists.Rows, *, key: str, none: str
) -> None:
    """Draw `made` (the rows of the list `spec` names, web/lists.py) in `columns` (`none` while it has no
    rows); from then on the list follows the room by itself. `key` names it on the page and its listener
    for the server, which it replaces: a fragment that shows the list as Streamlit elements at other times
    uses the same key."""
    listener = f"{push.KEY}_{key}"
    changes = push.changes_data(actor.workshop_id, lists.KINDS[spec["kind"]].topics, pushes.LIST, listener)
    data = {
        "columns": [asdict(c) for c in columns],
        "rows": made.rows,
        "v": made.version,
        "spec": spec,
        "empty": "—",
        "none": none,
        "changes": changes | {"key": listener},
    }
    _list(key=f"cvm_list_{key}", data=data)
