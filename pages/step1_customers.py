"""Step 1: who the customers are, external and internal, and which departments serve each."""

import streamlit as st

from cvm_core import completion as core
from ui import frame
from ui import step1_view as view
from ui.frame import flash
from ui.state import t
from ui.widgets import completion

page = frame.open("step1_customers")
completion(1, page.once("completion", lambda: core.step1(page.data)))
customers_tab, departments_tab = st.tabs(
    [t("step1.customers"), t("step1.departments")], key="s1_tab", on_change="rerun"
)
if customers_tab.open:
    with customers_tab:
        view.customers_table(page)
        if not page.read_only:
            view.add_customer(page)
        st.subheader(t("step1.who_serves"))
        view.who_serves_whom(page)
if departments_tab.open:
    with departments_tab:
        view.departments_table(page)
        if not page.read_only:
            view.add_department(page)
flash()
