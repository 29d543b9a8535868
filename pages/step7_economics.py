"""Step 7: each team's success metric and economics, internal sales and purchases from the internal
prices of step 6, and whether the value each team creates covers its costs."""

from ui import frame
from ui import step7_view as view
from ui.widgets import sections

page = frame.open("step7_economics")
v, period, figures = view.load(page)
sections(
    view.tabs(),
    lambda: view.check(v, figures),
    lambda: view.charts(page, period),
    lambda: view.numbers(page.here, v, period, figures, page.read_only),
)
