"""Follow never loses what someone typed. A participant who follows the facilitator types into an add form and
edits a table cell on steps 2, 5, 6 and 9 without saving; the facilitator (another browser) moves the room;
the participant stays, is told why, and finds both where they were — after a reload too. Discarding lets them
follow, and the text is gone for good."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from db.demo import DEMO_PASSCODE, build_demo
from db.trial import CODES, FACILITATORS
from tests.e2e.conftest import go, join_workshop, move_room, nav, served, wait_idle

PUSHED = 12_000  # ms: far below the 30 s fallback check, so only a pushed change can make it
HELD = "You have unsaved text on this page: save or discard it to follow the room."
UNSAVED_TABLE = "You have unsaved changes in this table."


@dataclass(frozen=True)
class Spot:
    """A step page: how to reach its add form's text field and its table, and where the room goes next."""

    nav: str
    path: str
    field: str  # the add-form input's widget key
    table: str  # the start of the table's widget key
    column: int  # the table's first text column
    room_to: str
    form_tab: str | None = None
    form_box: str | None = None  # the folded box the form sits in
    table_tab: str | None = None


SPOTS = [
    Spot("2. Pains", "step2_pains", "s2_new_text", "pains_", 0, "3. Value", form_tab="Add and edit pains"),
    Spot(
        "5. Promises", "step5_promises", "s5_new_text", "promises_", 0, "4. Strategy canvas", form_box="Add a promise"
    ),
    Spot(
        "6. Internal promises",
        "step6_internal",
        "new_internal_text",
        "internal_promises",
        2,
        "7. Economics",
        form_tab="🤝 Internal promises",
        form_box="Add an internal promise",
    ),
    Spot(
        "9. Experiments",
        "step9_experiments",
        "new_experiment_title",
        "experiments",
        1,
        "8. Motivation",
        form_tab="🧪 Test card",
        table_tab="📚 Hypothesis repository",
    ),
]


@pytest.fixture
def demo(tmp_path):
    """A server of its own on a fresh demo: the test moves the room and leaves people in it."""
    with served(tmp_path, lambda engine: build_demo(engine, "en")) as (running, _):
        yield running


def field(page, spot: Spot):  # noqa: ANN001, ANN201
    return page.locator(f"[data-testid=stMain] .st-key-{spot.field} input")


def grid(page, spot: Spot):  # noqa: ANN001, ANN201
    return page.locator(f"[data-testid=stMain] [class*='st-key-{spot.table}'] [data-testid=stDataFrame]").first


def cell(page, text: str):  # noqa: ANN001, ANN201
    return page.locator("[role=gridcell]", has_text=text).first


# A tall table's top row can sit above the viewport or under the app's fixed header: scroll its scrolling
# ancestor so that the table starts this far below the top.
TOP = """(el) => {
  el.scrollIntoView({ block: "start" });
  for (let p = el.parentElement; p; p = p.parentElement) {
    if (["auto", "scroll"].includes(getComputedStyle(p).overflowY) && p.scrollHeight > p.clientHeight) {
      p.scrollTop -= 150;
      break;
    }
  }
}"""


# Whether the keyboard's focus is in a table (Enter there opens the cell; in a form's field it would submit).
IN_GRID = "() => !!document.activeElement?.closest('[data-testid=stDataFrame]')"


def edit_first_row(page, spot: Spot, value: str) -> None:  # noqa: ANN001
    """Type `value` into the first row's text cell, without saving (a rerun landing between the click and
    the editor opening closes it, and a click that missed the moved table leaves the focus elsewhere: try
    again)."""
    table = grid(page, spot)
    wait_idle(page)
    editor = page.locator("#portal input, #portal textarea").first
    for _ in range(5):
        table.evaluate(TOP)
        page.wait_for_function("(el) => el.getBoundingClientRect().top >= 100", arg=table.element_handle())
        box = table.bounding_box()
        page.mouse.click(box["x"] + 70, box["y"] + 35 + 17)
        if not page.evaluate(IN_GRID):  # the table moved under the pointer: a key now would go elsewhere
            wait_idle(page)
            continue
        for _ in range(spot.column):
            page.keyboard.press("ArrowRight")
        page.keyboard.press("Enter")
        try:
            editor.wait_for(timeout=3_000)
            break
        except PlaywrightTimeout:
            wait_idle(page)
    editor.fill(value)
    editor.press("Enter")
    page.get_by_text(UNSAVED_TABLE).first.wait_for()
    wait_idle(page)


def follow(page) -> None:  # noqa: ANN001
    page.get_by_test_id("stSidebar").get_by_text("Follow the facilitator").click()
    wait_idle(page)


def type_both(pat, spot: Spot) -> tuple[str, str]:  # noqa: ANN001
    typed, edited = f"Typed on {spot.path}, not sent", f"Edited on {spot.path}, not saved"
    nav(pat, spot.nav)
    if spot.form_tab:
        pat.get_by_role("tab", name=spot.form_tab).click()
        wait_idle(pat)
    if spot.form_box:
        pat.get_by_test_id("stExpander").filter(has_text=spot.form_box).locator("summary").click()
        wait_idle(pat)
    field(pat, spot).fill(typed)
    if spot.table_tab:
        pat.get_by_role("tab", name=spot.table_tab).click()
        wait_idle(pat)
    edit_first_row(pat, spot, edited)
    return typed, edited


def both_there(pat, spot: Spot, typed: str, edited: str) -> None:  # noqa: ANN001
    """The typed text is in its field and the edited cell in its table (opening their tabs when they are
    in different ones: the page shows one tab at a time)."""
    if spot.table_tab:
        pat.get_by_role("tab", name=spot.form_tab).click()
        wait_idle(pat)
    pat.wait_for_function(
        f"() => document.querySelector('[data-testid=stMain] .st-key-{spot.field} input')?.value === {typed!r}",
        timeout=PUSHED,
    )
    if spot.table_tab:
        pat.get_by_role("tab", name=spot.table_tab).click()
        wait_idle(pat)
    cell(pat, edited).wait_for(state="attached", timeout=PUSHED)
    pat.get_by_text(UNSAVED_TABLE).first.wait_for()


def test_follow_keeps_typed_text_and_table_edits_on_steps_2_5_6_and_9(demo, new_page) -> None:
    fac = new_page()
    go(fac, demo.url)
    fac.get_by_role("tab", name="Facilitator sign-in").click()
    form = fac.get_by_test_id("stForm").filter(has_text="Sign in as facilitator")
    form.get_by_role("textbox", name="Join code").fill(CODES["en"])
    form.get_by_role("textbox", name="Facilitator passcode").fill(DEMO_PASSCODE)
    form.get_by_role("textbox", name="Your name").fill(FACILITATORS["en"])
    form.get_by_role("button", name="Sign in as facilitator").click()
    fac.wait_for_url("**/console")  # the facilitator lands on the console
    wait_idle(fac)

    pat = new_page()
    join_workshop(pat, demo.url, CODES["en"], "Pat")
    pat.wait_for_url("**/step6_internal")  # the room is on step 6
    for n, spot in enumerate(SPOTS):
        follow(pat)
        typed, edited = type_both(pat, spot)
        move_room(fac, spot.room_to)
        pat.get_by_text(HELD).wait_for(timeout=PUSHED)  # told why they stay
        assert pat.url.endswith(spot.path)
        both_there(pat, spot, typed, edited)

        pat.reload()
        pat.get_by_test_id("stSidebar").wait_for()
        wait_idle(pat)
        assert pat.url.endswith(spot.path)
        both_there(pat, spot, typed, edited)  # put back after the reload

        if n == len(SPOTS) - 1:  # the last one: discard and follow
            follow(pat)
            move_room(fac, "2. Pains")
            pat.get_by_role("button", name="Discard it and follow").click(timeout=PUSHED)
            pat.wait_for_url("**/step2_pains", timeout=PUSHED)
            nav(pat, spot.nav)
            pat.get_by_role("tab", name=spot.form_tab).click()
            wait_idle(pat)
            field(pat, spot).wait_for()
            assert field(pat, spot).input_value() == ""
            pat.get_by_role("tab", name=spot.table_tab).click()
            wait_idle(pat)
            assert cell(pat, edited).count() == 0
            assert pat.get_by_text(UNSAVED_TABLE).count() == 0
