"""Step 1 on screen: customers (external segments and internal clients), the departments taking part,
and which departments serve which customer. The page script (pages/step1_customers.py) puts these
together."""

from __future__ import annotations

from typing import Any

import streamlit as st

from cvm_core.schema import CUSTOMER_KINDS
from db import services
from ui import state
from ui.forms import add, choose, choose_many, or_none, submit
from ui.frame import Frame
from ui.state import t
from ui.steps import add_box
from ui.table import Col, edit_rows
from ui.widgets import attempt, md


def _names(page: Frame) -> dict[int, str]:
    return {d["id"]: d["name"] for d in page.data["department"]}


def _served(page: Frame) -> dict[int, list[int]]:
    """Customer id → ids of the departments serving it."""
    live = _names(page)
    out: dict[int, list[int]] = {}
    for link in page.data["customer_department"]:
        if link["department_id"] in live:
            out.setdefault(link["customer_id"], []).append(link["department_id"])
    return out


def _customer_rows(page: Frame) -> list[dict[str, Any]]:
    """The customers with the departments serving each, as the table shows them."""
    names = _names(page)
    served = _served(page)
    return [{**c, "served_by": ", ".join(names[d] for d in served.get(c["id"], []))} for c in page.data["customer"]]


def customers_table(page: Frame) -> None:
    names = _names(page)
    kinds = {k: t(f"choices.kind.{k}") for k in CUSTOMER_KINDS}
    rows = page.once(
        "customer_rows", lambda: _customer_rows(page), uses=("customer", "department", "customer_department")
    )
    cols = [
        Col("name", required=True),
        Col("kind", "select", options=kinds),
        Col("department_id", "select", options=names),
        Col("first_to_notice"),
        Col("segment_size", "int"),
        Col("customer_value", "number"),
        Col("ltv", "number"),
        Col("served_by", editable=False, label=t("step1.served_by")),
    ]
    edit_rows(
        page.here,
        "customers",
        "customer",
        rows,
        cols,
        read_only=page.read_only,
        label_field="name",
        empty=t("step1.no_customers"),
        bin_key="customers_bin",
        defaults={"kind": "external"},
    )


def customers(page: Frame) -> None:
    """The customers tab: the list, adding one, and which departments serve whom."""
    customers_table(page)
    if not page.read_only:
        add_customer(page)
    st.subheader(t("step1.who_serves"))
    who_serves_whom(page)


def departments(page: Frame) -> None:
    """The departments tab: the list and adding one."""
    departments_table(page)
    if not page.read_only:
        add_department(page)


def add_customer(page: Frame) -> None:
    names = _names(page)
    kinds = {k: t(f"choices.kind.{k}") for k in CUSTOMER_KINDS}
    box = add_box("s1_add", t("step1.add_customer"), first=not page.data["customer"])
    if box is None:
        return
    with box, st.form("add_customer", clear_on_submit=True):
        name = st.text_input(t("fields.customer.name"), key="new_customer_name")
        kind = st.radio(t("fields.customer.kind"), list(kinds), format_func=kinds.get, horizontal=True)
        internal = choose(t("fields.customer.department_id"), or_none(names))
        notice = st.text_input(
            t("fields.customer.first_to_notice"), placeholder=t("step1.notice_placeholder"), key="new_customer_notice"
        )
        size, value, ltv = st.columns(3)
        segment_size = size.number_input(
            t("fields.customer.segment_size"), min_value=0, step=1, value=None, key="new_customer_size"
        )
        customer_value = value.number_input(
            t("fields.customer.customer_value"),
            min_value=0.0,
            value=None,
            help=t("step1.value_help"),
            key="new_customer_value",
        )
        current_ltv = ltv.number_input(
            t("fields.customer.ltv"), min_value=0.0, value=None, help=t("step1.ltv_help"), key="new_customer_ltv"
        )
        serving = choose_many(t("step1.served_by"), names)
        data = {
            "name": name,
            "kind": kind,
            "department_id": internal,
            "first_to_notice": notice,
            "segment_size": segment_size,
            "customer_value": customer_value,
            "ltv": current_ltv,
        }
        submit(
            t("step1.add_customer"),
            lambda: _create(page, data, serving),
            done=lambda created: t("step1.added", name=created["name"]),
        )


def _create(page: Frame, data: dict[str, Any], serving: list[int]) -> dict[str, Any]:
    engine, actor = state.engine(), page.here.actor
    created = services.create(engine, actor=actor, entity_name="customer", data=data)
    if serving:
        services.set_links(
            engine,
            actor=actor,
            entity_name="customer_department",
            parent=("customer_id", created["id"]),
            child_field="department_id",
            ids=serving,
        )
    return created


def who_serves_whom(page: Frame) -> None:
    """Pick a department (your own first) and tick the customers it serves."""
    names = _names(page)
    customers = {c["id"]: c["name"] for c in page.data["customer"]}
    if not names or not customers:
        return
    mine = page.here.person.get("department_id")
    order = sorted(names, key=lambda d: (d != mine, names[d].casefold()))
    department = st.selectbox(t("step1.department"), order, format_func=names.get, key="s1_department")
    current = [c for c, deps in _served(page).items() if department in deps and c in customers]
    chosen = st.multiselect(
        t("step1.serves", department=md(names[department])),
        list(customers),
        default=current,
        format_func=customers.get,
        key=f"s1_serves_{department}_{len(current)}_{sum(current)}",
        disabled=page.read_only,
    )
    if sorted(chosen) != sorted(current) and attempt(lambda: _serve(page, department, chosen)):
        st.rerun()


def _serve(page: Frame, department: int, customers: list[int]) -> bool:
    services.set_links(
        state.engine(),
        actor=page.here.actor,
        entity_name="customer_department",
        parent=("department_id", department),
        child_field="customer_id",
        ids=customers,
    )
    return True


def departments_table(page: Frame) -> None:
    edit_rows(
        page.here,
        "departments",
        "department",
        page.data["department"],
        [Col("name", required=True), Col("description", width="large"), Col("takes_part", "bool")],
        read_only=page.read_only,
        label_field="name",
        empty=t("step1.no_departments"),
        bin_key="departments_bin",
        defaults={"takes_part": True},
    )


def add_department(page: Frame) -> None:
    with st.form("add_department", clear_on_submit=True):
        name_col, about_col = st.columns([1, 2])
        name = name_col.text_input(t("fields.department.name"), key="new_department_name")
        about = about_col.text_input(t("fields.department.description"), key="new_department_about")
        data = {"name": name, "description": about}
        add(
            t("step1.add_department"),
            page.here.actor,
            "department",
            data,
            done=lambda r: t("step1.added", name=r["name"]),
        )
