"""Step 5: promises to the customer, their metric, the authority they need, their negotiation and health."""

import streamlit as st

from cvm_core import promises as core
from ui import action_link, frame
from ui import step5_view as view
from ui.frame import flash
from ui.state import t
from ui.steps import need_customer, pick_customer
from ui.widgets import completion, md, tabs

page = frame.open("step5_promises")
completion(5, page.once("completion", lambda: core.completion(page.data)))
view.overview(page)
customer = pick_customer(page.data["customer"]) or need_customer()
st.subheader(t("step5.promises_of", customer=md(customer["name"])))
action_link.offer(page, ("promise", "negotiation"), key="s5_act", customer_id=customer["id"])
tabs(
    [t("step5.tab.negotiation"), t("step5.tab.metrics")],
    "s5_tab",
    lambda: view.negotiation(page, customer["id"]),
    lambda: view.metrics_table(page, customer["id"]),
)
view.follow_thread(page, customer["id"])
flash()
