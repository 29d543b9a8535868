"""Step 1: who the customers are, external and internal, and which departments serve each."""

import streamlit as st

from cvm_core import completion
from cvm_core.schema import CUSTOMER_KINDS
from db import services as sv
from ui import state
from ui.page import require_workshop
from ui.state import t
from ui.table import Col, editable_table, trash
from ui.widgets import attempt, guidance, locked, md, step_status
from ui.widgets import completion as show_completion

here = require_workshop()
engine, wid = state.engine(), here.workshop_id
st.title(t("step1.title"))
st.caption(t("step1.intro"))
guidance(1)
progress_row = step_status(1, wid)
read_only = here.read_only or locked(progress_row)
if read_only and not here.read_only:
    st.info(t("common.read_only"), icon="🔒")

departments = sv.rows(engine, workshop_id=wid, entity_name="department")
customers = sv.rows(engine, workshop_id=wid, entity_name="customer")
served = sv.rows(engine, workshop_id=wid, entity_name="customer_department")
names = {d["id"]: d["name"] for d in departments}
kinds = {k: t(f"choices.kind.{k}") for k in CUSTOMER_KINDS}

show_completion(1, completion.customers(departments, customers, served))

st.subheader(t("step1.departments"))
if not departments:
    st.caption(t("step1.no_departments"))
editable_table(
    key="departments",
    entity_name="department",
    rows=departments,
    cols=[Col("name", required=True), Col("description"), Col("takes_part", "bool")],
    actor=here.actor,
    defaults={"takes_part": True},
    label_field="name",
    read_only=read_only,
)
trash(key="departments_bin", entity_name="department", actor=here.actor, label=lambda r: r["name"])

st.subheader(t("step1.customers"))
if not customers:
    st.caption(t("step1.no_customers"))
editable_table(
    key="customers",
    entity_name="customer",
    rows=customers,
    cols=[
        Col("name", required=True),
        Col("kind", "select", options=kinds),
        Col("department_id", "select", options=names),
        Col("first_to_notice"),
        Col("segment_size", "int"),
        Col("customer_value", "number"),
        Col("ltv", "number"),
    ],
    actor=here.actor,
    defaults={"kind": "external"},
    label_field="name",
    read_only=read_only,
)
trash(key="customers_bin", entity_name="customer", actor=here.actor, label=lambda r: r["name"])

if not read_only:
    with (
        st.expander(t("step1.add_customer"), expanded=not customers, icon="➕"),
        st.form("add_customer", clear_on_submit=True),
    ):
        name = st.text_input(t("fields.customer.name"), key="new_customer_name")
        kind = st.radio(t("fields.customer.kind"), CUSTOMER_KINDS, format_func=kinds.get, horizontal=True)
        internal = st.selectbox(
            t("fields.customer.department_id"), [None, *names], format_func=lambda v: names.get(v, t("common.none"))
        )
        notice = st.text_input(t("fields.customer.first_to_notice"))
        size, value, ltv = st.columns(3)
        segment_size = size.number_input(t("fields.customer.segment_size"), min_value=0, step=1, value=None)
        customer_value = value.number_input(t("fields.customer.customer_value"), min_value=0.0, value=None)
        current_ltv = ltv.number_input(t("fields.customer.ltv"), min_value=0.0, value=None)
        serving = st.multiselect(t("step1.served_by"), list(names), format_func=names.get)
        if st.form_submit_button(t("step1.add_customer"), type="primary"):
            data = {
                "name": name,
                "kind": kind,
                "department_id": internal,
                "first_to_notice": notice,
                "segment_size": segment_size,
                "customer_value": customer_value,
                "ltv": current_ltv,
            }
            created = attempt(lambda: sv.create(engine, actor=here.actor, entity_name="customer", data=data))
            if created:
                link = ("customer_id", created["id"])
                sv.set_links(
                    engine,
                    actor=here.actor,
                    entity_name="customer_department",
                    parent=link,
                    child_field="department_id",
                    ids=serving,
                )
                st.session_state.flash = t("step1.added", name=md(created["name"]))
                st.rerun()

if customers and names:
    st.subheader(t("step1.served_by"))
    by_customer: dict[int, list[int]] = {}
    for link in served:
        by_customer.setdefault(link["customer_id"], []).append(link["department_id"])
    for customer in customers:
        current = [d for d in by_customer.get(customer["id"], []) if d in names]
        chosen = st.multiselect(
            md(customer["name"]),
            list(names),
            default=current,
            format_func=names.get,
            key=f"served_{customer['id']}_{len(current)}",
            disabled=read_only,
        )
        if sorted(chosen) != sorted(current):
            attempt(
                lambda c=customer, ids=chosen: sv.set_links(
                    engine,
                    actor=here.actor,
                    entity_name="customer_department",
                    parent=("customer_id", c["id"]),
                    child_field="department_id",
                    ids=ids,
                )
            )
            st.rerun()

if "flash" in st.session_state:
    st.toast(st.session_state.pop("flash"), icon="✅")
