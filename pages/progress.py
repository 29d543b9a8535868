"""Progress: the nine steps at a glance, each with its criterion, what is missing and the facilitator's
status."""

import streamlit as st

from ui import progress_view as view
from ui.page import require_workshop
from ui.state import t

here = require_workshop()
st.title(t("progress.title"))
st.caption(t("progress.intro"))
states = view.overview(here)
view.links(states)
