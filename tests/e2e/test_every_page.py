"""Every page on the demo workshop in Chromium, in both languages, without an error box; with
SCREENSHOTS=1 (`make screenshots`) the pictures for the README and the facilitator's guide are kept."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cvm_core.i18n import t
from db.demo import build_rounds
from tests.e2e.conftest import ROOT, nav, served, sign_in_facilitator, wait_idle
from ui import registry

SHOWN_IN_RUSSIAN = ("progress", "step1_customers", "step4_canvas", "step6_internal", "summary", "console")
SHOTS = {
    "step1_customers": "step1",
    "step4_canvas": "step4",
    "console": "console",
    "network": "network",
    "summary": "summary",
    "step7_economics": "step7",
    "rounds": "rounds",
    "actions": "actions",
}
KEEP = os.environ.get("SCREENSHOTS") == "1"


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo")

    def both_languages(engine) -> None:  # noqa: ANN001
        for lang in ("ru", "en"):
            build_rounds(engine, lang)

    with served(folder, both_languages) as (server, _):
        yield server, folder


def sign_in(page, base: str, code: str, name: str) -> None:  # noqa: ANN001
    """As the demo's facilitator, in the demo's language."""
    tab = "Facilitator sign-in" if code == "DEMOEN" else "Вход ведущего"
    sign_in_facilitator(page, base, code, "demo-pass", name, tab)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_page_renders_on_the_demo(demo_server, new_page, lang: str) -> None:
    server, folder = demo_server
    page = new_page("en-US" if lang == "en" else "ru-RU", width=1400, height=1000)
    sign_in(page, server.url, "DEMOEN" if lang == "en" else "DEMORU", "Facilitator" if lang == "en" else "Ведущий")
    shots = ROOT / "docs" / "screenshots" if KEEP else folder
    shots.mkdir(parents=True, exist_ok=True)
    if lang == "en":
        page.screenshot(path=str(shots / "home.png"))
    screens = [p for p in registry.PAGES[1:] if not p.bare]  # the projector has its own test (no sidebar)
    for shown in screens if lang == "en" else map(registry.page, SHOWN_IN_RUSSIAN):
        nav(page, t(shown.title, lang))
        page.get_by_role("heading", name=t(f"{shown.heading}.title", lang)).first.wait_for()
        wait_idle(page)
        assert page.get_by_test_id("stException").count() == 0, shown.key
        if lang == "en" and shown.key in SHOTS:
            page.screenshot(path=str(shots / f"{SHOTS[shown.key]}.png"), full_page=shown.key != "summary")
    assert Path(shots / ("home.png" if lang == "en" else ".")).exists()
