"""Step 9: guidance only until the step's artefacts land."""

import streamlit as st

from ui.page import require_workshop
from ui.state import t
from ui.widgets import guidance, step_status

here = require_workshop()
st.title(t("step9.title"))
guidance(9)
step_status(9, here.workshop_id)
st.info(t("common.coming"), icon="🚧")
