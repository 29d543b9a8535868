"""Step 3 on screen: the customer's top pains and what answers them, the value factors, and the grid of
which factor answers which pain. The page script (pages/step3_value.py) puts these together."""

from __future__ import annotations

import streamlit as st

from cvm_core import experiments as ex
from cvm_core import pains as pains_core
from cvm_core import value as core
from cvm_core.pains import RankedPain
from cvm_core.settings import WEIGHT_MAX
from db import value as value_db
from ui import state, thread_view
from ui.forms import choose_many, submit
from ui.frame import Frame
from ui.grid import grid
from ui.state import t
from ui.steps import add_box
from ui.table import Col, edit_rows
from ui.widgets import md


class View:
    """The rows of one customer, as this person sees them."""

    def __init__(self, page: Frame, customer_id: int) -> None:
        data = page.data
        self.customer_id = customer_id
        self.factors = [f for f in data["value_factor"] if f["customer_id"] == customer_id]
        self.pains = [p for p in data["pain"] if p["customer_id"] == customer_id]
        self.ranked: list[RankedPain] = pains_core.ranking(self.pains, data["vote"])
        self.top = {r.id for r in pains_core.top_pains(self.pains, data["vote"]).get(customer_id, [])}
        self.answers = core.factor_pains(self.factors, data["factor_pain"], self.pains)
        self.links = {(link["pain_id"], link["factor_id"]) for link in data["factor_pain"]}
        self.tests = ex.testing(data["experiment"], "factor_id")


def top_pains(view: View) -> None:
    """Each top pain with the factors that answer it, or a warning that none does yet."""
    if not view.top:
        st.caption(t("step3.no_top_pains"))
        return
    names = {f["id"]: f["name"] for f in view.factors}
    by_pain: dict[int, list[str]] = {}
    for factor_id, pains in view.answers.items():
        for pain in pains:
            by_pain.setdefault(pain["id"], []).append(names[factor_id])
    lines = []
    for r in view.ranked:
        if r.id in view.top:
            by = by_pain.get(r.id)
            answer = t("step3.answered_by", factors=", ".join(by)) if by else t("step3.unanswered")
            lines.append(f"{'✅' if by else '⚠️'} **#{r.rank}** {md(r.pain['text'])} · {md(answer)}")
    st.markdown("  \n".join(lines))


def factors_table(page: Frame, view: View) -> None:
    rows = [{**f, "experiments": thread_view.tested(view.tests.get(f["id"], []))} for f in view.factors]
    cols = [
        Col("name", required=True),
        Col("weight", "int"),
        Col("high_is_good", "bool"),
        Col("description", width="large"),
        Col("experiments", editable=False, label=t("thread.experiments.column")),
    ]
    edit_rows(
        page.here,
        f"factors_{view.customer_id}",
        "value_factor",
        rows,
        cols,
        read_only=page.read_only,
        label_field="name",
        empty=t("step3.no_factors"),
        bin_key="factors_bin",
        bin_where={"customer_id": view.customer_id},
        defaults={"customer_id": view.customer_id, "high_is_good": True},
    )


def factors(page: Frame, view: View) -> None:
    """The factors tab: the list and adding one."""
    factors_table(page, view)
    if not page.read_only:
        add_form(page, view)


def add_form(page: Frame, view: View) -> None:
    pain_names = {r.id: r.pain["text"] for r in view.ranked}
    directions = {True: t("step3.add.high_good"), False: t("step3.add.low_good")}
    box = add_box("s3_add", t("step3.add.title"), first=not view.factors)
    if box is None:
        return
    with box, st.form("s3_add_form", clear_on_submit=True):
        name = st.text_input(t("fields.value_factor.name"), key="s3_new_name", placeholder=t("step3.add.placeholder"))
        weight_col, flag_col = st.columns(2)
        weight = weight_col.slider(t("fields.value_factor.weight"), 1, WEIGHT_MAX, 5, key="s3_new_weight")
        high_is_good = flag_col.radio(
            t("step3.add.direction"), list(directions), format_func=directions.get, key="s3_new_direction"
        )
        answers = choose_many(t("step3.add.answers"), pain_names, key="s3_new_answers")
        row = {"customer_id": view.customer_id, "name": name, "weight": weight, "high_is_good": high_is_good}
        submit(
            t("step3.add.submit"),
            lambda: value_db.create_factor(state.engine(), actor=page.here.actor, data=row, pain_ids=answers),
            done=lambda created: t("step3.add.added", name=created["name"]),
        )


def answers_grid(page: Frame, view: View) -> None:
    """Pains (ranked, ★ for the top ones) × factors: a tick where the factor answers the pain."""
    if not view.factors or not view.ranked:
        st.caption(t("step3.links_need"))
        return
    st.caption(t("step3.links_help"))
    engine, actor = state.engine(), page.here.actor
    grid(
        key=f"answers_{view.customer_id}",
        corner=t("step3.pain_column"),
        rows=[(r.id, f"#{r.rank} {r.pain['text']}") for r in view.ranked],
        cols=[(f["id"], f["name"]) for f in view.factors],
        cells={
            (r.id, f["id"]): (True, None) for r in view.ranked for f in view.factors if (r.id, f["id"]) in view.links
        },
        kind="bool",
        save=lambda pain_id, factor_id, value, _version: value_db.set_answer(
            engine, actor=actor, factor_id=factor_id, pain_id=pain_id, answers=bool(value)
        ),
        read_only=page.read_only,
        row_help={r.id: t("step3.top") if r.id in view.top else "" for r in view.ranked},
    )


def follow_thread(view: View) -> None:
    """A link from any of the customer's pains or value factors to its golden thread."""
    pains = {f"n{r.id}": t("thread.option.pain", text=r.pain["text"]) for r in view.ranked}
    factors = {f"f{f['id']}": t("thread.option.factor", text=f["name"]) for f in view.factors}
    thread_view.follow(pains | factors, key="s3_follow")
