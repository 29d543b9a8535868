"""Progress: the nine steps at a glance, each with its criterion, what is missing and the facilitator's
status."""

from ui import frame
from ui import progress_view as view

page = frame.open("progress")
states = view.overview(page)
view.links(states)
