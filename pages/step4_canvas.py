"""Step 4: the strategy canvas: offerings, scores, the ERRC grid, the to-be curve and its reading."""

import streamlit as st

from cvm_core import canvas as core
from ui import frame
from ui import step4_view as view
from ui.frame import flash
from ui.state import t
from ui.steps import need_customer, pick_customer, save_text
from ui.widgets import completion, md, tabs

page = frame.open("step4_canvas")
completion(4, page.once("completion", lambda: core.completion(page.data)))
customer = pick_customer(page.data["customer"]) or need_customer()
to_be = t("step4.to_be")
canvas = page.once(f"canvas_{customer['id']}_{to_be}", lambda: core.build(page.data, customer["id"], to_be_label=to_be))
st.subheader(t("step4.canvas", customer=md(customer["name"])))
view.chart(canvas, customer)
save_text(
    key=f"tagline_{customer['id']}",
    entity_name="customer",
    row=customer,
    field="tagline",
    label=t("step4.tagline"),
    placeholder=t("step4.tagline_placeholder"),
    actor=page.here.actor,
    read_only=page.read_only,
)
tabs(
    [t("step4.tab.scores"), t("step4.tab.errc"), t("step4.tab.offerings")],
    "s4_tab",
    lambda: view.scores(page, canvas),
    lambda: view.errc(page, canvas),
    lambda: view.offerings(page),
)
flash()
