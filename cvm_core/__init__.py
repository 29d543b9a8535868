"""The clientocracy method in pure Python: no Streamlit, no SQL."""
