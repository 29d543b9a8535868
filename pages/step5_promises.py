"""Step 5: promises to the customer, their metric, the authority they need, their negotiation and health."""

import streamlit as st

from cvm_core import promises as core
from ui import step5_view as view
from ui.state import t
from ui.steps import flash, need_customer, open_step, pick_customer
from ui.widgets import completion, md

step = open_step(5, view.ENTITIES)
completion(5, step.once("completion", lambda: core.completion(step.data)))
view.overview(step)
customer = pick_customer(step.data["customer"]) or need_customer()
st.subheader(t("step5.promises_of", customer=md(customer["name"])))
tabs = [t("step5.tab.negotiation"), t("step5.tab.metrics")]
negotiation_tab, metrics_tab = st.tabs(tabs, key="s5_tab", on_change="rerun")
if negotiation_tab.open:
    with negotiation_tab:
        view.negotiation_table(step, customer["id"])
        if not step.read_only:
            view.add_form(step, customer["id"])
if metrics_tab.open:
    with metrics_tab:
        view.metrics_table(step, customer["id"])
flash()
