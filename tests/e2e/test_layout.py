"""Every page of the demo workshop on a projector, in both languages, at 1400 × 1000 and 1280 × 720:
no metric, button or label is cut off (its text wider than its box), and no page shows an error. The
screenshots are kept in the test's folder for a look."""

from __future__ import annotations

import pytest

from cvm_core.i18n import t
from tests.e2e.conftest import nav, wait_idle
from tests.e2e.test_every_page import demo_server, sign_in  # noqa: F401 (a fixture)
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
    for shown in registry.PAGES[1:]:
        nav(page, t(shown.title, lang))
        page.get_by_role("heading", name=t(f"{shown.heading}.title", lang)).first.wait_for()
        wait_idle(page)
        page.wait_for_function(SETTLED_JS, timeout=60_000)
        assert page.get_by_test_id("stException").count() == 0, shown.key
        if cut := cut_texts(page):
            found[shown.key] = cut
        page.screenshot(path=str(folder / f"projector-{lang}-{width}-{shown.key}.png"))
    assert found == {}
