"""The app's own layout rules on every page (ui/layout.css): texts wrap instead of being cut, a metric too
wide for its column is made smaller, and projectors and phones get their room."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

CSS = Path(__file__).with_name("layout.css").read_text(encoding="utf-8")
FITTED = "_fit_metrics"
SMALLEST_PX = 14
# Watches the page and, whenever it changed, brings each metric's value that overflows its column (one
# long word) down a pixel at a time until it fits; installed once per page load.
FIT_JS = """(() => {
  if (window.__cvmFitMetrics) return;
  window.__cvmFitMetrics = true;
  const fit = () => {
    for (const box of document.querySelectorAll('[data-testid="stMetricValue"] .stMarkdownEllipsis')) {
      box.style.fontSize = "";
      let size = parseFloat(getComputedStyle(box).fontSize);
      while (box.scrollWidth > box.clientWidth + 1 && size > SMALLEST) {
        size -= 1;
        box.style.fontSize = size + "px";
      }
    }
  };
  let queued = false;
  const soon = () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; fit(); });
  };
  new MutationObserver(soon).observe(document.body, { childList: true, subtree: true, characterData: true });
  window.addEventListener("resize", soon);
  soon();
})();""".replace("SMALLEST", str(SMALLEST_PX))


def apply() -> None:
    """Send the rules with this run (a style-only element: Streamlit puts it outside the page's flow), and
    the metric fitter once per browser session (in the sidebar, where it takes no room on the page)."""
    st.html(f"<style>{CSS}</style>")
    if not st.session_state.get(FITTED):
        st.session_state[FITTED] = True
        with st.sidebar:
            st.html(f"<script>{FIT_JS}</script>", unsafe_allow_javascript=True, width=1)
