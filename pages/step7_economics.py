"""Step 7: each team's success metric and economics, internal sales and purchases from the internal
prices of step 6, and whether the value each team creates covers its costs."""

from ui import frame
from ui import step7_view as view

page = frame.open("step7_economics")
here, read_only = page.here, page.read_only
v, period, figures = view.load(page)
check_tab, charts_tab, numbers_tab = view.tabs()
if check_tab.open:
    with check_tab:
        view.check(v, figures)
if charts_tab.open:
    with charts_tab:
        view.charts(page, period)
if numbers_tab.open:
    with numbers_tab:
        view.numbers(here, v, period, figures, read_only)
