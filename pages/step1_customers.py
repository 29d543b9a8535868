"""Step 1: who the customers are, external and internal, and which departments serve each."""

from cvm_core import completion as core
from ui import frame
from ui import step1_view as view
from ui.frame import flash
from ui.state import t
from ui.widgets import completion, tabs

page = frame.open("step1_customers")
completion(1, page.once("completion", lambda: core.step1(page.data)))
tabs(
    [t("step1.customers"), t("step1.departments")],
    "s1_tab",
    lambda: view.customers(page),
    lambda: view.departments(page),
)
flash()
