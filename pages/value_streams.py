"""Value streams: for each customer segment, the stages that create its value and who works in each."""

import streamlit as st

from ui import streams_view as view
from ui.page import require_workshop
from ui.state import t

here = require_workshop()
st.title(t("streams.title"))
st.caption(t("streams.intro"))
view.guidance()
v = view.load(here)
if not v.customers:
    st.info(t("streams.need_customers"), icon="👥")
    st.page_link("pages/step1_customers.py", label=t("streams.go_customers"), icon="➡️")
    st.stop()
stream = view.pick(v)
if stream is None:
    st.info(t("streams.none"), icon="🔀")
else:
    view.show(v, stream)
view.bin_and_new(v)
if "flash" in st.session_state:
    st.toast(st.session_state.pop("flash"), icon="✅")
