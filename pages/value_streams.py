"""Value streams: for each customer segment, the stages that create its value and who works in each."""

import streamlit as st

from ui import frame, registry
from ui import streams_view as view
from ui.state import t

page = frame.open("value_streams")
v = view.load(page)
if not v.customers:
    st.info(t("streams.need_customers"), icon="👥")
    st.page_link(registry.step_page(1).path, label=t("streams.go_customers"), icon="➡️")
    st.stop()
stream = view.pick(v)
if stream is None:
    st.info(t("streams.none"), icon="🔀")
else:
    view.show(v, stream)
view.bin_and_new(v)
frame.flash()
