"""Streamlit helpers shared by the pages: session state, widgets, the editable table."""
