"""Step 9: experiments as test cards closed by learning cards, the hypothesis repository, feedback
rounds between departments and the blameless mistakes log."""

from ui import action_link, frame
from ui import step9_view as view
from ui.frame import flash

page = frame.open("step9_experiments")
here, read_only = page.here, page.read_only
v = view.load(page)
action_link.offer(page, ("experiment", "feedback_round"), key="s9_act")
test_tab, learning_tab, repository_tab, feedback_tab, mistakes_tab = view.tabs()
if test_tab.open:
    with test_tab:
        view.test_card(here, v, read_only)
if learning_tab.open:
    with learning_tab:
        view.learning_card(here, v, read_only)
if repository_tab.open:
    with repository_tab:
        view.repository(here, v, read_only)
if feedback_tab.open:
    with feedback_tab:
        view.feedback(page, v)
if mistakes_tab.open:
    with mistakes_tab:
        view.mistakes(here, v, read_only)
flash()
