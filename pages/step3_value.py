"""Step 3: guidance only until the step's artefacts land."""

import streamlit as st

from ui.page import require_workshop
from ui.state import t
from ui.widgets import guidance, step_status

here = require_workshop()
st.title(t("step3.title"))
guidance(3)
step_status(3, here.workshop_id)
st.info(t("common.coming"), icon="🚧")
