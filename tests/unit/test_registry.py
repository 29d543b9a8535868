"""The page registry: one line per page, each naming a file and entities that exist."""

from pathlib import Path

from cvm_core.schema import ENTITIES
from ui import live, registry

ROOT = Path(__file__).resolve().parents[2]


def test_every_page_file_is_registered_once_and_exists() -> None:
    files = {p.name for p in (ROOT / "pages").glob("*.py")}
    assert sorted(f"{p.key}.py" for p in registry.PAGES) == sorted(files)


def test_each_page_shows_known_entities() -> None:
    known = set(ENTITIES) | {"participant"}
    for page in registry.PAGES:
        assert page.shows is registry.WHOLE or set(page.shows) <= known, page.key


def test_the_room_bar_refreshes_a_page_on_what_it_shows() -> None:
    step2 = registry.page("step2_pains")
    assert {"pain", "vote", "workshop", "step_progress"} <= set(live.watches(step2))
    assert live.watches(registry.page("summary")) == ()  # any change refreshes pages that show everything


def test_one_page_per_step_in_order() -> None:
    assert [registry.step_page(n).step for n in range(1, 10)] == list(range(1, 10))
    assert registry.by_url("") is registry.HOME and registry.by_url("network").heading == "network"
