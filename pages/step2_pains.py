"""Step 2: the customers' pains, dot voting and the ranked list."""

import streamlit as st

from cvm_core import pains as core
from ui import step2_view as view
from ui.state import t
from ui.steps import flash, need_customer, open_step, pick_customer
from ui.widgets import completion, md

step = open_step(2, view.ENTITIES)
completion(2, step.once("completion", lambda: core.completion(step.data)))
if step.here.is_facilitator and not step.here.read_only:
    view.facilitator_controls(step)
elif step.data["workshop"][0]["brainstorm_private"]:
    st.info(t("step2.private_on"), icon="🙈")
customer = pick_customer(step.data["customer"]) or need_customer()
st.subheader(t("step2.ranking", customer=md(customer["name"])))
ranking_tab, pains_tab = st.tabs([t("step2.tab.ranking"), t("step2.tab.pains")], key="s2_tab", on_change="rerun")
if ranking_tab.open:
    with ranking_tab:
        st.session_state.s2_full_run = True
        view.ranking(step, customer["id"])
if pains_tab.open:
    with pains_tab:
        if not step.read_only:
            view.add_form(step, customer["id"])
        view.pains_table(step, customer["id"])
flash()
