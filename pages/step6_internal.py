"""Step 6: internal promises between departments, the promise tree under every customer promise, and
the team (members, roles, communication rules)."""

from ui import action_link, frame
from ui import step6_view as view
from ui.frame import flash

page = frame.open("step6_internal")
here, read_only = page.here, page.read_only
v = view.load(page)
team = view.team_filter(here, v)
action_link.offer(page, ("internal_promise",), key="s6_act")
trees_tab, promises_tab, negotiate_tab, team_tab = view.tabs()
if trees_tab.open:
    with trees_tab:
        view.promise_trees(v, team)
if promises_tab.open:
    with promises_tab:
        view.internal_promises(here, v, team, read_only)
if negotiate_tab.open:
    with negotiate_tab:
        view.negotiation(page, v, team, read_only)
if team_tab.open:
    with team_tab:
        view.team_and_rules(here, v, team, read_only)
flash()
