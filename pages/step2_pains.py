"""Step 2: the customers' pains, dot voting and the ranked list."""

import streamlit as st

from cvm_core import pains as core
from ui import bar, frame, on_behalf, voting
from ui import step2_view as view
from ui.frame import flash
from ui.state import t
from ui.steps import need_customer, pick_customer
from ui.widgets import completion, md, tabs

page = frame.open("step2_pains")
completion(2, page.once("completion", lambda: core.completion(page.data)))
if page.here.is_facilitator and not page.here.read_only:
    voting.controls(page)
elif page.workshop["brainstorm_private"]:
    st.info(t("step2.private_on"), icon="🙈")
customer = pick_customer(page.data["customer"]) or need_customer()
entering_for = on_behalf.picker(page)
st.subheader(t("step2.ranking", customer=md(customer["name"])))
if bar.ranking_asked():  # the room bar's voting link
    st.session_state.s2_tab = t("step2.tab.ranking")
tabs(
    [t("step2.tab.ranking"), t("step2.tab.pains")],
    "s2_tab",
    lambda: view.ranking_tab(page, customer["id"], entering_for),
    lambda: view.pains_tab(page, customer["id"], entering_for),
)
view.follow_thread(page, customer["id"])
flash()
