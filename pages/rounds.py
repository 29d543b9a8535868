"""Rounds: this workshop and the ones before and after it, compared — promises, our offer, money, prices,
feedback, actions."""

from ui import frame
from ui import rounds_view as view

page = frame.open("rounds")
rounds = view.load(page)
view.line(rounds)
view.since(rounds)
view.compare(page, rounds)
