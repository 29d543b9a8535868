"""Step 1: who the customers are, external and internal, and which departments serve each."""

import streamlit as st

from cvm_core import completion as core
from ui import step1_view as view
from ui.state import t
from ui.steps import flash, open_step
from ui.widgets import completion

step = open_step(1, view.ENTITIES)
completion(1, step.once("completion", lambda: core.step1(step.data)))
customers_tab, departments_tab = st.tabs(
    [t("step1.customers"), t("step1.departments")], key="s1_tab", on_change="rerun"
)
if customers_tab.open:
    with customers_tab:
        view.customers_table(step)
        if not step.read_only:
            view.add_customer(step)
        st.subheader(t("step1.who_serves"))
        view.who_serves_whom(step)
if departments_tab.open:
    with departments_tab:
        view.departments_table(step)
        if not step.read_only:
            view.add_department(step)
flash()
