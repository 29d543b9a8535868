"""Step 3: the value factors that decide the customer's choice, and the pains each one answers."""

import streamlit as st

from cvm_core import value as core
from ui import action_link, frame
from ui import step3_view as view
from ui.frame import flash
from ui.state import t
from ui.steps import need_customer, pick_customer
from ui.widgets import completion, md, tabs

page = frame.open("step3_value")
completion(3, page.once("completion", lambda: core.completion(page.data)))
customer = pick_customer(page.data["customer"]) or need_customer()
rows = page.once(f"view_{customer['id']}", lambda: view.View(page, customer["id"]))
st.subheader(t("step3.top_pains", customer=md(customer["name"])))
view.top_pains(rows)
view.follow_thread(rows)
action_link.offer(page, ("pain",), key="s3_act", customer_id=customer["id"])
tabs(
    [t("step3.factors"), t("step3.links")],
    "s3_tab",
    lambda: view.factors(page, rows),
    lambda: view.answers_grid(page, rows),
)
flash()
