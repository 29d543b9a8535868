"""Summary: the whole workshop on one screen for a manager who was not in the room, and its exports
(the PDF made on demand behind a progress bar)."""

from ui import frame
from ui import summary_view as view

page = frame.open("summary")
shown = view.load(page)
view.downloads(shown)
view.sections(shown)
