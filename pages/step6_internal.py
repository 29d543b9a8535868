"""Step 6: guidance only until the step's artefacts land."""

import streamlit as st

from ui.page import require_workshop
from ui.state import t
from ui.widgets import guidance, step_status

here = require_workshop()
st.title(t("step6.title"))
guidance(6)
step_status(6, here.workshop_id)
st.info(t("common.coming"), icon="🚧")
