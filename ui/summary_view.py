"""The summary on screen: the whole workshop for a manager who was not in the room, and its downloads
(the PDF made on demand behind a progress bar). The page script (pages/summary.py) puts these together."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

from cvm_core import exports
from cvm_core import summary as sm
from cvm_core.exports import backup
from cvm_core.exports.sheets import language
from cvm_core.rounds import ROUNDS
from db import read
from ui import state
from ui.frame import Frame, Here
from ui.state import t
from ui.widgets import md, unique

FILE_FORMATS = ("xlsx", "md", "csv", "json")
WIDE_TEXT = 40  # characters: a column with longer texts gets the most room ...
WRAPPED_ROW = 78  # ... and the table's rows hold three lines of text (rows taller than 64 px wrap their text)


@dataclass(frozen=True)
class Shown:
    """What the page shows: the person's view of the workshop (with the rounds before it) and its summary."""

    here: Here
    data: dict[str, Any]
    summary: sm.Summary
    version: tuple[Any, str]  # a prepared PDF is offered only for the workshop as it shows it
    workshop_lang: str


def load(page: Frame) -> Shown:
    """Everything here, downloads included, is what this person may see (db/read.py applies the rules)."""
    here, lang = page.here, state.lang()
    rounds = page.once("rounds", lambda: [r.row() for r in read.rounds(state.engine(), actor=here.actor)])
    data = {**page.data, ROUNDS: rounds}  # the summary and every file look back on the rounds before this one
    summary = page.once("summary", lambda: sm.build(data, lang))
    return Shown(here, data, summary, (page.view.marker, lang), language(data))


def json_file(v: Shown) -> bytes:
    """The facilitator's JSON is the backup that restores the workshop; anyone else's is their view."""
    if v.here.is_facilitator:
        return backup.render(read.backup(state.engine(), actor=v.here.actor))
    return backup.render(v.data, view=True)


def file_of(v: Shown, key: str) -> bytes:
    return json_file(v) if key == "json" else exports.export(key, v.data, v.workshop_lang)


def format_key(v: Shown, key: str) -> str:
    """The catalogue key of a download: a participant's JSON is named as their view."""
    return "json_view" if key == "json" and not v.here.is_facilitator else key


def downloads(v: Shown) -> None:
    """One button per format; each file is made when clicked (the PDF, slower, behind a spinner)."""
    name = v.summary.title
    with st.container(border=True):
        st.markdown(f"**{t('summary.downloads')}**")
        st.caption(t("summary.downloads_help"))
        columns = st.columns(len(FILE_FORMATS) + 1)
        with columns[0]:
            pdf_download(v, name)
        for column, key in zip(columns[1:], FILE_FORMATS, strict=True):
            column.download_button(
                t(f"summary.format.{format_key(v, key)}"),
                data=lambda key=key: file_of(v, key),
                file_name=exports.file_name(name, key, view=format_key(v, key) != key),
                mime=exports.FORMATS[key].mime,
                help=t(f"summary.format_help.{format_key(v, key)}"),
                on_click="ignore",
                icon="⬇️",
                key=f"download_{key}",
            )


def pdf_download(v: Shown, name: str) -> None:
    ready = st.session_state.get("summary_pdf")
    if ready is None or ready[0] != v.version:
        if st.button(t("summary.prepare_pdf"), icon="📄", help=t("summary.format_help.pdf"), key="prepare_pdf"):
            bar = st.progress(0.0, text=t("summary.preparing_pdf"))

            def progress(share: float, what: str) -> None:
                bar.progress(min(max(share, 0.0), 1.0), text=f"{t('summary.preparing_pdf')} {md(what)}")

            pdf = exports.export("pdf", v.data, v.workshop_lang, progress=progress)
            st.session_state.summary_pdf = (v.version, pdf)
            st.rerun()
        return
    st.download_button(
        t("summary.format.pdf"),
        data=ready[1],
        file_name=exports.file_name(name, "pdf"),
        mime=exports.FORMATS["pdf"].mime,
        help=t("summary.format_help.pdf"),
        on_click="ignore",
        icon="⬇️",
        type="primary",
        key="download_pdf",
    )


def column_of(values: pd.Series) -> object:
    """Numbers with thousands separated; a column of long texts gets the most room."""
    if pd.api.types.is_numeric_dtype(values):
        return st.column_config.NumberColumn(format="localized")
    return st.column_config.Column(width="large" if longest_text(values) > WIDE_TEXT else None)


def longest_text(values: pd.Series) -> int:
    return max((len(v) for v in values if isinstance(v, str)), default=0)


def block(item: sm.Block) -> None:
    if isinstance(item, sm.Heading):
        st.markdown(f"##### {md(item.text)}")
    elif isinstance(item, sm.Text):
        st.caption(md(item.text)) if item.muted else st.text(item.text)
    elif isinstance(item, sm.Figures):
        for column, (label, value) in zip(st.columns(len(item.items)), item.items, strict=True):
            column.metric(label, md(value))
    elif isinstance(item, sm.Table):
        frame = pd.DataFrame(item.rows, columns=unique(item.headers))
        long = any(longest_text(frame[c]) > WIDE_TEXT for c in frame.columns)
        st.dataframe(
            frame,
            hide_index=True,
            placeholder="—",
            column_config={c: column_of(frame[c]) for c in frame.columns},
            row_height=WRAPPED_ROW if long else None,
            height="content" if long else "auto",  # taller rows: every row shown, no scrolling inside
        )
        if item.more:
            st.caption(t("summary.more_rows", count=item.more))
    elif isinstance(item, sm.Bullets):
        st.markdown("\n".join(f"- {md(line)}" for line in item.items))
    elif isinstance(item, sm.Chart):
        chart = item.screen if item.screen is not None else item.spec
        if isinstance(chart, dict):
            st.vega_lite_chart(spec=chart, width="stretch")
        else:
            st.altair_chart(chart, width="stretch")
    elif isinstance(item, sm.Svg):
        st.image(item.svg, caption=md(item.alt), width="stretch")


def section(part: sm.Section) -> None:
    for item in part.blocks:
        block(item)


def sections(v: Shown) -> None:
    """The first section on the page, the others in tabs."""
    first, *rest = v.summary.sections
    st.subheader(first.title)
    section(first)
    for tab, part in zip(st.tabs([p.title for p in rest]), rest, strict=True):
        with tab:
            section(part)
