"""Step 7: each team's success metric and economics, internal sales and purchases from the internal
prices of step 6, and whether the value each team creates covers its costs."""

from ui import step7_view as view
from ui.step_frame import start

here, read_only = start(7)
v, period, figures = view.load(here)
check_tab, charts_tab, numbers_tab = view.tabs()
if check_tab.open:
    with check_tab:
        view.check(v, figures)
if charts_tab.open:
    with charts_tab:
        view.charts(here, period)
if numbers_tab.open:
    with numbers_tab:
        view.numbers(here, v, period, figures, read_only)
