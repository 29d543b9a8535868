"""Progress: a placeholder until its issue lands."""

import streamlit as st

from ui.page import require_workshop
from ui.state import t

require_workshop()
st.title(t("pages.progress"))
st.info(t("common.coming"), icon="🚧")
