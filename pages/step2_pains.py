"""Step 2: the customers' pains, dot voting and the ranked list."""

import streamlit as st

from cvm_core import pains as core
from ui import frame, merge_view, on_behalf, voting
from ui import step2_view as view
from ui.frame import flash
from ui.state import t
from ui.steps import need_customer, pick_customer
from ui.widgets import completion, md

page = frame.open("step2_pains")
completion(2, page.once("completion", lambda: core.completion(page.data)))
if page.here.is_facilitator and not page.here.read_only:
    voting.controls(page)
elif page.workshop["brainstorm_private"]:
    st.info(t("step2.private_on"), icon="🙈")
customer = pick_customer(page.data["customer"]) or need_customer()
entering_for = on_behalf.picker(page)
st.subheader(t("step2.ranking", customer=md(customer["name"])))
ranking_tab, pains_tab = st.tabs([t("step2.tab.ranking"), t("step2.tab.pains")], key="s2_tab", on_change="rerun")
if ranking_tab.open:
    with ranking_tab:
        st.session_state.s2_full_run = True
        view.ranking(page, customer["id"], entering_for)
if pains_tab.open:
    with pains_tab:
        if not page.read_only:
            view.add_form(page, customer["id"], entering_for)
        if page.here.is_facilitator and not page.read_only:
            merge_view.controls(page, customer["id"])
        view.pains_table(page, customer["id"])
view.follow_thread(page, customer["id"])
flash()
