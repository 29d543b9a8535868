"""The app's own HTTP layer around Streamlit (served by `serve.py` through st.App): security headers,
the session cookie set by the server, and the change stream that replaces polling."""
