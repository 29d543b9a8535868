"""Every page of the app, declared once: its file, where it sits in the navigation, its step and the rows it
shows. The navigation, the page frame, the room bar, progress links, tests and benchmarks read it here.

To add a page: write `pages/<key>.py` (thin) and `ui/<key>_view.py` (what it draws), then add one line below.
"""

from __future__ import annotations

from dataclasses import dataclass

from cvm_core.settings import STEP_COUNT

START, STEPS, VIEWS, RUN = "start", "steps", "views", "run"
SECTIONS = (START, STEPS, VIEWS, RUN)
WHOLE = None  # a page that shows the whole workshop


@dataclass(frozen=True)
class Page:
    key: str  # the file's stem and the page's URL path
    section: str
    shows: tuple[str, ...] | None  # the entities its rows come from (WHOLE: every one)
    icon: str | None = None
    step: int | None = None
    heading: str | None = None  # catalogue prefix of its title, intro and guidance; None: no header
    bare: bool = False  # a screen for the room (the projector): no room bar, no sidebar
    tab_only: tuple[str, ...] = ()  # shown (and watched) but read only by the tab that shows them, when open

    @property
    def path(self) -> str:
        return f"pages/{self.key}.py"

    @property
    def title(self) -> str:
        """The catalogue key of its name in the navigation."""
        return f"steps.{self.step}" if self.step else f"pages.{self.key}"

    @property
    def reads(self) -> tuple[str, ...] | None:
        """The entities the frame reads for it: a step page also needs its status row, and a page with the
        sidebar its departments (the sidebar reads them with the page's rows: ui/frame.departments)."""
        if self.shows is WHOLE:
            return WHOLE
        shows = tuple(e for e in self.shows if e not in self.tab_only)
        also = ("step_progress",) if self.step else ()
        if shows and not self.bare:
            also = (*also, "department")
        return tuple(dict.fromkeys((*shows, *also)))


# What a golden thread and its money at risk read: the chain from customers to teams, economics, plans, and
# the experiments that test its artefacts.
THREAD = (
    "department",
    "customer",
    "customer_department",
    "pain",
    "vote",
    "value_factor",
    "factor_pain",
    "promise",
    "internal_promise",
    "promise_support",
    "economics",
    "motivation_plan",
    "value_stream",
    "value_stream_stage",
    "stage_department",
    "experiment",
)


def _step(step: int, key: str, *shows: str, tab_only: tuple[str, ...] = ()) -> Page:
    """A step's page: its header comes from the step's catalogue prefix ("step3")."""
    return Page(key, STEPS, shows, step=step, heading=f"step{step}", tab_only=tab_only)


PAGES: tuple[Page, ...] = (
    Page("home", START, (), "🏠"),
    Page("progress", START, WHOLE, "📈", heading="progress"),
    _step(1, "step1_customers", "department", "customer", "customer_department"),
    _step(2, "step2_pains", "customer", "pain", "vote", "participant", "experiment", tab_only=("experiment",)),
    _step(3, "step3_value", "customer", "pain", "vote", "value_factor", "factor_pain", "experiment"),
    _step(4, "step4_canvas", "customer", "value_factor", "offering", "canvas_score", "errc_action"),
    _step(5, "step5_promises", "customer", "value_factor", "department", "promise", "experiment"),
    _step(
        6,
        "step6_internal",
        *("department", "customer", "promise", "internal_promise", "promise_support", "team_member"),
        *("communication_rule", "economics", "motivation_plan"),
    ),
    _step(7, "step7_economics", "department", "internal_promise", "economics"),
    _step(
        8,
        "step8_motivation",
        *("department", "promise", "internal_promise", "economics", "motivation_plan", "team_member"),
    ),
    _step(
        9,
        "step9_experiments",
        *("department", "internal_promise", "experiment", "feedback_round", "feedback", "mistake"),
        *("customer", "pain", "value_factor", "promise"),
    ),
    Page("value_streams", VIEWS, WHOLE, "🔀", heading="streams"),
    Page(
        "network",
        VIEWS,
        (
            "department",
            "customer",
            "customer_department",
            "promise",
            "internal_promise",
            "promise_support",
            "value_stream",
            "value_stream_stage",
            "stage_department",
            "feedback",
            "feedback_round",
            "value_factor",
            "economics",
            "motivation_plan",
        ),
        "🕸️",
        heading="network",
    ),
    Page("thread", VIEWS, THREAD, "🧵", heading="thread"),
    Page("summary", VIEWS, WHOLE, "📄", heading="summary"),
    Page(
        "rounds",
        VIEWS,
        ("customer", "value_factor", "offering", "canvas_score", "promise", "internal_promise", "department")
        + ("economics", "motivation_plan", "team_member", "feedback", "action"),
        "🔁",
        heading="rounds",
    ),
    Page(
        "console",
        RUN,
        tuple(dict.fromkeys(("step_progress", "participant", "action", *THREAD))),
        "🎛️",
        heading="console",
    ),
    Page(
        "actions",
        RUN,
        ("action", "action_status", "participant", "department", "promise", "internal_promise")
        + ("experiment", "pain", "feedback_round"),
        "✅",
        heading="actions",
    ),
    Page("projector", RUN, ("customer", "pain", "vote", "participant", "step_progress"), "📽️", bare=True),
)
BY_KEY = {p.key: p for p in PAGES}
STEP_PAGES = {p.step: p for p in PAGES if p.step}
HOME = BY_KEY["home"]
assert sorted(STEP_PAGES) == list(range(1, STEP_COUNT + 1)), "one page per step"


def page(key: str) -> Page:
    return BY_KEY[key]


def step_page(step: int) -> Page:
    return STEP_PAGES[step]


def by_url(url_path: str) -> Page | None:
    """The page behind a navigation URL path ('' is home)."""
    return BY_KEY.get(url_path or "home")
