"""Pieces every page uses: error messages, guidance, completion, step status, plain text."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, TypeVar

import streamlit as st

from cvm_core.completion import Completion
from cvm_core.errors import ConflictError, DomainError, ValidationError
from cvm_core.i18n import has
from cvm_core.markup import no_autolinks
from db import services as sv
from ui import state
from ui.state import t

T = TypeVar("T")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:])")


def md(text: Any) -> str:
    """User text made safe to place inside Markdown: every markup character is escaped and no web or
    e-mail address becomes a link."""
    return _MD_SPECIAL.sub(r"\\\1", no_autolinks(str(text if text is not None else ""))).replace("\n", "  \n")


def field_label(entity_name: str, field: str) -> str:
    key = f"fields.{entity_name}.{field}"
    return t(key) if has(key) else t(f"fields.common.{field}")


def messages(exc: DomainError) -> list[str]:
    """The error as lines in the user's language."""
    if isinstance(exc, ValidationError):
        return [
            f"{field_label(exc.entity, e.field)}: {t(e.key, **e.params)}" if e.field else t(e.key, **e.params)
            for e in exc.errors
        ]
    return [t(exc.key, **exc.params)]


def show_error(exc: DomainError, where: Any = st) -> None:
    where.error("  \n".join(md(m) for m in messages(exc)), icon="⚠️")


def attempt(action: Callable[[], T], where: Any = st) -> T | bool | None:
    """Run a service call; show its typed error instead of raising. None means it failed; a service
    that returns nothing gives True."""
    try:
        result = action()
        return True if result is None else result
    except ConflictError:
        where.warning(t("errors.conflict"), icon="🔄")
        return None
    except DomainError as exc:
        show_error(exc, where)
        return None


def guidance(step: int) -> None:
    """The step's question, a good and a bad example and common mistakes, in our own words."""
    with st.expander(t("common.guidance"), expanded=False, icon="🧭"):
        st.markdown(f"**{t('common.question')}** {t(f'step{step}.guide.question')}")
        good, bad = st.columns(2)
        good.success(f"**{t('common.good_example')}**  \n{t(f'step{step}.guide.good')}")
        bad.error(f"**{t('common.bad_example')}**  \n{t(f'step{step}.guide.bad')}")
        st.markdown(f"**{t('common.mistakes')}**  \n{t(f'step{step}.guide.mistakes')}")


def completion(step: int, result: Completion) -> None:
    """The step's criterion, how far it is met and what is still missing."""
    st.markdown(f"**{t('common.done_when')}** {t(f'step{step}.criterion')}")
    st.progress(result.fraction, text=t("common.progress", done=result.done_count, total=result.total))
    if result.done:
        st.success(t("common.criterion_met"), icon="✅")
    if result.missing:  # one list, one element: cheaper on every rerun than a line per item
        st.markdown("\n".join(f"- {md(t(item.key, **item.params))}" for item in result.missing[:8]))
    if len(result.missing) > 8:
        st.caption(t("common.and_more", count=len(result.missing) - 8))


def step_status(
    step: int, workshop_id: int, *, here: Any = None, row: dict[str, Any] | None = None
) -> dict[str, Any] | None:
    """The facilitator's status for the step (and its lock), editable by the facilitator only.

    A page that already has the step's progress `row` and its `ui.page.Here` passes them: no extra reads."""
    if row is None:
        rows = sv.rows(state.engine(), workshop_id=workshop_id, entity_name="step_progress", where={"step": step})
        if not rows:
            return None
        row = rows[0]
    if here is not None:
        who, is_facilitator = here.actor, here.is_facilitator
    else:
        who = state.actor()
        person = state.current()
        is_facilitator = person is not None and person[2]["role"] == "facilitator"
    options = ["not_started", "in_progress", "done"]
    label = t("common.step_status")
    if not is_facilitator:
        st.caption(
            f"{label}: {t('status.' + row['status'])}" + (f" · 🔒 {t('common.locked')}" if row["locked"] else "")
        )
        return row
    chosen = st.segmented_control(
        label,
        options,
        default=row["status"],
        format_func=lambda s: t(f"status.{s}"),
        key=f"status_{step}_{row['version']}",
    )
    if chosen and chosen != row["status"]:
        saved = attempt(
            lambda: sv.update_row(
                state.engine(),
                actor=who,
                entity_name="step_progress",
                row_id=row["id"],
                version=row["version"],
                changes={"status": chosen},
            )
        )
        if saved:
            st.rerun()
    return row


def locked(row: dict[str, Any] | None, here: Any = None) -> bool:
    """Whether this session may only read the step (locked by the facilitator)."""
    if not (row and row["locked"]):
        return False
    if here is not None:
        return not here.is_facilitator
    person = state.current()
    return not (person and person[2]["role"] == "facilitator")
