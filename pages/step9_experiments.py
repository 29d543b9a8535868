"""Step 9: experiments as test cards closed by learning cards, the hypothesis repository, feedback
rounds between departments and the blameless mistakes log."""

from ui import action_link, frame
from ui import step9_view as view
from ui.frame import flash
from ui.widgets import sections

page = frame.open("step9_experiments")
here, read_only = page.here, page.read_only
v = view.load(page)
action_link.offer(page, ("experiment", "feedback_round"), key="s9_act")
sections(
    view.tabs(),
    lambda: view.test_card(here, v, read_only),
    lambda: view.learning_card(here, v, read_only),
    lambda: view.repository(here, v, read_only),
    lambda: view.feedback(page, v),
    lambda: view.mistakes(here, v, read_only),
)
flash()
