"""Step 2 on screen: the facilitator's voting switches, the ranked list with the dots, adding and editing
pains. The page script (pages/step2_pains.py) puts these together."""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import streamlit as st

from cvm_core import experiments as ex
from cvm_core import pains as core
from cvm_core.errors import DomainError
from cvm_core.rows import Row
from cvm_core.settings import FREQUENCY_MAX, SEVERITY_MAX
from db.pains import change_dots, dots_left
from ui import frame, merge_view, on_behalf, push, state, thread_view
from ui.forms import add
from ui.frame import Frame
from ui.live_list import Column, live_list
from ui.state import t
from ui.table import Col, edit_rows
from ui.widgets import md, messages
from web import lists


def _dot(actor: Any, pain_id: int, change: int, voter: int | None) -> None:
    try:
        change_dots(state.engine(), actor=actor, pain_id=pain_id, by=change, voter=voter)
        st.session_state.s2_dot_moved = voter is None  # one's own dots: the room bar shows them too
    except DomainError as exc:
        st.session_state.s2_vote_error = "  \n".join(md(m) for m in messages(exc))


def _ranking_columns(anonymous: bool, voting: bool) -> list[Column]:
    """The ranked list's columns: "your dots" only while voting, "who voted" only for named voting."""
    found = [
        Column("rank", t("step2.col.rank"), "number"),
        Column("text", t("fields.pain.text")),
        Column("dots", t("step2.col.dots"), "bar"),
        Column("severity", t("step2.col.severity"), "number"),
        Column("frequency", t("step2.col.frequency"), "number"),
        Column("weight", t("step2.col.weight"), "number", t("step2.col.weight_help")),
    ]
    if voting:
        found.append(Column("mine", t("step2.col.mine"), "number"))
    if not anonymous:
        found.append(Column("voters", t("step2.col.voters")))
    return found


def _grid_columns(columns: list[Column], top: int) -> dict[str, Any]:
    """`columns` as the data grid draws them (the list with the dots, while voting is open)."""
    cc = st.column_config
    config: dict[str, Any] = {}
    for c in columns:
        if c.kind == "bar":
            config[c.key] = cc.ProgressColumn(c.label, min_value=0, max_value=max(top, 1), format="%d")
        elif c.kind == "number":
            config[c.key] = cc.NumberColumn(c.label, width="small", help=c.help or None)
        else:
            config[c.key] = cc.TextColumn(c.label, width="large" if c.key == "text" else None)
    return config


@st.fragment
def ranking(page: Frame, customer_id: int, voter: Row | None = None) -> None:
    """The ranked list and, while voting is open, the dots (the person's own, or with `voter` that
    participant's, placed for them); a new pain or dot reruns it alone (pushed). The first run uses the
    page's snapshot, later runs of the fragment alone read their own. One's own dot reruns the whole page,
    so the room bar's count of dots left moves with it."""
    if st.session_state.pop("s2_dot_moved", False):
        st.rerun(scope="app")
    view = page.view if st.session_state.pop("s2_full_run", False) else page.fresh_view()
    fresh = view.data
    now = fresh["workshop"][0]
    anonymous = now["voting_anonymous"]
    whose = voter["id"] if voter else page.me
    rows = lists.ranking_rows(fresh, customer_id=customer_id, me=whose)
    if voter is None and not now["voting_open"]:
        # nothing to click in it: the list follows the room by itself, without a run (ui/live_list.py)
        st.caption(t("step2.voting_closed"))
        if "s2_vote_error" in st.session_state:  # a dot clicked just as voting closed
            st.error(st.session_state.pop("s2_vote_error"), icon="⚠️")
        made = lists.Rows(lists.version(view, "ranking"), rows)
        columns = _ranking_columns(anonymous, voting=False)
        spec = {"kind": "ranking", "customer": customer_id}
        live_list(page.actor, spec, columns, made, key="s2_ranking", none=t("step2.no_pains"))
        return
    budget = now["dots_per_person"]
    used = core.spent(fresh["vote"], page.me) if page.me else 0
    push.refresh_on(("pain", "vote"), key="s2_ranking")
    left = _left(page, voter, budget - used)
    if now["voting_open"] and voter:
        st.success(t("onbehalf.dots", name=md(voter["display_name"]), left=left, count=budget), icon="🗳️")
    elif now["voting_open"]:
        key = "step2.voting_open_anonymous" if anonymous else "step2.voting_open_named"
        st.success(t(key, left=left, count=budget), icon="🗳️")
    else:
        st.caption(t("step2.voting_closed"))
    if "s2_vote_error" in st.session_state:
        st.error(st.session_state.pop("s2_vote_error"), icon="⚠️")
    if not rows:
        st.caption(t("step2.no_pains"))
        return
    if now["voting_open"] and not page.read_only:
        _vote_buttons(page, rows, left, voter["id"] if voter else None)
    columns = _grid_columns(_ranking_columns(anonymous, now["voting_open"]), max(r["dots"] for r in rows))
    table = pa.Table.from_pylist([{k: r[k] for k in columns} for r in rows])
    # The data grid, not st.table: every browser in the room redraws this on each pushed change, and a
    # plain table makes each cell a Markdown element of its own (measured with 30 Chromium pages: cheaper
    # than the grid's canvas up to about 17 pains, dearer at 26), while the grid draws only the rows in view.
    st.dataframe(table, hide_index=True, column_config=columns, placeholder="—")


def _left(page: Frame, voter: Row | None, own_left: int) -> int:
    """The dots still free: the person's own (from the rows), or the voter's (asked of the services: the
    rows may not show where the voter's own dots went)."""
    if voter is None:
        return own_left
    try:
        return dots_left(state.engine(), actor=page.actor, voter=voter["id"])
    except DomainError:
        return 0


def _vote_buttons(page: Frame, rows: list[dict[str, Any]], left: int, voter: int | None) -> None:
    for row in rows:
        line = st.container(horizontal=True, vertical_alignment="center", gap="small")
        args = (page.here.actor, row["id"])
        line.button(
            t("step2.vote.remove"),
            key=f"s2_minus_{row['id']}",
            on_click=_dot,
            args=(*args, -1, voter),
            disabled=row["mine"] == 0,
        )
        line.button(
            t("step2.vote.add"),
            key=f"s2_plus_{row['id']}",
            on_click=_dot,
            args=(*args, 1, voter),
            disabled=left <= 0,
        )
        line.text(t("step2.vote.line", rank=row["rank"], mine=row["mine"], count=row["dots"], text=row["text"]))


def ranking_tab(page: Frame, customer_id: int, voter: Row | None) -> None:
    """The ranking tab: its first run takes the page's snapshot (see `ranking`)."""
    st.session_state.s2_full_run = True
    with push.steady("s2_ranking"):
        ranking(page, customer_id, voter)


def pains_tab(page: Frame, customer_id: int, author: Row | None) -> None:
    """The pains tab: adding one, merging (the facilitator), and the list to edit."""
    if not page.read_only:
        add_form(page, customer_id, author)
    if page.here.is_facilitator and not page.read_only:
        merge_view.controls(page, customer_id)
    pains_table(page, customer_id)


def add_form(page: Frame, customer_id: int, author: Row | None = None) -> None:
    """A new pain: the person's own, or with `author` that participant's, entered for them."""
    with st.form("s2_add", clear_on_submit=True):
        text = st.text_input(t("fields.pain.text"), key="s2_new_text", placeholder=t("step2.add.placeholder"))
        left, right = st.columns(2)
        severity = left.slider(t("fields.pain.severity"), 1, SEVERITY_MAX, 3, key="s2_new_severity")
        frequency = right.slider(t("fields.pain.frequency"), 1, FREQUENCY_MAX, 3, key="s2_new_frequency")
        row = {"customer_id": customer_id, "text": text, "severity": severity, "frequency": frequency}
        if author is not None:
            row["author_id"] = author["id"]
        add(t("step2.add.submit"), page.here.actor, "pain", row, done=lambda created: _added(created, author))


def _added(created: Row, author: Row | None) -> str:
    key = "step2.add.added_hidden" if created["hidden"] else "step2.add.added"
    added = t(key, text=created["text"][:60])
    return t("onbehalf.added", name=author["display_name"], added=added) if author else added


def pains_table(page: Frame, customer_id: int) -> None:
    """The person's view of the customer's pains, editable in place; deleted ones can be brought back. The
    test cards on them are read here, with the pains they hang on: the page reads them for this tab only."""
    experiments = frame.rows(page.here, ("pain", "experiment"))[0].data["experiment"]
    tests = ex.testing(experiments, "pain_id")
    names = {p["id"]: p["display_name"] for p in page.data["participant"]}
    mine = [
        {
            **p,
            "experiments": thread_view.tested(tests.get(p["id"], [])),
            "author": on_behalf.author(p, names, page.me),
        }
        for p in page.data["pain"]
        if p["customer_id"] == customer_id
    ]
    cols = [
        Col("text", required=True, width="large"),
        Col("severity", "int"),
        Col("frequency", "int"),
        Col("hidden", "bool", editable=False, label=t("step2.col.hidden")),
        Col("author", editable=False, label=t("fields.pain.author_id")),
        Col("experiments", editable=False, label=t("thread.experiments.column")),
    ]
    edit_rows(
        page.here,
        f"pains_{customer_id}",
        "pain",
        mine,
        cols,
        read_only=page.read_only,
        label_field="text",
        empty=t("step2.no_pains"),
        bin_key="pains_bin",
        bin_where={"customer_id": customer_id},
        defaults={"customer_id": customer_id},
    )


def follow_thread(page: Frame, customer_id: int) -> None:
    """A link from any of the customer's pains to its golden thread (hidden ones stay out of it)."""
    shown = [p for p in page.data["pain"] if p["customer_id"] == customer_id and not p.get("hidden")]
    thread_view.follow({f"n{p['id']}": p["text"] for p in shown}, key="s2_follow")
