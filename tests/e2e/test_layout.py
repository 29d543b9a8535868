"""The demo workshop on a projector and on a phone, in both languages. On a projector (1400 × 1000 and
1280 × 720) no metric, button or label on any page is cut off (its text wider than its box); on a phone
(390 × 844) a participant's steps 1-9 do not scroll sideways. No page shows an error. The screenshots are
kept in the test's folder for a look."""

from __future__ import annotations

import pytest

from cvm_core.i18n import t
from tests.e2e.conftest import nav, wait_idle
from tests.e2e.test_every_page import demo_server, sign_in  # noqa: F401 (a fixture)
from tests.e2e.test_session_cookie import wait_cookie
from ui import registry

SIZES = ((1400, 1000), (1280, 720))

# Texts the page cuts: a metric (label, value, delta), a button, or any text Streamlit ends with "…",
# whose content is wider than its box while the box hides the rest.
CUT_JS = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const boxes = main.querySelectorAll(
    '[data-testid="stMetric"], [data-testid="stMetric"] *, button, button *, .stMarkdownEllipsis, .stMarkdownEllipsis *'
  );
  return [...boxes].filter((e) => {
    const style = getComputedStyle(e);
    const hides = style.textOverflow === 'ellipsis' || ['hidden', 'clip'].includes(style.overflowX);
    return hides && e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1;
  }).map((e) => `${e.closest('[data-testid]').dataset.testid}: ${e.innerText.slice(0, 60)}`);
}"""
SETTLED_JS = "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"


def cut_texts(page) -> list[str]:  # noqa: ANN001
    """What is cut on the page once it settled (metrics are fitted a frame after they are drawn)."""
    try:
        page.wait_for_function(f"() => ({CUT_JS})().length === 0", timeout=3_000)
        return []
    except Exception:  # noqa: BLE001 - timed out: report what stays cut
        return page.evaluate(CUT_JS)


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_nothing_is_cut_off_on_a_projector(demo_server, new_page, lang: str, width: int, height: int) -> None:  # noqa: F811
    server, folder = demo_server
    page = new_page("en-US" if lang == "en" else "ru-RU", width=width, height=height)
    sign_in(page, server.url, "DEMOEN" if lang == "en" else "DEMORU", "Facilitator" if lang == "en" else "Ведущий")
    found: dict[str, list[str]] = {}
    for shown in [p for p in registry.PAGES[1:] if not p.bare]:  # the projector view: tests/e2e/test_projector.py
        nav(page, t(shown.title, lang))
        page.get_by_role("heading", name=t(f"{shown.heading}.title", lang)).first.wait_for()
        wait_idle(page)
        page.wait_for_function(SETTLED_JS, timeout=60_000)
        assert page.get_by_test_id("stException").count() == 0, shown.key
        if cut := cut_texts(page):
            found[shown.key] = cut
        page.screenshot(path=str(folder / f"projector-{lang}-{width}-{shown.key}.png"))
    assert found == {}


PHONE = (390, 844)
# What makes the page wider than the screen: the document scrolls sideways, or (Streamlit scrolls its main
# box, not the document) a visible element of the page reaches past the screen's right edge without a box
# of its own that scrolls or clips it (a table scrolling inside its frame is fine).
WIDE_JS = """() => {
  const width = window.innerWidth;
  const main = document.querySelector('[data-testid="stMain"]');
  const held = (e) => {
    for (let box = e.parentElement; box && box !== main; box = box.parentElement) {
      const x = getComputedStyle(box).overflowX;
      if (x !== 'visible' && box.getBoundingClientRect().right <= width + 1) return true;
    }
    return false;
  };
  const out = [...main.querySelectorAll('*')].filter((e) => {
    const r = e.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.right > width + 1 && !held(e);
  });
  const page = document.scrollingElement.scrollWidth > width ? ['the document scrolls sideways'] : [];
  return page.concat(out.map((e) => {
    const named = e.closest('[data-testid]');
    return `${named ? named.dataset.testid : e.tagName}: ${Math.round(e.getBoundingClientRect().right)}px`;
  })).slice(0, 10);
}"""


def open_on_phone(page, base: str, path: str) -> None:  # noqa: ANN001
    """Open an address (a phone shows the sidebar folded away, so wait for the page itself)."""
    page.goto(f"{base}/{path}")
    page.get_by_test_id("stMain").wait_for()
    wait_idle(page)


def join_on_phone(page, base: str, code: str, name: str) -> None:  # noqa: ANN001
    """Join by the workshop's link, as a participant does from the QR code."""
    open_on_phone(page, base, f"?join={code}")
    form = page.get_by_test_id("stForm").first
    form.locator("input").nth(1).fill(name)
    form.get_by_test_id("stBaseButton-primaryFormSubmit").click()
    wait_idle(page)
    wait_cookie(page, present=True)  # the next page's address resumes the participant


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_participant_s_steps_fit_a_phone(demo_server, new_page, lang: str) -> None:  # noqa: F811
    server, folder = demo_server
    page = new_page("en-US" if lang == "en" else "ru-RU", width=PHONE[0], height=PHONE[1], is_mobile=True)
    join_on_phone(page, server.url, "DEMOEN" if lang == "en" else "DEMORU", f"Phone {lang}")
    wide: dict[str, list[str]] = {}
    for step in range(1, 10):
        shown = registry.step_page(step)
        open_on_phone(page, server.url, shown.key)
        page.get_by_role("heading", name=t(f"{shown.heading}.title", lang)).first.wait_for()
        wait_idle(page)
        page.wait_for_function(SETTLED_JS, timeout=60_000)
        assert page.get_by_test_id("stException").count() == 0, shown.key
        if found := page.evaluate(WIDE_JS):
            wide[shown.key] = found
        page.screenshot(path=str(folder / f"phone-{lang}-{shown.key}.png"), full_page=True)
    assert wide == {}


def test_the_checks_see_a_cut_text_and_a_page_wider_than_a_phone(new_page) -> None:
    """The two checks above find what they look for (and leave alone what is fine)."""
    page = new_page(width=PHONE[0], height=PHONE[1])
    page.set_content(
        '<body style="margin:0"><div data-testid="stMain"><div data-testid="stWide" style="width:600px">wide</div>'
        '<div style="overflow-x:auto;width:300px"><div style="width:900px">scrolls in its box</div></div></div>'
    )
    assert page.evaluate(WIDE_JS) == ["the document scrolls sideways", "stWide: 600px"]
    page.set_content(
        '<div data-testid="stMain"><div data-testid="stMetric"><div data-testid="stMetricValue" style="width:50px;'
        'overflow:hidden;white-space:nowrap;text-overflow:ellipsis">6. Внутренние обещания</div></div>'
        "<button>Start</button></div>"
    )
    assert page.evaluate(CUT_JS) == ["stMetricValue: 6. Внутренние обещания"]
