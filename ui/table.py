"""An editable table whose edits are tied to row ids, not positions.

`st.data_editor` records pending edits by row position. If the rows changed under someone who is
typing (another participant adds or deletes a row, the page refreshes), their edit would land on a
different row. So while a person has unsaved edits, the table keeps showing the snapshot their edits
refer to; positions are mapped back to ids through that snapshot when they save. Each row is saved
with the version it was read at: a row someone else saved meanwhile comes back as a conflict showing
both values, with "keep mine" and "take theirs". Rows saved in a partly failed save are remembered,
so a second save neither duplicates a new row nor reports a conflict with oneself.

Unsaved edits are also kept by row id (`draft`), outside the widget: Streamlit forgets a widget's state
when a run does not draw it (another page, another tab), and a reload starts a new session. The table
starts a new widget from the kept draft when it is drawn again; the page's draft keeper (ui/drafts.py)
keeps it in the browser across reloads and gives it back.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd
import pyarrow as pa
import streamlit as st

from cvm_core import fmt
from cvm_core.errors import ConflictError, DomainError
from db import services
from db.services import Actor
from ui import confirm, frame, state
from ui.frame import Here
from ui.state import t
from ui.widgets import field_label, kept, md, messages

BIN_SHOWN = 20
# The grid sizes a select column by the values it stores (codes, ids), not by the labels it shows, and cuts
# the labels ("External se…"): such a column is given the width of its longest label, within these bounds.
CHAR_PX, CELL_PX, SELECT_MAX_PX = 8, 44, 320


@dataclass(frozen=True)
class Col:
    """A column: the field it edits and how. `options` maps stored values to labels (select)."""

    field: str
    kind: str = "text"  # text | number | int | bool | select
    options: dict[Any, str] | None = None
    editable: bool = True
    width: str | None = None
    required: bool = False
    label: str | None = None


@dataclass
class _Problem:
    position: str
    label: str
    lines: list[str]
    conflict: dict[str, Any] | None = None
    row_id: int | None = None
    changes: dict[str, Any] | None = None


def _column_config(entity_name: str, cols: list[Col]) -> dict[str, Any]:
    cc = st.column_config
    config: dict[str, Any] = {"_id": None}
    for c in cols:
        label = c.label or field_label(entity_name, c.field)
        common = {"disabled": not c.editable, "required": c.required, "width": c.width}
        if c.kind == "select":
            options = c.options or {}
            common["width"] = c.width or select_width(label, options.values())
            config[c.field] = cc.SelectboxColumn(
                label, options=list(options), format_func=lambda v, o=options: o.get(v, "—"), **common
            )
        elif c.kind in ("number", "int"):
            step = 1 if c.kind == "int" else None  # "localized": grouped as the room's language writes numbers
            config[c.field] = cc.NumberColumn(label, step=step, format="localized", **common)
        elif c.kind == "bool":
            config[c.field] = cc.CheckboxColumn(label, **common)
        else:
            config[c.field] = cc.TextColumn(label, **common)
    return config


def select_width(label: str, shown: Iterable[str]) -> int:
    """Pixels that show a select column's header and its longest label whole (up to SELECT_MAX_PX)."""
    longest = max((len(text) for text in (label, *shown)), default=0)
    return min(SELECT_MAX_PX, CELL_PX + CHAR_PX * longest)


def _frame(rows: list[dict[str, Any]], cols: list[Col]) -> pa.Table:
    """The rows as an Arrow table with one type per column (cheaper to build and send than pandas; an
    empty text or select column stays text, so a chosen option is not lost)."""
    columns = {"_id": pa.array([r["id"] for r in rows], pa.int64())}
    for c in cols:
        kind = _arrow_kind(c)
        values = [_value(r.get(c.field)) for r in rows]
        if kind == "bool":
            columns[c.field] = pa.array([bool(v) for v in values], pa.bool_())
        elif kind == "number":
            columns[c.field] = pa.array([None if v is None else float(v) for v in values], pa.float64())
        else:
            columns[c.field] = pa.array([None if v is None else str(v) for v in values], pa.string())
    return pa.table(columns)


def _arrow_kind(c: Col) -> str:
    if c.kind == "bool":
        return "bool"
    if c.kind in ("number", "int"):
        return "number"
    if c.kind == "select" and c.options and not all(isinstance(k, str) for k in c.options):
        return "number"  # ids of other rows
    return "text"


def _value(v: Any) -> Any:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    return v


def _edits(state_value: Any) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]], list[int]]:
    value = state_value or {}
    edited = {str(k): v for k, v in (value.get("edited_rows") or {}).items()}
    return edited, list(value.get("added_rows") or []), [int(i) for i in value.get("deleted_rows") or []]


# What a person has not saved, by row id (so it outlives the widget): {"edited": {"<id>": {"changes": {...},
# "version": <version read>}}, "added": [{field: value}], "deleted": [<id>]}. A widget generation is drawn
# from the rows with its "layer" (a draft kept from before: another page, a reload) already applied; the
# widget's edits on top of it make the whole draft.
Draft = dict[str, Any]
TABLES = "_tables"  # table key -> the page it was drawn on (the frame's unsaved input is per page)
_HIDDEN = ("id", "version")


def _empty() -> Draft:
    return {"edited": {}, "added": [], "deleted": []}


def _blank(draft: Draft | None) -> bool:
    return not draft or not (draft.get("edited") or draft.get("added") or draft.get("deleted"))


def _plain(change: dict[str, Any]) -> dict[str, Any]:
    return {k: _value(v) for k, v in change.items() if not str(k).startswith("_") and k not in _HIDDEN}


def _display(snap: list[dict[str, Any]], layer: Draft) -> tuple[list[dict[str, Any]], list[tuple[str, int]]]:
    """The rows the widget shows (the snapshot with the layer applied) and what each position is: ("row", id)
    or ("new", index in the layer's added rows)."""
    rows, refs = [], []
    gone = set(layer["deleted"])
    for row in snap:
        if row["id"] in gone:
            continue
        rows.append({**row, **layer["edited"].get(str(row["id"]), {}).get("changes", {})})
        refs.append(("row", row["id"]))
    for n, new in enumerate(layer["added"]):
        rows.append({**new, "id": None})
        refs.append(("new", n))
    return rows, refs


def _snapshot(rows: list[dict[str, Any]], layer: Draft) -> list[dict[str, Any]]:
    """The rows as read now, each edited one at the version its draft was read at (a save stays a conflict
    when someone changed the row since)."""
    versions = {sid: entry.get("version") for sid, entry in layer["edited"].items()}
    return [{**r, "version": versions.get(str(r["id"]), r["version"])} for r in rows]


def _combine(key: str) -> Draft | None:
    """The layer and the widget's edits as one draft; None when the widget has no state (not drawn lately)."""
    widget = st.session_state.get(f"{key}__ed{st.session_state.get(f'{key}__gen', 0)}")
    if widget is None:
        return None
    snap = st.session_state.get(f"{key}__snap")
    layer = st.session_state.get(f"{key}__layer") or _empty()
    edited, added, deleted = _edits(widget)
    if snap is None:  # edits before the table was drawn: nothing to map them to yet
        return None
    by_id = {r["id"]: r for r in snap}
    refs = _display(snap, layer)[1]
    out: Draft = {
        "edited": {sid: {"changes": dict(e["changes"]), "version": e["version"]} for sid, e in layer["edited"].items()},
        "added": [dict(a) for a in layer["added"]],
        "deleted": list(layer["deleted"]),
    }
    for sid, entry in out["edited"].items():
        if int(sid) in by_id:
            entry["version"] = by_id[int(sid)]["version"]
    for pos, change in edited.items():
        if int(pos) >= len(refs):
            continue
        kind, ref = refs[int(pos)]
        if kind == "row":
            entry = out["edited"].setdefault(str(ref), {"changes": {}, "version": by_id[ref]["version"]})
            entry["changes"].update(_plain(change))
        else:
            out["added"][ref].update(_plain(change))
    dropped = set()
    for pos in deleted:
        if pos < len(refs):
            kind, ref = refs[pos]
            if kind == "row":
                out["deleted"].append(ref)
                out["edited"].pop(str(ref), None)
            else:
                dropped.add(ref)
    out["added"] = [a for n, a in enumerate(out["added"]) if n not in dropped] + [_plain(a) for a in added]
    return out


def draft(key: str) -> Draft:
    """Everything unsaved in the table `key` (kept in the session while the widget is not drawn)."""
    combined = _combine(key)
    if combined is not None:
        st.session_state[f"{key}__draft"] = combined
        return combined
    return st.session_state.get(f"{key}__draft") or st.session_state.get(f"{key}__layer") or _empty()


def pending(key: str) -> bool:
    """Whether this session has unsaved edits in the table `key`."""
    widget = st.session_state.get(f"{key}__ed{st.session_state.get(f'{key}__gen', 0)}")
    if widget is not None and st.session_state.get(f"{key}__snap") is None:
        return any(_edits(widget))
    return not _blank(draft(key))


def tables() -> dict[str, str | None]:
    """Every table drawn in this session, with the page it is on."""
    return st.session_state.setdefault(TABLES, {})


def restore(key: str, page: str | None, kept: Draft) -> None:
    """Take back a draft kept by the browser (after a reload): the table starts from it when drawn next
    (a widget drawn before has nothing in it, and is left)."""
    _reset(key)
    st.session_state[f"{key}__draft"] = kept
    tables()[key] = page


def discard(key: str) -> None:
    _reset(key)


def editable_table(
    *,
    key: str,
    entity_name: str,
    rows: list[dict[str, Any]],
    cols: list[Col],
    actor: Actor,
    defaults: dict[str, Any] | None = None,
    label_field: str | None = None,
    read_only: bool = False,
    allow_add: bool = True,
    allow_delete: bool = True,
    height: int | None = None,
) -> None:
    """Show `rows` for editing in place and save what changed through the services, row by row. Unsaved
    edits outlive the widget: another page, a reload (the browser gives them back) and a rerun keep them."""
    tables()[key] = st.session_state.get(frame.CURRENT)
    gen = st.session_state.setdefault(f"{key}__gen", 0)
    draft = st.session_state.get(f"{key}__draft")
    if (
        f"{key}__ed{gen}" not in st.session_state
        and not _blank(draft)
        and draft != st.session_state.get(f"{key}__layer")
    ):
        gen = st.session_state[f"{key}__gen"] = gen + 1  # the widget forgot its edits: start again from the draft
        st.session_state[f"{key}__layer"] = draft
        st.session_state.pop(f"{key}__snap", None)
    snap_key = f"{key}__snap"
    if snap_key not in st.session_state or not pending(key):
        layer = st.session_state.get(f"{key}__layer") or _empty()
        if _blank(layer) or not pending(key):
            layer = _empty()
            st.session_state.pop(f"{key}__layer", None)
        st.session_state[snap_key] = _snapshot(rows, layer)
        st.session_state[f"{key}__saved"] = {"added": {}, "skip": []}
    snap: list[dict[str, Any]] = st.session_state[snap_key]
    config = kept(f"{key}__config", (state.lang(), entity_name, cols), lambda: _column_config(entity_name, cols))
    if read_only:
        st.dataframe(_frame(rows, cols), column_config=config, hide_index=True, placeholder="")
        return
    shown, _ = _display(snap, st.session_state.get(f"{key}__layer") or _empty())
    num_rows = "dynamic" if allow_add and allow_delete else ("add" if allow_add else "fixed")
    st.data_editor(
        # a pandas frame kept while the rows stay the same: given Arrow, the editor converts it every run
        kept(f"{key}__frame", (shown, cols), lambda: _frame(shown, cols).to_pandas()),
        key=f"{key}__ed{gen}",
        num_rows=num_rows,
        hide_index=True,
        column_config=config,
        height=height or "auto",
        placeholder="",
    )
    problems: list[_Problem] = st.session_state.get(f"{key}__problems", [])
    if pending(key):
        st.caption(t("table.unsaved"))
        save, discard_col = st.columns([1, 1])

        def save_all() -> bool:
            problems = _save(key, entity_name, snap, cols, actor, defaults or {}, label_field)
            st.session_state[f"{key}__problems"] = problems
            if not problems:
                _reset(key)
                st.toast(t("table.saved"), icon="✅")
            return True

        going = _going(key, snap, label_field or cols[0].field)
        if save.button(t("common.save"), key=f"{key}__save", type="primary"):
            if going:
                confirm.ask(f"{key}__delete")  # deleting asks first
            elif save_all():
                st.rerun()
        confirm.dialog(
            f"{key}__delete",
            title=t("confirm.delete.title"),
            body=t("confirm.delete.body", count=len(going), names=md(", ".join(going))),
            yes=t("confirm.delete.yes", count=len(going)),
            action=save_all,
        )
        if discard_col.button(t("table.discard"), key=f"{key}__discard"):
            _reset(key)
            st.rerun()
    _show_problems(key, entity_name, problems, snap, actor)
    _undo_box(key, entity_name, actor, label_field or cols[0].field)


def _going(key: str, snap: list[dict[str, Any]], label_field: str) -> list[str]:
    """The rows a save would delete, by label."""
    by_id = {r["id"]: r for r in snap}
    return [_label(by_id.get(row_id), label_field, f"#{row_id}") for row_id in draft(key)["deleted"]]


def _reset(key: str) -> None:
    st.session_state[f"{key}__gen"] = st.session_state.get(f"{key}__gen", 0) + 1
    for suffix in ("snap", "problems", "saved", "layer", "draft"):
        st.session_state.pop(f"{key}__{suffix}", None)


def _label(row: dict[str, Any] | None, label_field: str | None, fallback: str) -> str:
    if row and label_field and row.get(label_field):
        return str(row[label_field])[:60]
    return fallback


def _save(
    key: str,
    entity_name: str,
    snap: list[dict[str, Any]],
    cols: list[Col],
    actor: Actor,
    defaults: dict[str, Any],
    label_field: str | None,
) -> list[_Problem]:
    engine = state.engine()
    todo = draft(key)
    saved = st.session_state.setdefault(f"{key}__saved", {"added": {}, "skip": []})
    layer = st.session_state.get(f"{key}__layer") or _empty()
    fields = {c.field for c in cols if c.editable}
    by_id = {r["id"]: r for r in snap}
    problems: list[_Problem] = []
    deleted_labels: list[tuple[int, str]] = []
    for row_id in todo["deleted"]:
        label = _label(by_id.get(row_id), label_field, f"#{row_id}")
        try:
            services.delete(engine, actor=actor, entity_name=entity_name, row_id=row_id)
            deleted_labels.append((row_id, label))
        except DomainError as exc:
            problems.append(_Problem(str(row_id), label, messages(exc)))
    for sid, entry in todo["edited"].items():
        row_id = int(sid)
        changes = {k: v for k, v in entry["changes"].items() if k in fields}
        if row_id in todo["deleted"] or row_id in saved["skip"] or not changes:
            continue
        row = by_id.get(row_id) or layer["edited"].get(sid, {}) | {"id": row_id, "version": entry["version"]}
        shown = {**row, **changes}
        problems += _save_row(engine, actor, entity_name, row, changes, shown, label_field)
        if row_id not in by_id and sid in layer["edited"]:
            layer["edited"][sid]["version"] = row["version"]  # saved: a second save is no conflict with oneself
    for i, new in enumerate(todo["added"]):
        data = {**defaults, **{k: _value(v) for k, v in new.items() if k in fields}}
        label = _label(data, label_field, t("table.new_row", n=i + 1))
        if str(i) in saved["added"]:
            known = saved["added"][str(i)]
            problems += _save_row(engine, actor, entity_name, known, data, data, label_field, f"new{i}")
            continue
        try:
            saved["added"][str(i)] = services.create(engine, actor=actor, entity_name=entity_name, data=data)
        except DomainError as exc:
            problems.append(_Problem(f"new{i}", label, messages(exc)))
    if deleted_labels:
        st.session_state[f"{key}__undo"] = deleted_labels
    return problems


def _save_row(
    engine: Any,
    actor: Actor,
    entity_name: str,
    row: dict[str, Any],
    changes: dict[str, Any],
    shown: dict[str, Any],
    label_field: str | None,
    position: str | None = None,
) -> list[_Problem]:
    label = _label(shown, label_field, f"#{row['id']}")
    position = position or str(row["id"])
    try:
        new = services.update_row(
            engine, actor=actor, entity_name=entity_name, row_id=row["id"], version=row["version"], changes=changes
        )
        row.update(new)
        return []
    except ConflictError as exc:
        return [_Problem(position, label, [t("errors.conflict")], exc.current, row["id"], changes)]
    except DomainError as exc:
        return [_Problem(position, label, messages(exc))]


def _show_problems(
    key: str, entity_name: str, problems: list[_Problem], snap: list[dict[str, Any]], actor: Actor
) -> None:
    for n, p in enumerate(problems):
        box = st.container(border=True)
        box.error(f"**{md(p.label)}**  \n" + "  \n".join(md(line) for line in p.lines), icon="⚠️")
        if p.conflict is None:
            continue
        theirs = {f: p.conflict.get(f) for f in p.changes or {}}
        compare = pd.DataFrame(
            {
                t("table.field"): [field_label(entity_name, f) for f in theirs],
                t("table.theirs"): [_show(v) for v in theirs.values()],
                t("table.mine"): [_show(v) for v in (p.changes or {}).values()],
            }
        )
        box.dataframe(compare, hide_index=True, placeholder="—")
        keep, take = box.columns(2)
        if keep.button(t("table.keep_mine"), key=f"{key}__keep{n}"):
            _resolve(key, p, snap, actor, entity_name, keep_mine=True)
        if take.button(t("table.take_theirs"), key=f"{key}__take{n}"):
            _resolve(key, p, snap, actor, entity_name, keep_mine=False)


def _show(value: Any) -> str:
    return "—" if value is None or value == "" else fmt.number(value, state.lang())


def _resolve(
    key: str, p: _Problem, snap: list[dict[str, Any]], actor: Actor, entity_name: str, keep_mine: bool
) -> None:
    current = p.conflict or {}
    if keep_mine:
        try:
            current = services.update_row(
                state.engine(),
                actor=actor,
                entity_name=entity_name,
                row_id=p.row_id,
                version=current.get("version"),
                changes=p.changes or {},
            )
        except DomainError as exc:
            p.lines = messages(exc)
            p.conflict = exc.current if isinstance(exc, ConflictError) else None
            return
    else:
        st.session_state[f"{key}__saved"]["skip"].append(p.row_id)
    for row in snap:
        if row["id"] == p.row_id:
            row.update(current)
    remaining = [q for q in st.session_state.get(f"{key}__problems", []) if q is not p]
    st.session_state[f"{key}__problems"] = remaining
    if not remaining:
        _reset(key)
    st.rerun()


def _undo_box(key: str, entity_name: str, actor: Actor, label_field: str) -> None:
    """Right after a delete: a button that brings the rows back."""
    undo = st.session_state.get(f"{key}__undo")
    if not undo:
        return
    names = ", ".join(label for _, label in undo)
    text, button = st.columns([4, 1])
    text.info(t("table.deleted", names=md(names)), icon="🗑️")
    if button.button(t("table.undo"), key=f"{key}__undo_btn"):
        for row_id, _ in undo:
            try:
                services.restore(state.engine(), actor=actor, entity_name=entity_name, row_id=row_id)
            except DomainError as exc:
                text.error("  \n".join(md(m) for m in messages(exc)))
        st.session_state.pop(f"{key}__undo", None)
        st.rerun()


def trash(
    *,
    key: str,
    entity_name: str,
    here: Here,
    label: Callable[[dict[str, Any]], str],
    where: dict[str, Any] | None = None,
) -> None:
    """The bin: recently deleted rows of one kind (of `where`, e.g. one customer's), each with a restore
    button (undo across reruns and people); folded, and read only when someone opens it."""
    box = st.expander(t("steps15.bin"), icon="🗑️", key=f"{key}__open", on_change="rerun")
    if not box.open:
        return
    with box:
        deleted = frame.deleted(here, entity_name, where)[:BIN_SHOWN]
        if not deleted:
            st.caption(t("steps15.bin_empty"))
        for row in deleted:
            text, button = st.columns([4, 1])
            text.text(label(row))
            if button.button(t("table.restore"), key=f"{key}__restore{row['id']}"):
                try:
                    services.restore(state.engine(), actor=here.actor, entity_name=entity_name, row_id=row["id"])
                    st.rerun()
                except DomainError as exc:
                    text.error("  \n".join(md(m) for m in messages(exc)))


def edit_rows(
    here: Here,
    key: str,
    entity_name: str,
    rows: list[dict[str, Any]],
    cols: list[Col],
    *,
    read_only: bool,
    label_field: str,
    empty: str | None = None,
    bin_key: str | None = None,
    bin_where: dict[str, Any] | None = None,
    **options: Any,
) -> None:
    """One kind of row edited in place: a caption `empty` while there is none, the table (see
    `editable_table` for `options`) and, under `bin_key`, its bin naming each row by its `label_field`."""
    if not rows and empty:
        st.caption(empty)
    editable_table(
        key=key,
        entity_name=entity_name,
        rows=rows,
        cols=cols,
        actor=here.actor,
        label_field=label_field,
        read_only=read_only,
        **options,
    )
    if bin_key:
        trash(key=bin_key, entity_name=entity_name, here=here, label=lambda r: r[label_field], where=bin_where)
