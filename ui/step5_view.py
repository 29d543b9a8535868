"""Step 5 on screen: the health of the agreed promises, the customer's promises to edit in place, and
adding a promise. The page script (pages/step5_promises.py) puts these together."""

from __future__ import annotations

import streamlit as st

from cvm_core import experiments as ex
from cvm_core import health as h
from cvm_core import promises as core
from cvm_core import risk
from cvm_core.schema import DIRECTIONS, PROMISE_STATUSES
from ui import thread_view
from ui.forms import add, choose, or_none
from ui.frame import Frame
from ui.state import t
from ui.steps import add_box
from ui.table import Col, edit_rows, editable_table

ICONS = {h.MET: "✅", h.AT_RISK: "⚠️", h.BROKEN: "❌", h.NO_DATA: "▫️"}


def health_label(health: str) -> str:
    return f"{ICONS[health]} {t(f'choices.health.{health}')}"


BADGES = {h.MET: "green", h.AT_RISK: "orange", h.BROKEN: "red", h.NO_DATA: "gray"}


def overview(page: Frame) -> None:
    """How the agreed promises of every customer stand (coloured badges), and how many are in each status."""
    promises = page.data["promise"]
    if not promises:
        return
    counts = page.once("by_health", lambda: core.by_health(promises))
    statuses = page.once("by_status", lambda: core.by_status(promises))
    badges = " ".join(f":{BADGES[k]}-badge[{health_label(k)}: {n}]" for k, n in counts.items())
    flow = " · ".join(f"{t(f'choices.status.{s}')}: {n}" for s, n in statuses.items())
    st.markdown(f"**{t('step5.health_title')}** {badges}  \n:small[{flow}]")


def _rows(page: Frame, customer_id: int) -> list[dict]:
    """The customer's promises with their health, who set the status when, the share of the segment's
    revenue each carries (set or by default) and the experiments that test it, ready to show (kept while
    the promises, factors and experiments stay the same)."""
    return page.once(
        f"rows_{customer_id}",
        lambda: _derive_rows(page, customer_id),
        uses=("promise", "value_factor", "experiment"),
    )


def _derive_rows(page: Frame, customer_id: int) -> list[dict]:
    shares = page.once(
        "shares",
        lambda: risk.shares(page.data["promise"], page.data["value_factor"])[0],
        uses=("promise", "value_factor"),
    )
    tests = ex.testing(page.data["experiment"], "promise_id")
    out = []
    for p in page.data["promise"]:
        if p["customer_id"] != customer_id:
            continue
        health = health_label(core.health(p)) if p["status"] != "rejected" else t("common.none")
        stamp = " · ".join(x for x in (p["status_by"], core.stamp_label(p["status_at"])) if x)
        used = round(shares[p["id"]] * risk.PERCENT, 1) if p["id"] in shares else None
        experiments = thread_view.tested(tests.get(p["id"], []))
        out.append({**p, "health": health, "status_set": stamp, "share_used": used, "experiments": experiments})
    return out


def negotiation_table(page: Frame, customer_id: int) -> None:
    """What we promise, what it delivers, who owns it, its status and the authority it needs."""
    factors = {f["id"]: f["name"] for f in page.data["value_factor"] if f["customer_id"] == customer_id}
    departments = {d["id"]: d["name"] for d in page.data["department"]}
    rows = _rows(page, customer_id)
    st.caption(f"{t('step5.negotiation_help')} {t('step5.share_help')}")
    cols = [
        Col("text", required=True, width="large"),
        Col("factor_id", "select", options=factors),
        Col("owner_department_id", "select", options=departments),
        Col("status", "select", options={s: t(f"choices.status.{s}") for s in PROMISE_STATUSES}, required=True),
        Col("status_set", editable=False, label=t("step5.col.status_set")),
        Col("authority_needed", width="medium"),
        Col("authority_granted", "bool"),
        Col("revenue_share", "number"),
        Col("share_used", "number", editable=False, label=t("step5.col.share_used")),
        Col("experiments", editable=False, label=t("thread.experiments.column")),
    ]
    edit_rows(
        page.here,
        f"promises_{customer_id}",
        "promise",
        rows,
        cols,
        read_only=page.read_only,
        label_field="text",
        empty=t("step5.no_promises"),
        bin_key="promises_bin",
        bin_where={"customer_id": customer_id},
        defaults={"customer_id": customer_id, "status": "draft", "metric_direction": "higher"},
    )


def metrics_table(page: Frame, customer_id: int) -> None:
    """How both sides will see that a promise is kept: the metric, its target, today's value, the health."""
    rows = _rows(page, customer_id)
    st.caption(t("step5.metrics_help"))
    if not rows:
        st.caption(t("step5.no_promises"))
        return
    editable_table(
        key=f"metrics_{customer_id}",
        entity_name="promise",
        rows=rows,
        cols=[
            Col("text", editable=False, width="large"),
            Col("health", editable=False, label=t("step5.col.health")),
            Col("metric_name"),
            Col("metric_unit", width="small"),
            Col("metric_direction", "select", options={d: t(f"choices.direction.{d}") for d in DIRECTIONS}),
            Col("metric_target", "number"),
            Col("metric_current", "number"),
        ],
        actor=page.here.actor,
        label_field="text",
        read_only=page.read_only,
        allow_add=False,
        allow_delete=False,
    )


def negotiation(page: Frame, customer_id: int) -> None:
    """The negotiation tab: the promises to edit and adding one."""
    negotiation_table(page, customer_id)
    if not page.read_only:
        add_form(page, customer_id)


def add_form(page: Frame, customer_id: int) -> None:
    factors = or_none({f["id"]: f["name"] for f in page.data["value_factor"] if f["customer_id"] == customer_id})
    departments = or_none({d["id"]: d["name"] for d in page.data["department"]})
    directions = {d: t(f"choices.direction.{d}") for d in DIRECTIONS}
    first = not any(p["customer_id"] == customer_id for p in page.data["promise"])
    box = add_box("s5_add", t("step5.add.title"), first=first)
    if box is None:
        return
    with box, st.form("s5_add_form", clear_on_submit=True):
        text = st.text_input(t("fields.promise.text"), key="s5_new_text", placeholder=t("step5.add.placeholder"))
        left, right = st.columns(2)
        factor = choose(t("fields.promise.factor_id"), factors, where=left)
        owner = choose(t("fields.promise.owner_department_id"), departments, where=right)
        name_col, unit_col, direction_col = st.columns([2, 1, 1])
        metric = name_col.text_input(t("fields.common.metric_name"), key="s5_new_metric")
        unit = unit_col.text_input(t("fields.common.metric_unit"), key="s5_new_unit")
        direction = choose(t("fields.common.metric_direction"), directions, where=direction_col)
        target_col, current_col = st.columns(2)
        target = target_col.number_input(t("fields.common.metric_target"), value=None, key="s5_new_target")
        current = current_col.number_input(t("fields.common.metric_current"), value=None, key="s5_new_current")
        authority_col, status_col = st.columns([3, 1])
        authority = authority_col.text_input(t("fields.promise.authority_needed"), key="s5_new_authority")
        statuses = {s: t(f"choices.status.{s}") for s in PROMISE_STATUSES}
        status = choose(t("fields.promise.status"), statuses, where=status_col, key="s5_new_status")
        granted = st.checkbox(t("fields.promise.authority_granted"), key="s5_new_granted")
        row = {
            "customer_id": customer_id,
            "text": text,
            "factor_id": factor,
            "owner_department_id": owner,
            "metric_name": metric,
            "metric_unit": unit,
            "metric_direction": direction,
            "metric_target": target,
            "metric_current": current,
            "authority_needed": authority,
            "authority_granted": granted,
            "status": status,
        }
        add(
            t("step5.add.submit"),
            page.here.actor,
            "promise",
            row,
            done=lambda r: t("step5.add.added", text=r["text"][:60]),
        )


def follow_thread(page: Frame, customer_id: int) -> None:
    """A link from any of the customer's live promises to its golden thread."""
    shown = [p for p in page.data["promise"] if p["customer_id"] == customer_id and p["status"] != "rejected"]
    thread_view.follow({f"p{p['id']}": p["text"] for p in shown}, key="s5_follow")
