"""The app as an ASGI application (st.App): Streamlit's own routes, ours, and our middleware.

Start it the way Streamlit documents for st.App: `streamlit run serve.py --server.port 8501` (reads
.streamlit/config.toml like `streamlit run app.py` did), or any ASGI server: `uvicorn serve:app`.
"""

import streamlit as st
from starlette.middleware import Middleware

from web import changes, memory, runs, session
from web.headers import SecurityHeaders

memory.keep_large_blocks_apart()
runs.keep_the_page_asked()  # a late run of the page being left never replaces the page asked
# Our routes live at the root: serve the app at the root path (server.baseUrlPath unset).
app = st.App("app.py", routes=[*session.routes, *changes.routes], middleware=[Middleware(SecurityHeaders)])
