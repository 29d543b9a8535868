"""Step 8: each team chooses how it shares in the value it creates; the bonus pool is computed from the
economics of step 7 and split among the team's members."""

from ui import frame
from ui import step8_view as view
from ui.widgets import sections

page = frame.open("step8_motivation")
v, figures = view.load(page)
sections(
    view.tabs(),
    lambda: view.pools(v, figures),
    lambda: view.team(page.here, v, figures),
    lambda: view.plans(page.here, v, page.read_only),
    lambda: view.compare(figures),
)
