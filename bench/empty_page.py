"""An empty Streamlit page: the floor against which page reruns are measured."""

import streamlit as st

st.empty()
