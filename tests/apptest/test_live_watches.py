"""Every page that refreshes selectively names entities that exist."""

from cvm_core.schema import ENTITIES
from ui import live


def test_each_watched_page_lists_known_entities() -> None:
    known = set(ENTITIES) | {"workshop", "participant"}
    for url_path in live.VIEWS:
        shown = live.watches(url_path)
        assert shown and set(shown) <= known, url_path
    assert live.watches("summary") == ()  # any change refreshes pages without a list
