"""A grid editor: rows and columns are two kinds of items (factors × offerings, pains × factors), a cell
holds a number or a tick. Like `ui.table.editable_table`, pending edits are tied to ids: while someone has
unsaved edits the grid keeps showing the snapshot they refer to, and positions are mapped back to ids
through it when they save. Each cell is saved with the version it was read at; a cell someone else saved
meanwhile comes back as a conflict with "keep mine" and "take theirs"."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pyarrow as pa
import streamlit as st

from cvm_core import fmt
from cvm_core.errors import ConflictError, DomainError
from ui import state
from ui.state import t
from ui.widgets import kept, md, messages

Cell = tuple[int, int]
# save(row id, column id, value, version seen) -> the new version; raises DomainError / ConflictError
Save = Callable[[int, int, Any, int | None], int | None]


@dataclass
class _Problem:
    cell: Cell
    label: str
    lines: list[str]
    theirs: Any = None
    mine: Any = None
    version: int | None = None
    conflict: bool = False


def _value(v: Any) -> Any:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    return v


def _pending(key: str) -> bool:
    value = st.session_state.get(f"{key}__ed{st.session_state.get(f'{key}__gen', 0)}") or {}
    return bool(value.get("edited_rows"))


def _reset(key: str) -> None:
    st.session_state[f"{key}__gen"] = st.session_state.get(f"{key}__gen", 0) + 1
    for suffix in ("snap", "problems"):
        st.session_state.pop(f"{key}__{suffix}", None)


def grid(
    *,
    key: str,
    corner: str,
    rows: list[tuple[int, str]],
    cols: list[tuple[int, str]],
    cells: dict[Cell, tuple[Any, int | None]],
    kind: str,
    save: Save,
    theirs: Callable[[ConflictError], Any] = lambda exc: None,
    read_only: bool = False,
    max_value: float | None = None,
    row_help: dict[int, str] | None = None,
) -> None:
    """Rows × columns with a value (and its version) per cell; `kind` "number" or "bool". `max_value` is
    shown as the scale, never enforced by the editor: the service says what is wrong instead."""
    gen = st.session_state.setdefault(f"{key}__gen", 0)
    snap_key = f"{key}__snap"
    if not _pending(key) or snap_key not in st.session_state:
        st.session_state[snap_key] = {"rows": list(rows), "cols": list(cols), "cells": dict(cells), "skip": set()}
    snap = st.session_state[snap_key]
    config = kept(
        f"{key}__config",
        (state.lang(), tuple(snap["cols"]), kind, corner, max_value, read_only, row_help is not None),
        lambda: _config(snap, kind, corner, max_value, read_only, row_help is not None),
    )
    if read_only:
        st.dataframe(_frame(snap, kind, row_help), hide_index=True, column_config=config, placeholder="")
        return
    st.data_editor(
        kept(
            f"{key}__frame",
            (tuple(snap["rows"]), tuple(snap["cols"]), dict(snap["cells"]), kind, row_help),
            lambda: _frame(snap, kind, row_help).to_pandas(),
        ),
        key=f"{key}__ed{gen}",
        hide_index=True,
        column_config=config,
        num_rows="fixed",
        placeholder="",
    )
    if _pending(key):
        st.caption(t("table.unsaved"))
        buttons = st.container(horizontal=True)
        if buttons.button(t("common.save"), key=f"{key}__save", type="primary"):
            problems = _save(key, snap, save, theirs)
            st.session_state[f"{key}__problems"] = problems
            if not problems:
                _reset(key)
                st.toast(t("table.saved"), icon="✅")
                st.rerun()
        if buttons.button(t("table.discard"), key=f"{key}__discard"):
            _reset(key)
            st.rerun()
    _show_problems(key, snap, save, theirs)


def _frame(snap: dict[str, Any], kind: str, row_help: dict[int, str] | None) -> pa.Table:
    """The grid as an Arrow table: a row label, an optional hint, then one column per item (c<id>)."""
    rows, cells = snap["rows"], snap["cells"]
    columns: dict[str, pa.Array] = {"_row": pa.array([label for _, label in rows], pa.string())}
    if row_help is not None:
        columns["_help"] = pa.array([row_help.get(rid, "") for rid, _ in rows], pa.string())
    for cid, _ in snap["cols"]:
        values = [cells.get((rid, cid), (None, None))[0] for rid, _ in rows]
        if kind == "bool":
            columns[f"c{cid}"] = pa.array([bool(v) for v in values], pa.bool_())
        else:
            columns[f"c{cid}"] = pa.array([None if v is None else float(v) for v in values], pa.float64())
    return pa.table(columns)


def _config(
    snap: dict[str, Any], kind: str, corner: str, max_value: float | None, read_only: bool, with_help: bool
) -> dict[str, Any]:
    cc = st.column_config
    scale = t("table.scale", low=0, high=f"{max_value:g}") if max_value is not None else None
    config: dict[str, Any] = {"_row": cc.TextColumn(corner, disabled=True, pinned=True)}
    if with_help:
        config["_help"] = cc.TextColumn("", disabled=True, width="small")
    for cid, label in snap["cols"]:
        if kind == "bool":
            config[f"c{cid}"] = cc.CheckboxColumn(label, disabled=read_only)
        else:
            # No min/max here: the editor would clamp what was typed (15 saved as 10) without a word. The
            # service refuses a value off the scale with its message, and the grid keeps what was typed.
            config[f"c{cid}"] = cc.NumberColumn(label, help=scale, disabled=read_only)
    return config


def _save(key: str, snap: dict[str, Any], save: Save, theirs: Callable[[ConflictError], Any]) -> list[_Problem]:
    edits = (st.session_state.get(f"{key}__ed{st.session_state[f'{key}__gen']}") or {}).get("edited_rows") or {}
    rows, cols = snap["rows"], {f"c{cid}": (cid, label) for cid, label in snap["cols"]}
    problems = []
    for pos, change in edits.items():
        index = int(pos)
        if index >= len(rows):
            continue
        row_id, row_label = rows[index]
        for column, raw in change.items():
            if column not in cols:
                continue
            col_id, col_label = cols[column]
            value = _value(raw)
            stored, version = snap["cells"].get((row_id, col_id), (None, None))
            if (row_id, col_id) in snap["skip"] or value == stored or (value is False and stored is None):
                continue
            problem = _one(snap, save, theirs, (row_id, col_id), value, version, f"{row_label} · {col_label}")
            if problem:
                problems.append(problem)
    return problems


def _one(
    snap: dict[str, Any],
    save: Save,
    theirs: Callable[[ConflictError], Any],
    cell: Cell,
    value: Any,
    version: int | None,
    label: str,
) -> _Problem | None:
    try:
        snap["cells"][cell] = (value, save(cell[0], cell[1], value, version))
        return None
    except ConflictError as exc:
        return _Problem(cell, label, [t("errors.conflict")], theirs(exc), value, exc.current.get("version"), True)
    except DomainError as exc:
        return _Problem(cell, label, messages(exc))


def _show(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return t("common.yes") if value else t("common.no")
    return fmt.number(value, state.lang())


def _show_problems(key: str, snap: dict[str, Any], save: Save, theirs: Callable[[ConflictError], Any]) -> None:
    problems: list[_Problem] = st.session_state.get(f"{key}__problems", [])
    for n, p in enumerate(problems):
        box = st.container(border=True)
        box.error(f"**{md(p.label)}**  \n" + "  \n".join(md(line) for line in p.lines), icon="⚠️")
        if not p.conflict:
            continue
        box.caption(f"{t('table.theirs')}: {md(_show(p.theirs))} · {t('table.mine')}: {md(_show(p.mine))}")
        keep, take = box.columns(2)
        if keep.button(t("table.keep_mine"), key=f"{key}__keep{n}"):
            try:
                snap["cells"][p.cell] = (p.mine, save(p.cell[0], p.cell[1], p.mine, p.version))
            except ConflictError as exc:
                p.version, p.theirs = exc.current.get("version"), theirs(exc)
                continue
            except DomainError as exc:
                p.lines, p.conflict = messages(exc), False
                continue
            _resolved(key, p)
        if take.button(t("table.take_theirs"), key=f"{key}__take{n}"):
            snap["cells"][p.cell] = (p.theirs, p.version)
            snap["skip"].add(p.cell)
            _resolved(key, p)


def _resolved(key: str, p: _Problem) -> None:
    left = [q for q in st.session_state.get(f"{key}__problems", []) if q is not p]
    st.session_state[f"{key}__problems"] = left
    if not left:
        _reset(key)
    st.rerun()
