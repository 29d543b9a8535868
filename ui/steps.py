"""What the step pages 1–5 share: the customer the person is working on (kept across the pages), a text
field edited in place, the add box and the bin."""

from __future__ import annotations

from typing import Any

import streamlit as st

from cvm_core.errors import ConflictError, DomainError
from db import services
from ui import frame, state
from ui.frame import flash
from ui.state import t
from ui.widgets import md, messages

CUSTOMER_KEY = "step_customer"


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
    texts()[key] = st.session_state.get(frame.CURRENT)
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


TEXTS = "_texts"  # keys of the text fields edited in place -> the page they are on


def texts() -> dict[str, str | None]:
    return st.session_state.setdefault(TEXTS, {})


def text_draft(key: str) -> dict[str, Any] | None:
    """What the person typed into the text field `key` and has not saved: the text, and the text and
    version it was typed over; None when nothing."""
    typed, base = st.session_state.get(f"{key}__in"), st.session_state.get(f"{key}__base")
    if typed is None or not base or typed == base[0]:
        return None
    return {"value": typed, "base": base[0], "version": base[1]}


def keep_texts() -> None:
    """Streamlit forgets a widget's value when a run does not draw it: keep the typed texts across pages."""
    for key in texts():
        if f"{key}__in" in st.session_state:
            st.session_state[f"{key}__in"] = st.session_state[f"{key}__in"]


def restore_text(key: str, page: str | None, kept: dict[str, Any]) -> None:
    """Take back a typed text kept by the browser (after a reload), over the text and version it was typed on."""
    st.session_state[f"{key}__in"] = kept["value"]
    st.session_state[f"{key}__base"] = (kept["base"], kept["version"])
    texts()[key] = page


def discard_text(key: str) -> None:
    if f"{key}__base" in st.session_state:
        st.session_state[f"{key}__in"] = st.session_state[f"{key}__base"][0]


def _save_text(key: str, entity_name: str, row_id: int, field: str, actor: Any, version: int) -> None:
    value = st.session_state[f"{key}__in"]
    st.session_state.pop(f"{key}__conflict", None)
    try:
        saved = services.update_row(
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
    flash(t("table.saved"))


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


def add_box(key: str, label: str, *, first: bool) -> Any:
    """Where an "add" form goes: open on the page while the list is empty (`first`), afterwards inside a
    folded expander whose form is drawn only when someone opens it. None when it is folded."""
    if first:
        box = st.container(border=True)
        box.markdown(f"**➕ {label}**")
        return box
    box = st.expander(label, icon="➕", key=key, on_change="rerun")
    return box if box.open else None
