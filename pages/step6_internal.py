"""Step 6: internal promises between departments, the promise tree under every customer promise, and
the team (members, roles, communication rules)."""

from ui import action_link, frame
from ui import step6_view as view
from ui.frame import flash
from ui.widgets import sections

page = frame.open("step6_internal")
here, read_only = page.here, page.read_only
v = view.load(page)
team = view.team_filter(here, v)
action_link.offer(page, ("internal_promise",), key="s6_act")
sections(
    view.tabs(),
    lambda: view.promise_trees(v, team),
    lambda: view.internal_promises(here, v, team, read_only),
    lambda: view.negotiation(page, v, team, read_only),
    lambda: view.team_and_rules(here, v, team, read_only),
)
flash()
