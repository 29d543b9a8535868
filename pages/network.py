"""Department network: who serves whom, how each promise is doing, and what is at risk if one fails."""

import streamlit as st

from ui import frame
from ui import network_view as view
from ui.state import t

page = frame.open("network")
here = page.here
model = view.load(page)
if not view.departments(model):
    st.info(t("network.empty"), icon="🕸️")
    st.stop()
chosen = view.filters(model)
selection = view.selected(model)
drawing, found, memo = view.drawing_of(model, chosen, selection)
view.picture(here, drawing, chosen, memo)
view.loops(model["net"])
cost = view.cost(model, selection)
impact_column, card_column = st.columns(2, gap="medium")
with impact_column:
    view.impact(model["net"], selection, found, cost)
with card_column:
    view.card_of(model, selection, chosen)
view.money(model, selection, cost)
