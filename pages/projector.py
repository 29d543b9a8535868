"""Projector view: the room on the big screen — the join code and its QR code, the step and its question,
the clock, who joined and who is ready, and the live vote. It follows the room by itself."""

from ui import frame, projector_view

page = frame.open("projector")
projector_view.show(page)
