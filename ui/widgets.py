"""Pieces every page uses: error messages, guidance, completion, step status, plain text, tables, charts."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any, TypeVar

import pyarrow as pa
import streamlit as st

from cvm_core.completion import Completion
from cvm_core.errors import ConflictError, DomainError, ValidationError
from cvm_core.i18n import has
from cvm_core.markup import no_autolinks
from cvm_core.schema import STEP_STATUSES
from db import services
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


def guidance(prefix: str) -> None:
    """A page's question, a good and a bad example and common mistakes (`prefix`: "step2", "network"...),
    drawn only while the expander is open (opening it reruns the page): a closed one costs every rerun nothing."""
    box = st.expander(t("common.guidance"), expanded=False, icon="🧭", key=f"guide_{prefix}", on_change="rerun")
    if not box.open:
        return
    with box:
        st.markdown(f"**{t('common.question')}** {t(f'{prefix}.guide.question')}")
        good, bad = st.columns(2)
        good.success(f"**{t('common.good_example')}**  \n{t(f'{prefix}.guide.good')}")
        bad.error(f"**{t('common.bad_example')}**  \n{t(f'{prefix}.guide.bad')}")
        st.markdown(f"**{t('common.mistakes')}**  \n{t(f'{prefix}.guide.mistakes')}")


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


def step_status(step: int, here: Any, row: dict[str, Any] | None) -> None:
    """The facilitator's status for the step (and its lock), editable by the facilitator only."""
    if row is None:
        return
    label = t("common.step_status")
    if not here.is_facilitator:
        lock = f" · 🔒 {t('common.locked')}" if row["locked"] else ""
        st.caption(f"{label}: {t('status.' + row['status'])}{lock}")
        return
    chosen = st.segmented_control(
        label,
        STEP_STATUSES,
        default=row["status"],
        format_func=lambda s: t(f"status.{s}"),
        key=f"status_{step}_{row['version']}",
    )
    if (
        chosen
        and chosen != row["status"]
        and attempt(lambda: update(here.actor, "step_progress", row, {"status": chosen}))
    ):
        st.rerun()


def update(actor: Any, entity_name: str, row: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """Save `changes` to `row` through the services, against the version it was read at."""
    return services.update_row(
        state.engine(), actor=actor, entity_name=entity_name, row_id=row["id"], version=row["version"], changes=changes
    )


def sections(tabs: list[Any], *draws: Callable[[], None]) -> None:
    """Draw into each tab its section, but only into the open one (tabs made with `on_change="rerun"`)."""
    for tab, draw in zip(tabs, draws, strict=True):
        if tab.open:
            with tab:
                draw()


def tabs(labels: list[str], key: str, *draws: Callable[[], None]) -> None:
    """Tabs of which only the open one runs: `draws` are their sections, in the order of `labels`."""
    sections(st.tabs(labels, key=key, on_change="rerun"), *draws)


def unique(headers: list[str]) -> list[str]:
    """Column names made distinct (a table cannot show two columns of the same name)."""
    seen: dict[str, int] = {}
    out = []
    for h in headers:
        seen[h] = seen.get(h, 0) + 1
        out.append(h if seen[h] == 1 else f"{h} ({seen[h]})")
    return out


def arrow(rows: list[dict[str, Any]]) -> pa.Table:
    """Rows as an Arrow table (user text stays plain data: a table never renders it as markup)."""
    return pa.Table.from_pylist(rows)


def money_columns(names: list[str]) -> dict[str, Any]:
    return {n: st.column_config.NumberColumn(n, format="localized") for n in names}


def chart(spec: dict[str, Any], frame: int = 150) -> None:
    """A Vega-Lite chart at full width whose plot keeps the height its spec asks for (Streamlit sizes the
    whole chart, so `frame` pixels are added for the title, legend and axes)."""
    st.vega_lite_chart(spec, width="stretch", height=int(spec.get("height", 300)) + frame)


_NUMBER_LOCALE = "_number_locale"


def number_locale() -> None:
    """Make the browser write numbers as the room's language does. Tables and number columns format in
    the browser with its own language (an English browser in a Russian room would show "1,234.5"); this
    tells the page the room's language once per session and again when it changes."""
    code = state.lang()
    if st.session_state.get(_NUMBER_LOCALE) == code:
        return
    st.session_state[_NUMBER_LOCALE] = code
    tag = json.dumps(code)
    script = (
        f"const tags = Object.freeze([{tag}]);"
        'Object.defineProperty(navigator, "languages", {get: () => tags, configurable: true});'
        'Object.defineProperty(navigator, "language", {get: () => tags[0], configurable: true});'
        f"document.documentElement.lang = {tag};"
    )
    st.html(f"<script>(() => {{{script}}})();</script>", unsafe_allow_javascript=True, width=1)


def kept(name: str, version: Any, build: Callable[[], Any]) -> Any:
    """`build()` kept in the session under `name` while `version` (what it is built from, as a copy, never
    a structure a save changes in place) stays the same: e.g. an editor's frame and column config, which
    Streamlit copies before changing them."""
    found = st.session_state.get(name)
    if found is None or found[0] != version:
        found = st.session_state[name] = (version, build())
    return found[1]
