"""Step 8: each team chooses how it shares in the value it creates; the bonus pool is computed from the
economics of step 7 and split among the team's members."""

from ui import frame
from ui import step8_view as view

page = frame.open("step8_motivation")
here, read_only = page.here, page.read_only
v, figures = view.load(page)
pools_tab, team_tab, plans_tab, compare_tab = view.tabs()
if pools_tab.open:
    with pools_tab:
        view.pools(v, figures)
if team_tab.open:
    with team_tab:
        view.team(here, v, figures)
if plans_tab.open:
    with plans_tab:
        view.plans(here, v, read_only)
if compare_tab.open:
    with compare_tab:
        view.compare(figures)
