"""The sections of the progress page: the nine steps at a glance and links to each."""

from __future__ import annotations

from typing import Any

import streamlit as st

from cvm_core import fmt, progress
from cvm_core.completion import Completion
from cvm_core.settings import STEP_COUNT
from ui import registry, state
from ui.frame import Frame
from ui.state import t
from ui.widgets import arrow, md

MISSING_SHOWN = 3


def _missing(s: progress.StepState) -> str:
    if s.result is None:
        return t("progress.not_available")
    if s.result.done:
        return t("progress.nothing_missing")
    items = [t(m.key, **m.params) for m in s.result.missing[:MISSING_SHOWN]]
    more = len(s.result.missing) - MISSING_SHOWN
    return "; ".join(items) + (f"; {t('common.and_more', count=more)}" if more > 0 else "")


def _build(data: dict[str, list[dict[str, Any]]], results: dict[int, Completion | None]) -> dict[str, Any]:
    states = progress.overview(data, results)
    col = {k: t(f"progress.col.{k}") for k in ("step", "criterion", "done", "status", "missing")}
    return {
        "states": states,
        "met": sum(1 for s in states if s.result is not None and s.result.done),
        "marked": sum(1 for s in states if s.status == "done"),
        "overall": progress.overall(states),
        "table": arrow(
            [
                {
                    col["step"]: t(f"steps.{s.step}"),
                    col["criterion"]: s.result.fraction if s.result is not None else None,
                    col["done"]: f"{s.result.done_count} / {s.result.total}" if s.result is not None else "—",
                    col["status"]: t(f"status.{s.status}") + (" 🔒" if s.locked else ""),
                    col["missing"]: _missing(s),
                }
                for s in states
            ]
        ),
        "columns": {
            col["criterion"]: st.column_config.ProgressColumn(
                col["criterion"], format="percent", min_value=0, max_value=1
            ),
            col["missing"]: st.column_config.TextColumn(col["missing"], width="large"),
        },
        "differ": [
            t(
                "progress.done_but_missing" if s.status == "done" else "progress.met_not_done",
                step=t(f"steps.{s.step}"),
            )
            for s in states
            if not s.agrees
        ],
    }


def overview(page: Frame) -> list[progress.StepState]:
    """The figures, the table of steps and what deserves a look; returns the steps' states."""
    results = {  # a step's criterion reads the rows its page shows, but no team's description
        step: page.once(
            ("criterion", step),
            lambda step=step: progress.check(step, page.data),
            uses=registry.step_page(step).shows or (),
            ignore={"department": ("description",)},
        )
        for step in range(1, STEP_COUNT + 1)
    }
    v = page.once("progress", lambda: _build(page.data, results))
    c1, c2, c3 = st.columns(3)
    c1.metric(t("progress.criteria_met"), fmt.ratio(v["met"], len(v["states"]), state.lang()), border=True)
    c2.metric(t("progress.marked_done"), fmt.ratio(v["marked"], len(v["states"]), state.lang()), border=True)
    c3.metric(t("progress.overall"), fmt.percent(v["overall"], state.lang()), border=True)
    st.dataframe(v["table"], hide_index=True, placeholder="—", column_config=v["columns"])
    if v["differ"]:
        st.subheader(t("progress.check"))
        st.markdown("\n".join(f"- {md(line)}" for line in v["differ"]))
    return v["states"]


def links(states: list[progress.StepState]) -> None:
    st.subheader(t("progress.go"))
    cols = st.columns(3)
    for s in states:
        icon = "✅" if s.result is not None and s.result.done else "▫️"
        cols[(s.step - 1) % 3].page_link(registry.step_page(s.step).path, label=t(f"steps.{s.step}"), icon=icon)
