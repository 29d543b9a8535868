"""Step 3: the value factors that decide the customer's choice, and the pains each one answers."""

import streamlit as st

from cvm_core import value as core
from ui import step3_view as view
from ui.state import t
from ui.steps import flash, need_customer, open_step, pick_customer
from ui.widgets import completion, md

step = open_step(3, view.ENTITIES)
completion(3, step.once("completion", lambda: core.completion(step.data)))
customer = pick_customer(step.data["customer"]) or need_customer()
rows = step.once(f"view_{customer['id']}", lambda: view.View(step, customer["id"]))
st.subheader(t("step3.top_pains", customer=md(customer["name"])))
view.top_pains(rows)
factors_tab, links_tab = st.tabs([t("step3.factors"), t("step3.links")], key="s3_tab", on_change="rerun")
if factors_tab.open:
    with factors_tab:
        view.factors_table(step, rows)
        if not step.read_only:
            view.add_form(step, rows)
if links_tab.open:
    with links_tab:
        view.answers_grid(step, rows)
flash()
