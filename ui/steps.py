"""What the step pages 1–5 share: the page's head (title, guidance, status, read-only state) from one
snapshot read, and the customer the person is working on, kept across the pages."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

import streamlit as st

from cvm_core.errors import ConflictError, DomainError
from db import page_data, step_data
from db import services as sv
from db.engine import reading
from db.snapshot import Snapshot
from ui import state
from ui.page import Here, require_workshop
from ui.state import t
from ui.widgets import guidance, locked, md, messages, step_status

CUSTOMER_KEY = "step_customer"
T = TypeVar("T")


@dataclass(frozen=True)
class Step:
    here: Here
    data: Snapshot
    read_only: bool
    memo: dict[str, Any]

    @property
    def me(self) -> int | None:
        return self.here.actor.participant_id

    def once(self, name: str, compute: Callable[[], T]) -> T:
        """`compute()` kept with the snapshot: done again only when the rows changed."""
        if name not in self.memo:
            self.memo[name] = compute()
        return self.memo[name]


def open_step(step: int, entities: Iterable[str]) -> Step:
    """Title, guidance and status of a step page, with the live rows of `entities` read once."""
    here = require_workshop()
    data, memo = _cached(here.workshop_id, tuple(entities))
    st.title(t(f"step{step}.title"))
    st.caption(t(f"step{step}.intro"))
    guidance(step)
    row = next((r for r in data["step_progress"] if r["step"] == step), None)
    step_status(step, here.workshop_id, here=here, row=row)
    read_only = here.read_only or locked(row, here)
    if read_only and not here.read_only:
        st.info(t("common.read_only"), icon="🔒")
    return Step(here, data, read_only, memo)


def snapshot(workshop_id: int, entities: tuple[str, ...]) -> Snapshot:
    """The live rows of `entities` (with the workshop and the step statuses), read again only when one of
    them changed: a change marker (the newest audit event of those kinds) is read on every run, the rows
    only when it moved. Kept in this browser session's state, never shared between sessions; callers
    must not change the rows."""
    return _cached(workshop_id, entities)[0]


def _cached(workshop_id: int, entities: tuple[str, ...]) -> tuple[Snapshot, dict[str, Any]]:
    engine = state.engine()
    with reading(engine) as conn:
        now = page_data.marker(conn, workshop_id, (*entities, "workshop", "step_progress"))
    key = f"_steps15_{workshop_id}_{'.'.join(entities)}"
    known = st.session_state.get(key)
    if known is not None and known[0] == now:
        return known[1], known[2]
    data = step_data.read(engine, workshop_id=workshop_id, entities=(*entities, "step_progress"))
    st.session_state[key] = (now, data, {})
    return data, st.session_state[key][2]


def pick_customer(customers: list[dict[str, Any]], label: str | None = None) -> dict[str, Any] | None:
    """A customer to work on; the choice follows the person from one step page to the next."""
    if not customers:
        return None
    by_id = {c["id"]: c for c in customers}
    chosen = st.session_state.get(CUSTOMER_KEY)
    if chosen not in by_id:
        st.session_state[CUSTOMER_KEY] = customers[0]["id"]
    picked = st.selectbox(
        label or t("steps15.customer"),
        list(by_id),
        format_func=lambda cid: by_id[cid]["name"],
        key=CUSTOMER_KEY,
        persist_state="session",
    )
    return by_id.get(picked)


def save_text(
    *,
    key: str,
    entity_name: str,
    row: dict[str, Any],
    field: str,
    label: str,
    actor: Any,
    placeholder: str | None = None,
    read_only: bool = False,
) -> None:
    """One text field of a row, edited in place. What the person typed stays until they save or drop it;
    while they have not typed, the field follows what others save. A save based on an older version
    shows both texts with "keep mine" and "take theirs"."""
    typed, base, conflict = f"{key}__in", f"{key}__base", f"{key}__conflict"
    stored = row.get(field) or ""
    if typed not in st.session_state or st.session_state[typed] == st.session_state.get(base, (None, None))[0]:
        st.session_state[typed] = stored
        st.session_state[base] = (stored, row["version"])
    st.text_input(label, key=typed, placeholder=placeholder, disabled=read_only)
    if f"{key}__error" in st.session_state:
        st.error(st.session_state.pop(f"{key}__error"), icon="⚠️")
    if st.session_state[typed] != st.session_state[base][0] and not read_only and conflict not in st.session_state:
        st.caption(t("table.unsaved"))
        st.button(
            t("common.save"),
            key=f"{key}__save",
            type="primary",
            on_click=_save_text,
            args=(key, entity_name, row["id"], field, actor, st.session_state[base][1]),
        )
    if conflict in st.session_state:
        theirs, version = st.session_state[conflict]
        box = st.container(border=True)
        box.warning(t("errors.conflict"), icon="🔄")
        box.text(f"{t('table.theirs')}: {theirs or '—'}\n{t('table.mine')}: {st.session_state[typed] or '—'}")
        keep, take = box.columns(2)
        keep.button(
            t("table.keep_mine"),
            key=f"{key}__keep",
            on_click=_save_text,
            args=(key, entity_name, row["id"], field, actor, version),
        )
        take.button(t("table.take_theirs"), key=f"{key}__take", on_click=_take_theirs, args=(key,))


def _save_text(key: str, entity_name: str, row_id: int, field: str, actor: Any, version: int) -> None:
    value = st.session_state[f"{key}__in"]
    st.session_state.pop(f"{key}__conflict", None)
    try:
        saved = sv.update_row(
            state.engine(), actor=actor, entity_name=entity_name, row_id=row_id, version=version, changes={field: value}
        )
    except ConflictError as exc:
        st.session_state[f"{key}__conflict"] = (exc.current.get(field) or "", exc.current["version"])
        return
    except DomainError as exc:
        st.session_state[f"{key}__error"] = "  \n".join(md(m) for m in messages(exc))
        return
    st.session_state[f"{key}__in"] = saved.get(field) or ""
    st.session_state[f"{key}__base"] = (saved.get(field) or "", saved["version"])
    st.session_state.flash = t("table.saved")


def _take_theirs(key: str) -> None:
    theirs, version = st.session_state.pop(f"{key}__conflict")
    st.session_state[f"{key}__in"] = theirs
    st.session_state[f"{key}__base"] = (theirs, version)


def need_customer() -> dict[str, Any]:
    """Stop the page with a pointer to step 1 when there is no customer yet."""
    st.info(t("steps15.no_customers"), icon="👥")
    st.page_link("pages/step1_customers.py", label=t("steps15.go_step1"), icon="➡️")
    st.stop()
    raise AssertionError("unreachable")


def flash(message: str | None = None) -> None:
    """Remember a confirmation for the next run (with `message`), or show the one remembered."""
    if message is not None:
        st.session_state.flash = message
    elif "flash" in st.session_state:
        st.toast(md(st.session_state.pop("flash")), icon="✅")


def add_box(key: str, label: str, *, first: bool) -> Any:
    """Where an "add" form goes: open on the page while the list is empty (`first`), afterwards inside a
    folded expander whose form is drawn only when someone opens it. None when it is folded."""
    if first:
        box = st.container(border=True)
        box.markdown(f"**➕ {label}**")
        return box
    box = st.expander(label, icon="➕", key=key, on_change="rerun")
    return box if box.open else None


def deleted_bin(
    *,
    key: str,
    entity_name: str,
    actor: Any,
    label: Callable[[dict[str, Any]], str],
    where: dict[str, Any] | None = None,
) -> None:
    """Recently deleted rows (of `where`, e.g. one customer's) with a restore button each; folded, and
    read only when someone opens it."""
    box = st.expander(t("steps15.bin"), icon="🗑️", key=f"{key}__open", on_change="rerun")
    if not box.open:
        return
    engine = state.engine()
    with box:
        deleted = sv.rows(engine, workshop_id=actor.workshop_id, entity_name=entity_name, deleted=True, where=where)
        if not deleted:
            st.caption(t("steps15.bin_empty"))
        for row in deleted[:20]:
            text, button = st.columns([4, 1])
            text.text(label(row))
            if button.button(t("table.restore"), key=f"{key}__restore{row['id']}"):
                try:
                    sv.restore(engine, actor=actor, entity_name=entity_name, row_id=row["id"])
                    st.rerun()
                except DomainError as exc:
                    text.error("  \n".join(md(m) for m in messages(exc)))
